// The environment model: one validated schema per file under ./schema, re-exported here.
export * from './schema/primitives';
export * from './schema/network';
export * from './schema/encryption';
export * from './schema/node-traffic-encryption';
export * from './schema/tags';
export * from './schema/environment';
export * from './schema/account';
