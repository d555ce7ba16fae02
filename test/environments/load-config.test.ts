import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ConfigError, loadConfig } from '../../environments';
import { exampleInputs, writeEnvironmentsDir } from '../support/environment-files';
import { EXAMPLE_ENVIRONMENTS_DIR } from '../support/synth';

function problemsLoading(dir: string): string[] {
  try {
    loadConfig(dir);
  } catch (error) {
    // The temporary folder varies; keep only the file name ("environment "dev" (dev.json): ...").
    if (error instanceof ConfigError) return error.problems.map((problem) => problem.replace(/^(environment "[^"]+" \()\S*[/\\]/, '$1'));
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  test('loads the examples with resolved account defaults', () => {
    const config = loadConfig(EXAMPLE_ENVIRONMENTS_DIR);
    // In file-name order; a fork's extra environments (README "Add an environment") do not break it.
    const names = config.environments.map((e) => e.name);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['dev', 'prod', 'staging']));
    const dev = config.environments.find((e) => e.name === 'dev')!;
    expect(dev.stateKey).toBe('databricks/dev.tfstate');
    expect(dev.databricksAccountId).toBe(config.account.databricksAccountId);
    expect(dev.keyAdministratorArns).toEqual(['arn:aws:iam::210987654321:role/platform-terraform-deploy']);
    expect(dev.sourceFile).toMatch(/environments[/\\]dev\.ts$/);
  });

  test('accepts a folder relative to the working directory', () => {
    const relative = path.relative(process.cwd(), EXAMPLE_ENVIRONMENTS_DIR);
    expect(loadConfig(relative).environments.map((e) => e.name)).toEqual(expect.arrayContaining(['dev', 'prod', 'staging']));
  });

  test('accepts JSON files and names the file of a bad environment', () => {
    const { account, environments } = exampleInputs();
    (environments.dev.network as any).privateSubnets[0].cidr = '192.168.0.0/24';
    const problems = problemsLoading(writeEnvironmentsDir(account, environments));
    expect(problems).toEqual([expect.stringMatching(/^environment "dev" \(.*dev\.json\): network\.privateSubnets\.0\.cidr: 192\.168\.0\.0\/24 is outside the VPC CIDR 10\.10\.0\.0\/16$/)]);
  });

  test('reports every bad file at once, the account file included', () => {
    const { account, environments } = exampleInputs();
    (account as any).databricksAccountId = 'not-a-uuid';
    (environments.prod.aws as any).accountId = 'x';
    const problems = problemsLoading(writeEnvironmentsDir(account, environments));
    expect(problems).toEqual([
      expect.stringMatching(/^account \(.*account\.json\): databricksAccountId: must be a Databricks account id/),
      expect.stringMatching(/^environment "prod" \(.*prod\.json\): aws\.accountId: must be a 12-digit AWS account id/),
    ]);
  });

  test('the file name must match the environment name', () => {
    const { account, environments } = exampleInputs();
    const problems = problemsLoading(writeEnvironmentsDir(account, { dev: environments.dev, qa: environments.staging }));
    expect(problems).toEqual([expect.stringContaining('environment "qa" (')]);
    expect(problems[0]).toContain('name: must equal the file name "qa"; got "staging"');
  });

  test.each([
    ['deployment names', (envs: any) => (envs.staging.databricks.deploymentName = 'acme-dev'), 'environment "staging" (staging.json): databricks.deploymentName: "acme-dev" is already used by environment "dev"'],
    ['workspace names', (envs: any) => (envs.prod.databricks.workspaceName = 'acme-dev'), 'environment "prod" (prod.json): databricks.workspaceName: "acme-dev" is already used by environment "dev"'],
    ['state keys', (envs: any) => (envs.staging.state = { key: 'databricks/dev.tfstate' }), 'stack "staging": state.key: "databricks/dev.tfstate" is already the state key of stack "dev"'],
    ['state keys with the account stack', (envs: any) => (envs.dev.state = { key: 'databricks/account.tfstate' }), 'stack "dev": state.key: "databricks/account.tfstate" is already the state key of stack "account"'],
    ['a reserved name', (envs: any) => ((envs.bootstrap = { ...envs.dev, name: 'bootstrap' }), delete envs.dev), 'environment "bootstrap" (bootstrap.json): name: "bootstrap" is reserved for a shared stack'],
  ])('rejects duplicate %s across environments', (_case, change, expected) => {
    const { account, environments } = exampleInputs();
    change(environments);
    const files = Object.fromEntries(Object.values(environments).map((env: any) => [env.name, env]));
    expect(problemsLoading(writeEnvironmentsDir(account, files)).join('\n')).toContain(expected);
  });

  test('rejects overlapping VPCs only within one AWS account and region', () => {
    const { account, environments } = exampleInputs();
    const overlapping: any = environments.staging;
    overlapping.network.vpcCidr = '10.10.0.0/16';
    overlapping.network.privateSubnets = [
      { cidr: '10.10.0.0/19', availabilityZone: 'eu-west-1a' },
      { cidr: '10.10.32.0/19', availabilityZone: 'eu-west-1b' },
    ];
    overlapping.network.publicSubnets = [{ cidr: '10.10.128.0/24', availabilityZone: 'eu-west-1a' }];
    // Different AWS accounts: the same CIDR is fine (no peering between them).
    expect(problemsLoading(writeEnvironmentsDir(account, environments))).toEqual([]);
    overlapping.aws.accountId = '210987654321';
    overlapping.aws.deployRoleArn = 'arn:aws:iam::210987654321:role/platform-terraform-deploy';
    // One deploy role for two stacks: allowed only without the pipeline (account.ci), which forbids sharing.
    delete account.ci;
    delete overlapping.aws.planRoleArn;
    expect(problemsLoading(writeEnvironmentsDir(account, environments))).toEqual([
      'environment "staging" (staging.json): network.vpcCidr: 10.10.0.0/16 overlaps 10.10.0.0/16 of environment "dev" in AWS account 210987654321 eu-west-1',
    ]);
  });

  test('an environment region needs a metastore and the Databricks account must match', () => {
    const { account, environments } = exampleInputs();
    (environments.prod as any).databricks.accountId = '00000000-0000-4000-8000-000000000000';
    account.metastoreRegions = ['us-east-1'];
    const problems = problemsLoading(writeEnvironmentsDir(account, environments));
    expect(problems).toContain('environment "dev" (dev.json): aws.region: eu-west-1 has no metastore; add it to account.metastoreRegions');
    expect(problems.join('\n')).toContain('environment "prod" (prod.json): databricks.accountId: must match account.databricksAccountId');
  });

  test('a folder without an account file or environments is an error', () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'blueprint-empty-'));
    expect(problemsLoading(empty)).toEqual([expect.stringMatching(/account\.ts: missing/)]);
    writeFileSync(path.join(empty, 'account.json'), JSON.stringify(exampleInputs().account));
    expect(problemsLoading(empty)).toEqual([expect.stringMatching(/no environment files found/)]);
  });
});

describe('main.ts with a bad environment file', () => {
  test('prints one short screen naming environment and field, exits 1 and synthesizes nothing', () => {
    const { account, environments } = exampleInputs();
    (environments.dev.network as any).privateSubnets[0].cidr = '10.99.0.0/19';
    const dir = writeEnvironmentsDir(account, environments);
    const outdir = path.join(dir, 'out');
    const result = spawnSync(process.execPath, ['--import', require.resolve('tsx'), path.join(EXAMPLE_ENVIRONMENTS_DIR, '..', 'main.ts')], {
      cwd: dir,
      env: { ...process.env, BLUEPRINT_ENVIRONMENTS_DIR: dir, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: '1' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'Invalid configuration:\n  - environment "dev" (dev.json): network.privateSubnets.0.cidr: 10.99.0.0/19 is outside the VPC CIDR 10.10.0.0/16\n',
    );
    expect(existsSync(outdir)).toBe(false);
    expect(existsSync(path.join(dir, 'cdktf.out'))).toBe(false);
  });
});

describe('account.disableLegacyFeatures', () => {
  test('refuses a Glue metastore in any environment', () => {
    const { account, environments } = exampleInputs();
    (account as any).disableLegacyFeatures = true;
    (environments.staging as any).unityCatalog = { glueMetastore: { enabled: true } };
    (environments.staging as any).workspaceSecurity = { hardening: { disableLegacyAccess: false } };
    const problems = problemsLoading(writeEnvironmentsDir(account, environments));
    expect(problems).toContain(
      'environment "staging" (staging.json): unityCatalog.glueMetastore.enabled: account.disableLegacyFeatures turns the Hive metastore off for new workspaces',
    );
  });
});
