import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ConfigError, loadConfig } from '../../environments';
import { exampleInputs, writeEnvironmentsDir } from '../support/environment-files';
import { accountFixture, FIXTURE } from '../support/fixtures';
import { EXAMPLE_ENVIRONMENTS_DIR } from '../support/paths';
import { loadConfigFixtureInputs as fixtureInputs } from '../support/load-config-fixture';

function problemsLoading(dir: string): string[] {
  try {
    loadConfig(dir);
  } catch (error) {
    // The temporary folder varies; keep only the file name ("environment "alpha" (alpha.json): ...").
    if (error instanceof ConfigError) return error.problems.map((problem) => problem.replace(/^(environment "[^"]+" \()\S*[/\\]/, '$1'));
    throw error;
  }
  return [];
}


describe('loadConfig', () => {
  test('loads every example file, in file-name order', () => {
    const config = loadConfig(EXAMPLE_ENVIRONMENTS_DIR);
    expect(config.environments.map((e) => e.name)).toEqual(Object.keys(exampleInputs().environments).sort());
  });

  test('resolves account defaults into each environment', () => {
    const { account, environments } = fixtureInputs();
    delete environments.beta.aws.keyAdministratorArns;
    environments.gamma.aws.keyAdministratorArns = [`arn:aws:iam::${environments.gamma.aws.accountId}:role/key-admins`];
    const config = loadConfig(writeEnvironmentsDir(account, environments));
    const beta = config.environments.find((e) => e.name === 'beta')!;
    expect(beta.stateKey).toBe(`${account.state.keyPrefix}/beta.tfstate`);
    expect(beta.databricksAccountId).toBe(FIXTURE.databricksAccountId);
    expect(beta.keyAdministratorArns).toEqual([environments.beta.aws.deployRoleArn]);
    expect(beta.sourceFile).toMatch(/[/\\]beta\.json$/);
    expect(config.environments.find((e) => e.name === 'gamma')!.keyAdministratorArns).toEqual(environments.gamma.aws.keyAdministratorArns);
  });

  test('accepts a folder relative to the working directory', () => {
    const { account, environments } = fixtureInputs();
    const relative = path.relative(process.cwd(), writeEnvironmentsDir(account, environments));
    expect(loadConfig(relative).environments.map((e) => e.name)).toEqual(['alpha', 'beta', 'gamma']);
  });

  test('accepts JSON files and names the file of a bad environment', () => {
    const { account, environments } = fixtureInputs();
    environments.alpha.network.privateSubnets[0].cidr = '192.168.0.0/24';
    const problems = problemsLoading(writeEnvironmentsDir(account, environments));
    expect(problems).toEqual([expect.stringMatching(/^environment "alpha" \(.*alpha\.json\): network\.privateSubnets\.0\.cidr: 192\.168\.0\.0\/24 is outside the VPC CIDR 10\.1\.0\.0\/16$/)]);
  });

  test('reports every bad file at once, the account file included', () => {
    const { account, environments } = fixtureInputs();
    account.databricksAccountId = 'not-a-uuid';
    environments.gamma.aws.accountId = 'x';
    const problems = problemsLoading(writeEnvironmentsDir(account, environments));
    expect(problems).toEqual([
      expect.stringMatching(/^account \(.*account\.json\): databricksAccountId: must be a Databricks account id/),
      expect.stringMatching(/^environment "gamma" \(.*gamma\.json\): aws\.accountId: must be a 12-digit AWS account id/),
    ]);
  });

  test('the file name must match the environment name', () => {
    const { account, environments } = fixtureInputs();
    const problems = problemsLoading(writeEnvironmentsDir(account, { alpha: environments.alpha, qa: environments.beta }));
    expect(problems).toEqual([expect.stringContaining('environment "qa" (')]);
    expect(problems[0]).toContain('name: must equal the file name "qa"; got "beta"');
  });

  test.each([
    ['deployment names', (envs: any) => (envs.beta.databricks.deploymentName = 'fx-alpha'), 'environment "beta" (beta.json): databricks.deploymentName: "fx-alpha" is already used by environment "alpha"'],
    ['workspace names', (envs: any) => (envs.gamma.databricks.workspaceName = 'fx-alpha-workspace'), 'environment "gamma" (gamma.json): databricks.workspaceName: "fx-alpha-workspace" is already used by environment "alpha"'],
    ['state keys', (envs: any) => (envs.beta.state = { key: 'fx-state/alpha.tfstate' }), 'stack "beta": state.key: "fx-state/alpha.tfstate" is already the state key of stack "alpha"'],
    ['state keys with the account stack', (envs: any) => (envs.alpha.state = { key: 'fx-state/account.tfstate' }), 'stack "alpha": state.key: "fx-state/account.tfstate" is already the state key of stack "account"'],
    ['a reserved name', (envs: any) => ((envs.bootstrap = { ...envs.alpha, name: 'bootstrap' }), delete envs.alpha), 'environment "bootstrap" (bootstrap.json): name: "bootstrap" is reserved for a shared stack'],
  ])('rejects duplicate %s across environments', (_case, change, expected) => {
    const { account, environments } = fixtureInputs();
    change(environments);
    const files = Object.fromEntries(Object.values(environments).map((env: any) => [env.name, env]));
    expect(problemsLoading(writeEnvironmentsDir(account, files)).join('\n')).toContain(expected);
  });

  test('rejects overlapping VPCs only within one AWS account and region', () => {
    const { account, environments } = fixtureInputs();
    const overlapping = environments.beta;
    overlapping.network = structuredClone(environments.alpha.network);
    // Different AWS accounts: the same CIDR is fine (no peering between them).
    expect(problemsLoading(writeEnvironmentsDir(account, environments))).toEqual([]);
    overlapping.aws.accountId = environments.alpha.aws.accountId;
    overlapping.aws.deployRoleArn = environments.alpha.aws.deployRoleArn;
    expect(problemsLoading(writeEnvironmentsDir(account, environments))).toEqual([
      `environment "beta" (beta.json): network.vpcCidr: 10.1.0.0/16 overlaps 10.1.0.0/16 of environment "alpha" in AWS account ${environments.alpha.aws.accountId} ${FIXTURE.region}`,
    ]);
  });

  test('an environment region needs a metastore and the Databricks account must match', () => {
    const { account, environments } = fixtureInputs();
    environments.gamma.databricks.accountId = '00000000-0000-4000-8000-000000000000';
    account.metastoreRegions = ['eu-central-1'];
    const problems = problemsLoading(writeEnvironmentsDir(account, environments));
    expect(problems).toContain(`environment "alpha" (alpha.json): aws.region: ${FIXTURE.region} has no metastore; add it to account.metastoreRegions`);
    expect(problems.join('\n')).toContain('environment "gamma" (gamma.json): databricks.accountId: must match account.databricksAccountId');
  });

  test('a folder without an account file or environments is an error', () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'blueprint-empty-'));
    expect(problemsLoading(empty)).toEqual([expect.stringMatching(/account\.ts: missing/)]);
    writeFileSync(path.join(empty, 'account.json'), JSON.stringify(accountFixture()));
    expect(problemsLoading(empty)).toEqual([expect.stringMatching(/no environment files found/)]);
  });
});

describe('account.disableLegacyFeatures', () => {
  test('refuses a Glue metastore in any environment', () => {
    const { account, environments } = fixtureInputs();
    account.disableLegacyFeatures = true;
    environments.beta.unityCatalog = { glueMetastore: { enabled: true } };
    environments.beta.workspaceSecurity = { hardening: { disableLegacyAccess: false } };
    const problems = problemsLoading(writeEnvironmentsDir(account, environments));
    expect(problems).toContain(
      'environment "beta" (beta.json): unityCatalog.glueMetastore.enabled: account.disableLegacyFeatures turns the Hive metastore off for new workspaces',
    );
  });
});
