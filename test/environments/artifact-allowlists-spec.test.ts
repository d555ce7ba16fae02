/**
 * The metastore artifact allowlists as data (environments/lib/artifact-allowlists.ts), called directly on
 * parsed fixtures: which entries a region's lists hold, which environment's script joins them, and which
 * declared entries are refused because no environment would apply them. The synthesized resources are
 * specified in test/stacks/artifact-allowlists.test.ts.
 */
import { mergedArtifactAllowlists, nodeTrafficAllowlistEntry, validateArtifactAllowlists } from '../../environments/lib/artifact-allowlists';
import { accountSchema, environmentSchema, type AccountConfig, type AccountInput, type EnvironmentConfig, type EnvironmentInput } from '../../environments/schema';
import { accountFixture, environmentFixture, FIXTURE, type DeepPartial } from '../support/fixtures';

const OTHER_REGION = 'eu-west-1';
const account = (overrides?: DeepPartial<AccountInput>): AccountConfig => accountSchema.parse(accountFixture(overrides));
const environment = (name: string, overrides?: DeepPartial<EnvironmentInput>): EnvironmentConfig => environmentSchema.parse(environmentFixture(name, overrides));
const volume = (name: string) => `/Volumes/fx_${name}/init/scripts`;
/** Delivers the node-traffic script from a volume (standard access mode needs the allowlist entry). */
const fromVolume = (name: string, overrides: DeepPartial<EnvironmentInput> = {}) =>
  environment(name, { nodeTrafficEncryption: { mode: 'init-script', volumePath: volume(name) }, clusterPolicy: { dataSecurityModes: ['USER_ISOLATION'] }, ...overrides });
const withLists = (name: string, lists: Partial<Record<'initScripts' | 'jars' | 'mavenCoordinates', string[]>>, overrides: DeepPartial<EnvironmentInput> = {}) =>
  environment(name, { ...overrides, unityCatalog: { artifactAllowlist: lists } });

describe('the node-traffic script entry of an environment', () => {
  it('is the script file in its volume while the init script runs from a volume', () => {
    expect(nodeTrafficAllowlistEntry(fromVolume('alpha'))).toBe(`${volume('alpha')}/node-traffic-encryption.sh`);
    expect(nodeTrafficAllowlistEntry(fromVolume('alpha', { nodeTrafficEncryption: { mode: 'both', volumePath: volume('alpha') } }))).toBe(`${volume('alpha')}/node-traffic-encryption.sh`);
  });

  it('is none without a volume, with encryption off, or with hardware encryption only', () => {
    const withVolume = fromVolume('alpha');
    const set = (change: Partial<EnvironmentConfig['nodeTrafficEncryption']>): EnvironmentConfig => ({ ...withVolume, nodeTrafficEncryption: { ...withVolume.nodeTrafficEncryption, ...change } });
    expect(nodeTrafficAllowlistEntry(environment('alpha', { nodeTrafficEncryption: { mode: 'init-script' } }))).toBeUndefined();
    expect(nodeTrafficAllowlistEntry(set({ enabled: false }))).toBeUndefined();
    expect(nodeTrafficAllowlistEntry(set({ mode: 'nitro-only' }))).toBeUndefined();
  });
});

describe('the merged lists of each metastore', () => {
  it('hold the account entries of the region, each environment entry of the region and its script, once each and sorted', () => {
    const acc = account({ artifactAllowlists: { [FIXTURE.region]: { jars: ['s3://fx-artifacts/shared/'], mavenCoordinates: ['org.example:b', 'com.example:a'] } } });
    const alpha = fromVolume('alpha', { unityCatalog: { artifactAllowlist: { jars: ['s3://fx-artifacts/shared/', '/Volumes/fx_alpha/libs/jars/'] } } });
    const beta = withLists('beta', { initScripts: ['/Volumes/fx_beta/init/team/setup.sh'], mavenCoordinates: ['com.example:a'] });
    const merged = mergedArtifactAllowlists(acc, [beta, alpha]);
    expect([...merged.keys()]).toEqual([FIXTURE.region]);
    expect(merged.get(FIXTURE.region)).toEqual({
      initScripts: [`${volume('alpha')}/node-traffic-encryption.sh`, '/Volumes/fx_beta/init/team/setup.sh'],
      jars: ['/Volumes/fx_alpha/libs/jars/', 's3://fx-artifacts/shared/'],
      mavenCoordinates: ['com.example:a', 'org.example:b'],
    });
    // The file order does not matter.
    expect(mergedArtifactAllowlists(acc, [alpha, beta])).toEqual(merged);
  });

  it('keep each region apart, in region order, and leave out regions without any entry', () => {
    const acc = account({ metastoreRegions: [FIXTURE.region, OTHER_REGION], artifactAllowlists: { [OTHER_REGION]: { mavenCoordinates: ['com.example:eu'] } } });
    const east = withLists('east', { jars: ['s3://fx-artifacts/east/'] });
    const west = withLists('west', { jars: ['s3://fx-artifacts/west/'] }, { aws: { region: OTHER_REGION } });
    const none = { initScripts: [], jars: [], mavenCoordinates: [] };
    expect([...mergedArtifactAllowlists(acc, [west, east])]).toEqual([
      [OTHER_REGION, { ...none, jars: ['s3://fx-artifacts/west/'], mavenCoordinates: ['com.example:eu'] }],
      [FIXTURE.region, { ...none, jars: ['s3://fx-artifacts/east/'] }],
    ]);
    expect(mergedArtifactAllowlists(acc, [environment('plain')])).toEqual(new Map([[OTHER_REGION, { ...none, mavenCoordinates: ['com.example:eu'] }]]));
    // Region order whatever the order of the environment files.
    const regionsOnly = account({ metastoreRegions: [FIXTURE.region, OTHER_REGION] });
    expect([...mergedArtifactAllowlists(regionsOnly, [east, west]).keys()]).toEqual([OTHER_REGION, FIXTURE.region].sort());
    expect(mergedArtifactAllowlists(account(), [environment('plain')])).toEqual(new Map());
  });
});

describe('entries no environment would apply', () => {
  const fix = (region: string) =>
    `no environment applies the ${region} metastore's allowlists; set unityCatalog.enablesSystemSchemas: true in a protected environment of ${region} ` +
    `(or name one in account.systemSchemas.environments.${region}): it owns the metastore's lists`;

  it('are refused where they are declared, with the fix, when no protected environment owns the region', () => {
    // Two protected environments and no designation: the blueprint does not pick an owner by name.
    const acc = account({ artifactAllowlists: { [FIXTURE.region]: { mavenCoordinates: ['com.example:a'] } } });
    const alpha = fromVolume('alpha');
    const beta = withLists('beta', { jars: ['s3://fx-artifacts/beta/'] });
    expect(validateArtifactAllowlists(acc, [alpha, beta])).toEqual([
      `account: artifactAllowlists.${FIXTURE.region}: ${fix(FIXTURE.region)}`,
      `environment "alpha": nodeTrafficEncryption.volumePath: ${fix(FIXTURE.region)}`,
      `environment "beta": unityCatalog.artifactAllowlist: ${fix(FIXTURE.region)}`,
    ]);
    const both = fromVolume('gamma', { unityCatalog: { artifactAllowlist: { initScripts: ['/Volumes/fx_gamma/init/team/'] } } });
    expect(validateArtifactAllowlists(account(), [both, environment('plain')])).toEqual([
      `environment "gamma": nodeTrafficEncryption.volumePath: ${fix(FIXTURE.region)}`,
      `environment "gamma": unityCatalog.artifactAllowlist: ${fix(FIXTURE.region)}`,
    ]);
  });

  it('are accepted once one environment owns the region, and empty lists need no owner', () => {
    const acc = account({ artifactAllowlists: { [FIXTURE.region]: { mavenCoordinates: ['com.example:a'] } } });
    const beta = withLists('beta', { jars: ['s3://fx-artifacts/beta/'] });
    expect(validateArtifactAllowlists(acc, [fromVolume('alpha', { unityCatalog: { enablesSystemSchemas: true } }), beta])).toEqual([]);
    expect(validateArtifactAllowlists(account({ systemSchemas: { environments: { [FIXTURE.region]: 'beta' } } }), [fromVolume('alpha'), beta])).toEqual([]);
    // Only protected environments own a region: an unprotected one alone owns none.
    expect(validateArtifactAllowlists(acc, [withLists('solo', { jars: ['s3://fx-artifacts/solo/'] }, { protect: false })])).toEqual([
      `account: artifactAllowlists.${FIXTURE.region}: ${fix(FIXTURE.region)}`,
      `environment "solo": unityCatalog.artifactAllowlist: ${fix(FIXTURE.region)}`,
    ]);
    const empty = account({ artifactAllowlists: { [FIXTURE.region]: {} } });
    expect(validateArtifactAllowlists(empty, [environment('alpha'), environment('beta')])).toEqual([]);
  });

  it('refuses account entries for a region without a metastore', () => {
    for (const list of ['initScripts', 'jars', 'mavenCoordinates'] as const) {
      const entry = list === 'mavenCoordinates' ? 'com.example:eu' : list === 'jars' ? 's3://fx-artifacts/eu/' : '/Volumes/fx_ops/init/eu/';
      const acc = account({ artifactAllowlists: { [OTHER_REGION]: { [list]: [entry] } } });
      expect(validateArtifactAllowlists(acc, [environment('alpha')])).toEqual([`account: artifactAllowlists.${OTHER_REGION}: ${OTHER_REGION} has no metastore (account.metastoreRegions)`]);
    }
  });
});
