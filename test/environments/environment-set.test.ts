/**
 * Rules across the environment set (environments/lib/validate-set.ts), called directly on parsed
 * fixtures: each rule's exact text and both sides of its boundary. The loader's view of the same rules
 * (file names in the subject) is in load-config.test.ts.
 */
import { validateEnvironmentSet } from '../../environments/lib/validate-set';
import { accountSchema, environmentSchema, type AccountConfig, type AccountInput, type EnvironmentConfig, type EnvironmentInput } from '../../environments/schema';
import { accountFixture, environmentFixture, fixtureAccountId, FIXTURE, type DeepPartial } from '../support/fixtures';

const account = (overrides?: DeepPartial<AccountInput>): AccountConfig => accountSchema.parse(accountFixture(overrides));
const environment = (name: string, overrides?: DeepPartial<EnvironmentInput>): EnvironmentConfig => environmentSchema.parse(environmentFixture(name, overrides));
const problems = (environments: EnvironmentConfig[], acc = account(), stateKeys = new Map<string, string>()) => validateEnvironmentSet(acc, environments, stateKeys);
const OTHER_REGION = 'eu-west-1';
/** An instance family without hardware in-transit encryption (not in IN_TRANSIT_ENCRYPTING_FAMILIES). */
const PLAIN_NODE_TYPE = 't3.large';

describe('names and identities', () => {
  it('reserves the names of the shared stacks, and only those', () => {
    for (const name of ['account', 'bootstrap', 'shared']) {
      expect(problems([environment(name)])).toEqual([`environment "${name}": name: "${name}" is reserved for a shared stack`]);
    }
    expect(problems([environment('accounts'), environment('shared-data')])).toEqual([]);
  });

  it('refuses a name, deployment name or workspace name used twice', () => {
    const alpha = environment('alpha');
    const twin = environment('beta', { databricks: { deploymentName: alpha.databricks.deploymentName, workspaceName: alpha.databricks.workspaceName } });
    expect(problems([alpha, twin]).slice(0, 2)).toEqual([
      `environment "beta": databricks.deploymentName: "${alpha.databricks.deploymentName}" is already used by environment "alpha"`,
      `environment "beta": databricks.workspaceName: "${alpha.databricks.workspaceName}" is already used by environment "alpha"`,
    ]);
    const again = environment('alpha', { databricks: { deploymentName: 'fx-alpha-two', workspaceName: 'fx-alpha-two' } });
    expect(problems([alpha, again])[0]).toBe('environment "alpha": name: "alpha" is already used by environment "alpha"');
  });

  it('keeps one Databricks account and refuses a region without a metastore', () => {
    expect(problems([environment('alpha', { databricks: { accountId: FIXTURE.databricksAccountId } })])).toEqual([]);
    expect(problems([environment('alpha', { databricks: { accountId: '00000000-0000-4000-8000-000000000001' } })])).toEqual([
      `environment "alpha": databricks.accountId: must match account.databricksAccountId (${FIXTURE.databricksAccountId}); one app deploys one Databricks account`,
    ]);
    expect(problems([environment('alpha')], account({ metastoreRegions: [OTHER_REGION] }))).toEqual([
      `environment "alpha": aws.region: ${FIXTURE.region} has no metastore; add it to account.metastoreRegions`,
    ]);
  });

  it('refuses a Glue metastore only while the account disables legacy features', () => {
    const glue = environment('alpha', { unityCatalog: { glueMetastore: { enabled: true } }, workspaceSecurity: { hardening: { disableLegacyAccess: false } } });
    expect(problems([glue], account({ disableLegacyFeatures: true }))).toEqual([
      'environment "alpha": unityCatalog.glueMetastore.enabled: account.disableLegacyFeatures turns the Hive metastore off for new workspaces',
    ]);
    expect(problems([glue], account({ disableLegacyFeatures: false }))).toEqual([]);
    expect(problems([environment('alpha')], account({ disableLegacyFeatures: true }))).toEqual([]);
  });
});

describe('the pipeline\'s identities', () => {
  it('are checked with the set: with account.ci every stack needs its own roles', () => {
    const acc = account({ ci: { githubRepository: 'fx-org/fx-repo' } } as DeepPartial<AccountInput>);
    const alpha = environment('alpha', { aws: { planRoleArn: `arn:aws:iam::${fixtureAccountId('alpha')}:role/fx-plan` } });
    expect(problems([alpha], acc)).toEqual([
      `account: aws.planRoleArn: required with account.ci; add a read-only role (e.g. with the ReadOnlyAccess policy) plans assume in AWS account ${FIXTURE.accountId}, trusting the CI role of stack "account" (docs/gitops.md)`,
    ]);
  });
});

describe('state keys', () => {
  const withKey = (key: string) => environment('alpha', { state: { key } });
  const outside = (key: string) => `environment "alpha": state.key: "${key}" is outside account.state.keyPrefix "fx-state"; use "fx-state/alpha.tfstate" or leave it out`;

  it('stay inside account.state.keyPrefix: a folder of it, without "." or ".." segments', () => {
    expect(problems([withKey('fx-state/alpha.tfstate')])).toEqual([]);
    expect(problems([withKey('fx-state/team/alpha.tfstate')])).toEqual([]);
    for (const key of ['fx-stateful/alpha.tfstate', 'other/fx-state/alpha.tfstate', 'fx-state/../alpha.tfstate', 'fx-state/./alpha.tfstate', 'fx-state/team/../../alpha.tfstate']) {
      expect(problems([withKey(key)])).toEqual([outside(key)]);
    }
  });

  it('belong to one stack each', () => {
    const keys = new Map([['account', 'fx-state/a.tfstate'], ['alpha', 'fx-state/b.tfstate'], ['beta', 'fx-state/a.tfstate'], ['gamma', 'fx-state/b.tfstate']]);
    expect(problems([environment('alpha')], account(), keys)).toEqual([
      'stack "beta": state.key: "fx-state/a.tfstate" is already the state key of stack "account"',
      'stack "gamma": state.key: "fx-state/b.tfstate" is already the state key of stack "alpha"',
    ]);
  });
});

describe('VPC ranges', () => {
  const network = (vpcCidr: string, region: string = FIXTURE.region) => ({
    mode: 'create' as const,
    vpcCidr,
    privateSubnets: [{ cidr: vpcCidr.replace(/\/16$/, '/19'), availabilityZone: `${region}a` }, { cidr: vpcCidr.replace('.0.0/16', '.32.0/19'), availabilityZone: `${region}b` }],
    publicSubnets: [{ cidr: vpcCidr.replace('.0.0/16', '.128.0/24'), availabilityZone: `${region}a` }],
  });
  const inAccount = (name: string, vpcCidr: string, extra: DeepPartial<EnvironmentInput> = {}) =>
    environment(name, { ...extra, aws: { accountId: FIXTURE.accountId, deployRoleArn: `arn:aws:iam::${FIXTURE.accountId}:role/fx-deploy`, ...extra.aws }, network: network(vpcCidr, extra.aws?.region) } as DeepPartial<EnvironmentInput>);

  it('may not overlap within one AWS account and region, against every earlier environment', () => {
    const alpha = inAccount('alpha', '10.1.0.0/16');
    const beta = inAccount('beta', '10.2.0.0/16');
    const gamma = inAccount('gamma', '10.1.0.0/16');
    const delta = inAccount('delta', '10.2.0.0/16');
    expect(problems([alpha, beta, gamma, delta])).toEqual([
      `environment "gamma": network.vpcCidr: 10.1.0.0/16 overlaps 10.1.0.0/16 of environment "alpha" in AWS account ${FIXTURE.accountId} ${FIXTURE.region}`,
      `environment "delta": network.vpcCidr: 10.2.0.0/16 overlaps 10.2.0.0/16 of environment "beta" in AWS account ${FIXTURE.accountId} ${FIXTURE.region}`,
    ]);
    expect(problems([alpha, inAccount('beta', '10.2.0.0/16')])).toEqual([]);
  });

  it('may repeat in another account, another region, or beside an existing VPC', () => {
    const alpha = inAccount('alpha', '10.1.0.0/16');
    expect(problems([alpha, environment('beta', { network: network('10.1.0.0/16') })])).toEqual([]);
    const west = inAccount('west', '10.1.0.0/16', { aws: { region: OTHER_REGION } });
    expect(west.aws.accountId).toBe(alpha.aws.accountId);
    expect(problems([alpha, west], account({ metastoreRegions: [FIXTURE.region, OTHER_REGION] }))).toEqual([]);
    const existing = environment('beta', { aws: { accountId: FIXTURE.accountId, deployRoleArn: `arn:aws:iam::${FIXTURE.accountId}:role/fx-deploy` }, network: { mode: 'existing', vpcId: 'vpc-0abc12345def67890', privateSubnetIds: ['subnet-0abc12345def67890', 'subnet-0abc12345def67891'], vpcCidr: undefined, privateSubnets: undefined, publicSubnets: undefined } } as DeepPartial<EnvironmentInput>);
    expect(problems([existing, alpha])).toEqual([]);
    expect(problems([alpha, existing])).toEqual([]);
  });
});

describe('node-traffic encryption against the cluster policy', () => {
  it('reports an init script that standard access mode could not run, unless the hardware encrypts alone', () => {
    const standard = { clusterPolicy: { dataSecurityModes: ['USER_ISOLATION'] } } as DeepPartial<EnvironmentInput>;
    for (const mode of ['init-script', 'both'] as const) {
      expect(problems([environment('alpha', { ...standard, nodeTrafficEncryption: { mode } } as DeepPartial<EnvironmentInput>)])).toEqual([
        expect.stringMatching(/^environment "alpha": nodeTrafficEncryption\.volumePath: clusterPolicy\.dataSecurityModes allows USER_ISOLATION \(standard access mode\), /),
      ]);
    }
    expect(problems([environment('alpha', { ...standard, nodeTrafficEncryption: { mode: 'nitro-only' } } as DeepPartial<EnvironmentInput>)])).toEqual([]);
    expect(problems([environment('alpha', { ...standard, nodeTrafficEncryption: { enabled: false, mode: 'init-script' } } as DeepPartial<EnvironmentInput>)])).toEqual([]);
  });

  it('reports instance types without hardware encryption in the nitro modes, while the baseline policy exists', () => {
    const nodeTypes = { nodeTypes: ['m6id.large', PLAIN_NODE_TYPE], dataSecurityModes: ['SINGLE_USER' as const] };
    const text = (mode: string) =>
      `environment "alpha": clusterPolicy.nodeTypes.1: ${PLAIN_NODE_TYPE} does not encrypt traffic between instances in hardware, which nodeTrafficEncryption.mode "${mode}" requires; ` +
      'use a family of IN_TRANSIT_ENCRYPTING_FAMILIES (e.g. m6id, r6id) or mode "init-script"';
    for (const mode of ['nitro-only', 'both'] as const) {
      expect(problems([environment('alpha', { clusterPolicy: nodeTypes, nodeTrafficEncryption: { mode } })])).toEqual([text(mode)]);
    }
    expect(problems([environment('alpha', { clusterPolicy: nodeTypes, nodeTrafficEncryption: { mode: 'init-script' } })])).toEqual([]);
    expect(problems([environment('alpha', { clusterPolicy: { ...nodeTypes, enabled: false }, nodeTrafficEncryption: { clusterOwnerGroups: ['dataEngineers'] } })])).toEqual([]);
    expect(problems([environment('alpha', { clusterPolicy: nodeTypes, nodeTrafficEncryption: { enabled: false } })])).toEqual([]);
  });
});
