import { environmentSchema } from '../../environments/schema';

const uc = environmentSchema.shape.unityCatalog;
const issues = (volumeGrants: { group: string; privileges: string[] }[], published = true) => {
  const result = uc.safeParse({ catalogs: [{ name: 'c', schemas: [{ name: 'gold', published, volumes: [{ name: 'files', grants: volumeGrants }] }] }] });
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('volumes of a published schema are never writable', () => {
  it.each(['WRITE_VOLUME', 'ALL_PRIVILEGES', 'MANAGE', 'APPLY_TAG'])('refuses %s in an explicit volume grant', (privilege) => {
    expect(issues([{ group: 'readers', privileges: ['READ_VOLUME', privilege] }])).toEqual([
      `catalogs.0.schemas.0.volumes.0.grants.0.privileges.1: ${privilege} writes or administers; volumes of a published schema are read-only (allowed: READ_VOLUME)`,
    ]);
  });

  it('accepts reading, and writing where the schema is not published', () => {
    expect(issues([{ group: 'readers', privileges: ['READ_VOLUME'] }])).toEqual([]);
    expect(issues([{ group: 'writers', privileges: ['READ_VOLUME', 'WRITE_VOLUME'] }], false)).toEqual([]);
  });

  it('reports every writable grant, across groups', () => {
    expect(issues([{ group: 'a', privileges: ['WRITE_VOLUME'] }, { group: 'b', privileges: ['MANAGE'] }]).map((i) => i.split(':')[0])).toEqual([
      'catalogs.0.schemas.0.volumes.0.grants.0.privileges.0',
      'catalogs.0.schemas.0.volumes.0.grants.1.privileges.0',
    ]);
  });
});
