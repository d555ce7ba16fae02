import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ConfigError, loadConfig } from '../../environments';
import { exampleInputs, writeEnvironmentsDir } from '../support/environment-files';
import { EXAMPLE_ENVIRONMENTS_DIR, REPO_ROOT } from '../support/paths';

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

import { accountFixture, environmentFixture, FIXTURE } from '../support/fixtures';

/** Fixture set: alpha (VPC 10.1.0.0/16, in FIXTURE.region), beta and gamma; mutable. */
function fixtureInputs(): { account: any; environments: Record<string, any> } {
  const region = FIXTURE.region;
  const alpha = environmentFixture('alpha', {
    network: {
      mode: 'create',
      vpcCidr: '10.1.0.0/16',
      privateSubnets: [{ cidr: '10.1.0.0/19', availabilityZone: `${region}a` }, { cidr: '10.1.32.0/19', availabilityZone: `${region}b` }],
      publicSubnets: [{ cidr: '10.1.128.0/24', availabilityZone: `${region}a` }],
    },
  });
  return { account: accountFixture(), environments: { alpha, beta: environmentFixture('beta'), gamma: environmentFixture('gamma') } };
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

describe('the app (cdktf.json "app", what cdktf synth/diff/deploy run) with a bad environment file', () => {
  test('prints one short screen naming environment and field, exits 1 and synthesizes nothing', () => {
    const { account, environments } = fixtureInputs();
    environments.alpha.network.privateSubnets[0].cidr = '10.99.0.0/19';
    const dir = writeEnvironmentsDir(account, environments);
    const outdir = path.join(dir, 'out');
    // The command exactly as cdktf.json gives it to the CLI, run from the repository root as the CLI does.
    const [command, ...args] = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'cdktf.json'), 'utf8')).app as string).split(' ');
    const result = spawnSync(command === 'node' ? process.execPath : command, args, {
      cwd: REPO_ROOT,
      env: { ...process.env, BLUEPRINT_ENVIRONMENTS_DIR: dir, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: '1' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `Invalid configuration:\n  - environment "alpha" (${path.relative(REPO_ROOT, path.join(dir, 'alpha.json'))}): network.privateSubnets.0.cidr: 10.99.0.0/19 is outside the VPC CIDR 10.1.0.0/16\n` +
        `Nothing was written; ${path.relative(REPO_ROOT, outdir)} is unchanged.\n`,
    );
    expect(existsSync(outdir)).toBe(false);
    expect(existsSync(path.join(dir, 'cdktf.out'))).toBe(false);
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
