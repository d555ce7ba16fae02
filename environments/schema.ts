// The environment model: one validated schema per file under ./schema, re-exported here.
export * from './schema/primitives';
export * from './schema/network';
export * from './schema/encryption';
export * from './schema/node-traffic-encryption';
export * from './schema/tags';
export * from './schema/log-delivery';
export * from './schema/environment';
export * from './schema/account';
export * from './schema/system-schemas';
export * from './schema/unity-catalog';
export * from './schema/workspace-security';
export * from './schema/workspace-settings';
export * from './schema/secret-scopes';
export * from './schema/cluster-policy';
export * from './schema/private-link';
export * from './schema/databricks-regions';
export * from './schema/serverless';
