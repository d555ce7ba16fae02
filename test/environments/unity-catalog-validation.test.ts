import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ConfigError, loadConfig } from '../../environments';
import { accountFixture, environmentFixture, FIXTURE } from '../support/fixtures';

const account = accountFixture();
const alpha = environmentFixture('alpha');
const groups = FIXTURE.groups; // display names by key

/** Loads the account fixture and environment "alpha" (as JSON files) with changes, and returns the problems reported. */
function problemsWith(change: { account?: Record<string, unknown>; unityCatalog?: unknown }): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'uc-validation-'));
  try {
    writeFileSync(path.join(dir, 'account.json'), JSON.stringify({ ...account, ...change.account }));
    writeFileSync(path.join(dir, 'alpha.json'), JSON.stringify({ ...alpha, unityCatalog: change.unityCatalog }));
    loadConfig(dir);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const catalogWith = (schema: Record<string, unknown>, catalog: Record<string, unknown> = {}) => ({
  catalogs: [{ name: 'lakehouse', schemas: [{ name: 'raw', ...schema }], ...catalog }],
});

describe('Unity Catalog validation', () => {
  it('accepts the default layout and an explicit, valid one', () => {
    expect(problemsWith({})).toEqual([]);
    expect(problemsWith({ unityCatalog: catalogWith({ grants: [{ group: 'dataEngineers', privileges: ['USE_SCHEMA', 'SELECT'] }] }) })).toEqual([]);
  });

  it.each([
    ['catalog', { catalogs: [{ name: 'Sales-Data', schemas: [{ name: 'raw' }] }] }, 'unityCatalog.catalogs.0.name'],
    ['schema', catalogWith({ name: '1raw' }), 'unityCatalog.catalogs.0.schemas.0.name'],
    ['volume', catalogWith({ volumes: [{ name: 'Landing Zone' }] }), 'unityCatalog.catalogs.0.schemas.0.volumes.0.name'],
  ])('rejects a %s name that is not a lowercase SQL identifier', (_kind, unityCatalog, field) => {
    expect(problemsWith({ unityCatalog })).toEqual([
      expect.stringMatching(new RegExp(`^environment "alpha" \\(.*alpha\\.json\\): ${field.replace(/\./g, '\\.')}: must be a lowercase SQL identifier`)),
    ]);
  });

  it('rejects an unknown privilege, naming it', () => {
    const problems = problemsWith({ unityCatalog: catalogWith({ grants: [{ group: 'dataEngineers', privileges: ['SELEKT'] }] }) });
    expect(problems).toEqual([expect.stringContaining('unityCatalog.catalogs.0.schemas.0.grants.0.privileges.0: unknown privilege "SELEKT"')]);
  });

  it('rejects a privilege that does not apply to the securable', () => {
    const problems = problemsWith({ unityCatalog: catalogWith({ grants: [{ group: 'dataEngineers', privileges: ['USE_CATALOG'] }] }) });
    expect(problems).toEqual([expect.stringContaining('privileges.0: USE_CATALOG does not apply to a schema (allowed: ')]);
    const onVolume = problemsWith({ unityCatalog: catalogWith({ volumes: [{ name: 'landing', grants: [{ group: 'dataEngineers', privileges: ['SELECT'] }] }] }) });
    expect(onVolume).toEqual([expect.stringContaining('SELECT does not apply to a volume')]);
  });

  it('rejects a grant to a group that is not a key of account.groups, listing the keys', () => {
    const problems = problemsWith({ unityCatalog: catalogWith({}, { grants: [{ group: 'dataScientists', privileges: ['USE_CATALOG'] }] }) });
    expect(problems).toEqual([
      expect.stringMatching(
        /^environment "alpha" \(\S*alpha\.json\): unityCatalog\.catalogs\.0\.grants\.0\.group: "dataScientists" is not a key of account\.groups \(admins, dataEngineers, analysts\)$/,
      ),
    ]);
  });

  it.each([
    ['a catalog', catalogWith({}, { grants: [{ group: groups.analysts, privileges: ['USE_CATALOG'] }] }), 'unityCatalog.catalogs.0.grants.0.group'],
    ['a schema', catalogWith({ grants: [{ group: groups.analysts, privileges: ['SELECT'] }] }), 'unityCatalog.catalogs.0.schemas.0.grants.0.group'],
    ['a volume', catalogWith({ volumes: [{ name: 'landing', grants: [{ group: groups.analysts, privileges: ['READ_VOLUME'] }] }] }), 'unityCatalog.catalogs.0.schemas.0.volumes.0.grants.0.group'],
    ['the storage credential', { storageCredentialGrants: [{ group: groups.analysts, privileges: ['READ_FILES'] }] }, 'unityCatalog.storageCredentialGrants.0.group'],
    ['the managed location', { managedLocationGrants: [{ group: groups.analysts, privileges: ['READ_FILES'] }] }, 'unityCatalog.managedLocationGrants.0.group'],
    ['the external location', { externalLocationGrants: [{ group: groups.analysts, privileges: ['READ_FILES'] }] }, 'unityCatalog.externalLocationGrants.0.group'],
  ])('points a display name on %s at its key', (_securable, unityCatalog, field) => {
    expect(problemsWith({ unityCatalog })).toEqual([
      expect.stringMatching(new RegExp(`^environment "alpha" \\(\\S*alpha\\.json\\): ${field.replace(/\./g, '\\.')}: "${groups.analysts}" is not a key of account\\.groups \\(admins, dataEngineers, analysts\\); use the key "analysts" for group "${groups.analysts}"$`)),
    ]);
  });

  it('rejects duplicate schema names and a group listed twice on one securable', () => {
    const problems = problemsWith({
      unityCatalog: {
        catalogs: [{
          name: 'lakehouse',
          schemas: [{ name: 'raw' }, { name: 'raw' }],
          grants: [{ group: 'dataEngineers', privileges: ['USE_CATALOG'] }, { group: 'dataEngineers', privileges: ['BROWSE'] }],
        }],
      },
    });
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringContaining('unityCatalog.catalogs.0.schemas.1.name: "raw" is declared twice'),
      expect.stringContaining('unityCatalog.catalogs.0.grants.1.group: "dataEngineers" is listed twice'),
    ]));
  });

  it('checks the system-schema settings against the environments and the provider list', () => {
    expect(problemsWith({ account: { systemSchemas: { environments: { [FIXTURE.region]: 'qa' } } } })).toEqual([
      // Set-level account problems name the account file, like the per-file ones.
      expect.stringMatching(new RegExp(`^account \\(.*account\\.json\\): systemSchemas\\.environments\\.${FIXTURE.region}: no environment is named "qa"$`)),
    ]);
    expect(problemsWith({ account: { systemSchemas: { schemas: ['access', 'lineage'] } } })).toEqual([
      expect.stringContaining('systemSchemas.schemas.1: must be one of access, compute'),
    ]);
    // billing is auto-enabled by Databricks; the provider docs say not to declare it.
    expect(problemsWith({ account: { systemSchemas: { schemas: ['billing'] } } })).toEqual([
      expect.stringContaining('systemSchemas.schemas.0: "billing" is enabled by Databricks on every metastore; do not list it'),
    ]);
  });

  describe('system schemas belong to one protected environment per region', () => {
    const region = FIXTURE.region;
    type Settings = { alphaProtect: boolean; betaProtect: boolean; environments?: Record<string, string>; alphaClaims?: boolean; betaClaims?: boolean };
    const claim = (yes?: boolean) => (yes === undefined ? {} : { unityCatalog: { enablesSystemSchemas: yes } });
    /** Owners of the system schemas, or the problems, for fixture environments alpha and beta. */
    function load(settings: Settings): { owners?: string[]; problems?: string[] } {
      const dir = mkdtempSync(path.join(tmpdir(), 'uc-validation-'));
      try {
        writeFileSync(path.join(dir, 'account.json'), JSON.stringify({ ...account, systemSchemas: { environments: settings.environments } }));
        writeFileSync(path.join(dir, 'alpha.json'), JSON.stringify(environmentFixture('alpha', { protect: settings.alphaProtect, ...claim(settings.alphaClaims) })));
        writeFileSync(path.join(dir, 'beta.json'), JSON.stringify(environmentFixture('beta', { protect: settings.betaProtect, ...claim(settings.betaClaims) })));
        return { owners: loadConfig(dir).environments.filter((e) => e.managesSystemSchemas).map((e) => e.name) };
      } catch (error) {
        if (error instanceof ConfigError) return { problems: error.problems };
        throw error;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }

    it('defaults to the only protected environment, whatever the name order', () => {
      expect(load({ alphaProtect: false, betaProtect: true })).toEqual({ owners: ['beta'] });
      expect(load({ alphaProtect: true, betaProtect: false })).toEqual({ owners: ['alpha'] });
    });

    it('never lets an unprotected environment enable them', () => {
      expect(load({ alphaProtect: false, betaProtect: false })).toEqual({ owners: [] });
      expect(load({ alphaProtect: false, betaProtect: true, alphaClaims: true }).problems).toEqual([
        expect.stringMatching(/^environment "alpha" \(\S*alpha\.json\): unityCatalog\.enablesSystemSchemas: needs protect: true/),
      ]);
      expect(load({ alphaProtect: false, betaProtect: true, environments: { [region]: 'alpha' } }).problems).toEqual([
        expect.stringMatching(new RegExp(`^account( \\(\\S*account\\.json\\))?: systemSchemas\\.environments\\.${region}: environment "alpha" has protect: false; the system schemas of a region belong to a protected environment`)),
      ]);
    });

    it('with several protected environments, one must claim them (in its file or the account file); none is picked by name', () => {
      expect(load({ alphaProtect: true, betaProtect: true })).toEqual({ owners: [] });
      expect(load({ alphaProtect: true, betaProtect: true, betaClaims: true })).toEqual({ owners: ['beta'] });
      expect(load({ alphaProtect: true, betaProtect: true, environments: { [region]: 'alpha' } })).toEqual({ owners: ['alpha'] });
      expect(load({ alphaProtect: true, betaProtect: true, alphaClaims: true, betaClaims: true }).problems).toEqual([
        expect.stringMatching(new RegExp(`^environment "beta" \\(\\S*beta\\.json\\): unityCatalog\\.enablesSystemSchemas: environment "alpha" already enables the system schemas of ${region}`)),
      ]);
      expect(load({ alphaProtect: true, betaProtect: true, betaClaims: true, environments: { [region]: 'alpha' } }).problems).toEqual([
        expect.stringContaining('unityCatalog.enablesSystemSchemas: account.systemSchemas.environments names "alpha"'),
      ]);
    });
  });
});
