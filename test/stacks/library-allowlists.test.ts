import { ConfigError } from '../../environments';
import { accountFixture, environmentFixture, fixtureConfig, FIXTURE } from '../support/fixtures';
import { resourcesOf, synthApp } from '../support/synth';

const lists = { jars: ['/Volumes/fx_lakehouse/raw/landing/jars/', 's3://fx-artifacts/jars/'], mavenCoordinates: ['com.example:parser'] };

describe('library allowlists of the metastore, declared in the account file', () => {
  const config = fixtureConfig({
    account: accountFixture({ libraryAllowlists: { [FIXTURE.region]: lists } }),
    environments: [environmentFixture('alpha'), environmentFixture('beta', { protect: false })],
  });
  const stacks = synthApp(config);

  it('the environment that owns the system schemas applies one list per type, PREFIX_MATCH', () => {
    const owner = config.environments.find((env) => env.managesSystemSchemas)!;
    const allowlists = resourcesOf(stacks[owner.name], 'databricks_artifact_allowlist').map(([, list]) => list);
    expect(allowlists.map((list) => [list.artifact_type, list.artifact_matcher])).toEqual([
      ['LIBRARY_JAR', lists.jars.map((artifact) => ({ artifact, match_type: 'PREFIX_MATCH' }))],
      ['LIBRARY_MAVEN', lists.mavenCoordinates.map((artifact) => ({ artifact, match_type: 'PREFIX_MATCH' }))],
    ]);
    for (const list of allowlists) expect(list.provider).toBe('databricks.workspace');
  });

  it('no other environment touches them', () => {
    for (const env of config.environments.filter((e) => !e.managesSystemSchemas)) {
      expect(resourcesOf(stacks[env.name], 'databricks_artifact_allowlist').filter(([, l]) => l.artifact_type !== 'INIT_SCRIPT')).toEqual([]);
    }
  });

  it('none by default', () => {
    const plain = fixtureConfig();
    expect(resourcesOf(synthApp(plain)[plain.environments[0].name], 'databricks_artifact_allowlist').filter(([, l]) => l.artifact_type !== 'INIT_SCRIPT')).toEqual([]);
  });

  it('refuses lists nobody would apply, and malformed entries', () => {
    const problems = (account: Parameters<typeof accountFixture>[0], protect: boolean) => {
      try {
        fixtureConfig({ account: accountFixture(account), environments: [environmentFixture('alpha', { protect })] });
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(problems({ libraryAllowlists: { [FIXTURE.region]: lists } }, false)).toEqual([
      expect.stringMatching(
        new RegExp(`^account( \\(\\S*account\\.json\\))?: libraryAllowlists\\.${FIXTURE.region}: no environment applies it; set unityCatalog\\.enablesSystemSchemas: true in a protected environment of ${FIXTURE.region}`),
      ),
    ]);
    expect(problems({ libraryAllowlists: { [FIXTURE.region]: { jars: ['dbfs:/FileStore/x.jar'], mavenCoordinates: ['not a coordinate'] } } }, true)).toEqual([
      expect.stringContaining(`libraryAllowlists.${FIXTURE.region}.jars.0: must be a /Volumes/... or s3://... path prefix`),
      expect.stringContaining(`libraryAllowlists.${FIXTURE.region}.mavenCoordinates.0: must be a Maven coordinate prefix`),
    ]);
  });
});
