import { Testing, TerraformStack } from 'cdktf';
import { ArtifactAllowlist } from '@cdktf/provider-databricks/lib/artifact-allowlist';
import { Construct } from 'constructs';
import { ARTIFACT_ALLOWLIST_ADDRESSES, LEGACY_NODE_TRAFFIC_ALLOWLIST_ADDRESS } from '../../constructs/databricks/artifact-allowlists';
import { ConfigError, type LoadedConfig } from '../../environments';
import type { EnvironmentInput } from '../../environments/schema';
import { accountFixture, environmentFixture, fixtureConfig, FIXTURE, merge, type DeepPartial } from '../support/fixtures';
import { synthesizeStacks } from '../../scripts/lib/synth-app';
import { withoutTerraformBinary } from '../support/no-terraform';
import { resourcesOf, synthApp, type Synthesized } from '../support/synth';

// Fixture entries of their own; the node-traffic script file is <volumePath>/node-traffic-encryption.sh.
const ACCOUNT_LISTS = { initScripts: ['/Volumes/fx_ops/init/shared/'], jars: ['s3://fx-artifacts/jars/'], mavenCoordinates: ['com.example:parser'] };
const volume = (name: string) => `/Volumes/fx_${name}/init/scripts`;
const scriptOf = (name: string) => `${volume(name)}/node-traffic-encryption.sh`;
/** Delivers the node-traffic script from a volume (standard access mode) and asks for entries of its own. */
const withEntries = (name: string, overrides: DeepPartial<EnvironmentInput> = {}): EnvironmentInput =>
  environmentFixture(name, merge<DeepPartial<EnvironmentInput>>({
    nodeTrafficEncryption: { enabled: true, mode: 'init-script', volumePath: volume(name) },
    clusterPolicy: { dataSecurityModes: ['USER_ISOLATION', 'SINGLE_USER'] },
    unityCatalog: { artifactAllowlist: { initScripts: [`/Volumes/fx_${name}/init/team/setup.sh`], jars: [`/Volumes/fx_${name}/libs/jars/`] } },
  }, overrides));

type List = { artifact_type: string; artifact_matcher: { artifact: string; match_type: string }[]; depends_on?: string[] };
const listsOf = (stack: Synthesized): Record<string, List> =>
  Object.fromEntries(resourcesOf(stack, 'databricks_artifact_allowlist').map(([, list]) => [list.artifact_type, list as List]));
const artifacts = (list: List | undefined) => list?.artifact_matcher.map((m) => m.artifact);
const removedOf = (stack: Synthesized) => (stack as unknown as { removed?: { from: string; lifecycle: { destroy: boolean } }[] }).removed ?? [];
const ownerOf = (config: LoadedConfig) => config.environments.find((env) => env.managesSystemSchemas)!;

function problemsOf(build: () => unknown): string[] {
  try {
    build();
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('one environment per metastore', () => {
  const config = fixtureConfig({ account: accountFixture({ artifactAllowlists: { [FIXTURE.region]: ACCOUNT_LISTS } }), environments: [withEntries('alpha')] });
  const stack = synthApp(config)[ownerOf(config).name];
  const lists = listsOf(stack);

  it('one resource per artifact type holds the account entries, the environment entries and its node-traffic script, sorted', () => {
    expect(Object.keys(lists).sort()).toEqual(['INIT_SCRIPT', 'LIBRARY_JAR', 'LIBRARY_MAVEN']);
    expect(artifacts(lists.INIT_SCRIPT)).toEqual([...ACCOUNT_LISTS.initScripts, scriptOf('alpha'), '/Volumes/fx_alpha/init/team/setup.sh'].sort());
    expect(artifacts(lists.LIBRARY_JAR)).toEqual([...ACCOUNT_LISTS.jars, '/Volumes/fx_alpha/libs/jars/'].sort());
    expect(artifacts(lists.LIBRARY_MAVEN)).toEqual(ACCOUNT_LISTS.mavenCoordinates);
    for (const list of Object.values(lists)) {
      expect(new Set(list.artifact_matcher.map((m) => m.match_type))).toEqual(new Set(['PREFIX_MATCH']));
      expect(list.depends_on).toEqual([expect.stringMatching(/^databricks_metastore_assignment\./)]);
    }
  });

  it('the cluster policy pinning the volume script waits for the INIT_SCRIPT list', () => {
    const [[, policy]] = resourcesOf(stack, 'databricks_cluster_policy');
    expect(policy.depends_on).toContain(`databricks_artifact_allowlist.${ARTIFACT_ALLOWLIST_ADDRESSES.INIT_SCRIPT.split('.')[1]}`);
  });

  it('keeps the addresses the constants name, and moves the list node-traffic encryption used to own instead of recreating it', () => {
    const addresses = resourcesOf(stack, 'databricks_artifact_allowlist').map(([name, list]) => [list.artifact_type, `databricks_artifact_allowlist.${name}`]);
    expect(Object.fromEntries(addresses)).toEqual(ARTIFACT_ALLOWLIST_ADDRESSES);
    expect((stack as unknown as { moved?: unknown[] }).moved).toContainEqual({ from: LEGACY_NODE_TRAFFIC_ALLOWLIST_ADDRESS, to: ARTIFACT_ALLOWLIST_ADDRESSES.INIT_SCRIPT });
    expect(removedOf(stack)).toEqual([]);
  });

  it('the moved block needs no terraform binary to synthesize (cdktf checks `terraform version` for a stack that moves)', () => {
    const { result: stacks, commands } = withoutTerraformBinary(() => synthesizeStacks<Synthesized>(config));
    expect(commands).toEqual([]);
    expect((stacks.get(ownerOf(config).name) as unknown as { moved?: unknown[] }).moved).toHaveLength(1);
  });

  it('the legacy address is the one cdktf gave node-traffic-encryption/init-script-allowlist', () => {
    const probe = new TerraformStack(Testing.app(), 'probe');
    const parent = new Construct(probe, 'node-traffic-encryption');
    const legacy = new ArtifactAllowlist(parent, 'init-script-allowlist', { artifactType: 'INIT_SCRIPT', artifactMatcher: [] });
    expect(`databricks_artifact_allowlist.${probe.getLogicalId(legacy)}`).toBe(LEGACY_NODE_TRAFFIC_ALLOWLIST_ADDRESS);
  });

  it('no list and no removed block without entries', () => {
    const plain = fixtureConfig();
    const only = synthApp(plain)[plain.environments[0].name];
    expect(resourcesOf(only, 'databricks_artifact_allowlist')).toEqual([]);
    expect(removedOf(only)).toEqual([]);
  });
});

describe('two environments share a metastore', () => {
  const owner = withEntries('alpha', { unityCatalog: { enablesSystemSchemas: true } });
  const other = withEntries('beta', { protect: false });
  const account = accountFixture({ artifactAllowlists: { [FIXTURE.region]: ACCOUNT_LISTS } });
  const config = fixtureConfig({ account, environments: [owner, other] });
  const stacks = synthApp(config);

  it('the designated owner applies the merged entries of both environments', () => {
    expect(ownerOf(config).name).toBe(owner.name);
    const lists = listsOf(stacks[owner.name]);
    expect(artifacts(lists.INIT_SCRIPT)).toEqual(
      [...ACCOUNT_LISTS.initScripts, scriptOf(owner.name), scriptOf(other.name), `/Volumes/fx_${owner.name}/init/team/setup.sh`, `/Volumes/fx_${other.name}/init/team/setup.sh`].sort(),
    );
    expect(artifacts(lists.LIBRARY_JAR)).toEqual([...ACCOUNT_LISTS.jars, `/Volumes/fx_${owner.name}/libs/jars/`, `/Volumes/fx_${other.name}/libs/jars/`].sort());
  });

  it('the other stack declares no list, uploads its script, and forgets (never destroys) any list it held before', () => {
    expect(listsOf(stacks[other.name])).toEqual({});
    expect(resourcesOf(stacks[other.name], 'databricks_file').map(([, file]) => file.path)).toContain(scriptOf(other.name));
    expect(removedOf(stacks[other.name]).map((block) => block.from).sort()).toEqual([...Object.values(ARTIFACT_ALLOWLIST_ADDRESSES), LEGACY_NODE_TRAFFIC_ALLOWLIST_ADDRESS].sort());
    for (const block of removedOf(stacks[other.name])) expect(block.lifecycle).toEqual({ destroy: false });
  });

  it('is stable: the reversed file order gives the same lists, and a second synthesis the same JSON', () => {
    const reversed = synthApp(fixtureConfig({ account, environments: [other, owner] }))[owner.name];
    expect(reversed.resource.databricks_artifact_allowlist).toEqual(stacks[owner.name].resource.databricks_artifact_allowlist);
    expect(JSON.stringify(synthApp(config)[owner.name].resource.databricks_artifact_allowlist)).toBe(JSON.stringify(stacks[owner.name].resource.databricks_artifact_allowlist));
  });

  it('lists an entry declared in several places once', () => {
    const repeating = withEntries('beta', { protect: false, unityCatalog: { artifactAllowlist: { initScripts: [...ACCOUNT_LISTS.initScripts], jars: [...ACCOUNT_LISTS.jars] } } });
    const lists = listsOf(synthApp(fixtureConfig({ account, environments: [owner, repeating] }))[owner.name]);
    for (const list of Object.values(lists)) expect(new Set(artifacts(list)).size).toBe(list.artifact_matcher.length);
    expect(artifacts(lists.INIT_SCRIPT)).toEqual(expect.arrayContaining(ACCOUNT_LISTS.initScripts));
  });
});

describe('refusals', () => {
  const region = FIXTURE.region;

  it('two environments claiming the metastore: one owner per region', () => {
    const problems = problemsOf(() =>
      fixtureConfig({ environments: [withEntries('alpha', { unityCatalog: { enablesSystemSchemas: true } }), withEntries('beta', { unityCatalog: { enablesSystemSchemas: true } })] }),
    );
    expect(problems).toEqual([expect.stringMatching(/^environment "beta" \(\S+beta\.json\): unityCatalog\.enablesSystemSchemas: environment "alpha" already enables the system schemas of /)]);
  });

  it('entries nobody would apply: each declaring file is named, with the fix', () => {
    // Two protected environments and no designation: the blueprint does not pick an owner by name.
    const problems = problemsOf(() =>
      fixtureConfig({ account: accountFixture({ artifactAllowlists: { [region]: ACCOUNT_LISTS } }), environments: [withEntries('alpha'), withEntries('beta')] }),
    );
    const fix = `no environment applies the ${region} metastore's allowlists; set unityCatalog.enablesSystemSchemas: true in a protected environment of ${region}`;
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(new RegExp(`^account \\(\\S+account\\.json\\): artifactAllowlists\\.${region}: ${fix}`)),
      expect.stringMatching(new RegExp(`^environment "alpha" \\(\\S+alpha\\.json\\): nodeTrafficEncryption\\.volumePath: ${fix}`)),
      expect.stringMatching(new RegExp(`^environment "beta" \\(\\S+beta\\.json\\): unityCatalog\\.artifactAllowlist: ${fix}`)),
    ]));
    expect(problems).toHaveLength(5);
  });

  it('entries the allowlist cannot express safely: wildcards, open directories, other schemes, duplicates, loose coordinates', () => {
    const bad = { initScripts: ['/Volumes/fx/init/v/*.sh', '/Volumes/fx/init/v/scripts', 'dbfs:/init/x.sh', '/Volumes/fx/init/v/../y/'], jars: ['s3://fx-artifacts/a.jar', 's3://fx-artifacts/a.jar'], mavenCoordinates: ['com.example'] };
    const problems = problemsOf(() => fixtureConfig({ environments: [environmentFixture('alpha', { unityCatalog: { artifactAllowlist: bad } })] }));
    const field = (name: string) => new RegExp(`^environment "alpha" \\(\\S+alpha\\.json\\): unityCatalog\\.artifactAllowlist\\.${name.replace(/\./g, '\\.')}: `);
    expect(problems).toEqual([
      expect.stringMatching(new RegExp(`${field('initScripts.0').source}.*no wildcards; the allowlist matches by prefix only`)),
      expect.stringMatching(new RegExp(`${field('initScripts.1').source}.*end a directory with "/"`)),
      expect.stringMatching(new RegExp(`${field('initScripts.2').source}.*must be a path inside a volume`)),
      expect.stringMatching(new RegExp(`${field('initScripts.3').source}.*must not contain empty, "\\." or "\\.\\." segments`)),
      expect.stringMatching(new RegExp(`${field('jars.1').source}"s3://fx-artifacts/a\\.jar" is listed twice`)),
      expect.stringMatching(new RegExp(`${field('mavenCoordinates.0').source}must be a Maven coordinate prefix`)),
    ]);
  });
});
