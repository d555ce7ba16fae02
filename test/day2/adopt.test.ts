import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ConfigError, loadConfig } from '../../environments';
import { adoptionFile, adoptionSchema, type Adoption } from '../../environments/lib/adoption';
import { synthesizeStacks } from '../../scripts/lib/synth-app';
import { REQUIRED_TERRAFORM_VERSION } from '../../stacks/providers';
import { writeEnvironmentsDir } from '../support/environment-files';
import { accountFixture, environmentFixture } from '../support/fixtures';
import { withoutTerraformBinary } from '../support/no-terraform';
import { runScript, runScriptProcess } from '../support/run-script';
import { addressOf, resourcesOf, synthApp, type Synthesized } from '../support/synth';

// Fake ids in the documented formats (provider docs, Import sections).
const IDS = {
  workspace: '1234567890123456',
  storageConfiguration: '0a1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d',
  credentials: '1a1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d',
  network: '2a1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d',
  metastore: '3a1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d',
  kmsKey: '4a1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d',
  bucket: 'legacy-workspace-root-fixture',
  storageConfigurationName: 'legacy-storage',
};

/** A fixture account and environment "alpha", which adopts; in a temporary folder. */
function fixtureDir(): { dir: string; name: string } {
  return { dir: writeEnvironmentsDir(accountFixture(), { alpha: environmentFixture('alpha') }), name: 'alpha' };
}

function adoptingDir(imports: Adoption['imports'], extra: Partial<Adoption> = {}): { dir: string; name: string } {
  const { dir, name } = fixtureDir();
  mkdirSync(path.join(dir, 'imports'));
  writeFileSync(adoptionFile(dir, name), JSON.stringify({ environment: name, imports, ...extra }));
  return { dir, name };
}

type ImportBlock = { to: string; id: string; provider?: string };
const importsOf = (stack: Synthesized) => (stack as unknown as { import?: ImportBlock[] }).import ?? [];

describe('adopting an existing workspace', () => {
  const { dir, name } = adoptingDir({
    workspace: IDS.workspace,
    'storage-configuration': IDS.storageConfiguration,
    'root-bucket': IDS.bucket,
    network: IDS.network,
    'metastore-assignment': IDS.metastore,
  }, { storageConfigurationName: IDS.storageConfigurationName });
  const config = loadConfig(dir);
  const env = config.environments.find((e) => e.name === name)!;
  const stack = synthApp(config)[name];
  const blocks = importsOf(stack);
  const accountId = env.databricksAccountId;

  test('synthesizes one plain Terraform import block per id, in the documented id format', () => {
    expect(blocks).toEqual(expect.arrayContaining([
      { to: addressOf(stack, 'databricks_mws_workspaces'), id: `${accountId}/${IDS.workspace}`, provider: 'databricks.account' },
      { to: addressOf(stack, 'databricks_mws_storage_configurations'), id: `${accountId}/${IDS.storageConfiguration}`, provider: 'databricks.account' },
      { to: addressOf(stack, 'databricks_mws_networks'), id: `${accountId}/${IDS.network}`, provider: 'databricks.account' },
      { to: addressOf(stack, 'databricks_metastore_assignment'), id: `${IDS.workspace}|${IDS.metastore}`, provider: 'databricks.account' },
    ]));
    expect(blocks).toHaveLength(5);
  });

  test('every import block targets a resource of the stack and carries only to, id and provider strings', () => {
    for (const block of blocks) {
      const [type, logical] = block.to.split('.');
      expect(stack.resource[type]?.[logical]).toBeDefined();
      expect(Object.keys(block).every((key) => ['to', 'id', 'provider'].includes(key))).toBe(true);
      expect(Object.values(block).every((value) => typeof value === 'string' && !value.includes('${'))).toBe(true);
    }
  });

  test('the adopted root bucket and storage configuration keep their names (neither can change)', () => {
    const root = resourcesOf(stack, 'aws_s3_bucket').find(([, bucket]) => bucket.bucket === IDS.bucket);
    expect(root).toBeDefined();
    expect(blocks).toContainEqual({ to: `aws_s3_bucket.${root![0]}`, id: IDS.bucket });
    const [[, storage]] = resourcesOf(stack, 'databricks_mws_storage_configurations');
    expect(storage.storage_configuration_name).toBe(IDS.storageConfigurationName);
    expect(storage.bucket_name).toMatch(/^\$\{aws_s3_bucket\./);
  });
});

describe('synthesizing an adoption', () => {
  // cdktf's importFrom adds a check that runs `terraform version` during synthesis.
  test('needs no terraform binary: every stack synthesizes with its validations, running no command', () => {
    const { dir, name } = adoptingDir({ workspace: IDS.workspace, network: IDS.network, 'root-bucket': IDS.bucket });
    const { result: stacks, commands } = withoutTerraformBinary(() => synthesizeStacks<Synthesized>(loadConfig(dir)));
    expect(commands).toEqual([]);
    expect(importsOf(stacks.get(name)!)).toHaveLength(3);
    // Terraform enforces the version itself at init and plan (test/stacks/terraform-compatibility.test.ts).
    expect(stacks.get(name)!.terraform.required_version).toBe(REQUIRED_TERRAFORM_VERSION);
  });
});

describe('adoption ids are validated', () => {
  const messages = (input: unknown) => {
    const result = adoptionSchema.safeParse(input);
    return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  };

  test.each([
    ['workspace', 'adb-123', /imports\.workspace: must be the numeric workspace id/],
    ['credentials', 'not-a-uuid', /imports\.credentials: must be a Databricks id/],
    ['root-bucket', 'arn:aws:s3:::bucket', /imports\.root-bucket: must be an S3 bucket name/],
    ['storage-key', 'arn:aws:kms:eu-west-1:111122223333:key/x', /imports\.storage-key: must be a KMS key id/],
    ['cross-account-role', 'arn:aws:iam::111122223333:role/x', /imports\.cross-account-role: must be an IAM role name/],
  ])('%s = %s is refused', (key, value, message) => {
    expect(messages({ environment: 'x', imports: { [key]: value } }).join('\n')).toMatch(message);
  });

  test('an unknown object is refused', () => {
    expect(messages({ environment: 'x', imports: { vpc: 'vpc-0123456789abcdef0' } }).join('\n')).toMatch(/vpc/);
  });

  test('a storage configuration needs its bucket and name, which the workspace cannot change', () => {
    expect(messages({ environment: 'x', imports: { 'storage-configuration': IDS.storageConfiguration } }).join('\n'))
      .toMatch(/storage-configuration: needs root-bucket and storageConfigurationName/);
  });

  test('an object the environment does not have is a configuration error naming the entry', () => {
    const { dir: plain, name } = fixtureDir();
    const shares = loadConfig(plain).environments.find((e) => e.name === name)!.encryption.shareKey;
    // Whichever key layout the environment has, the other layout's configuration does not exist.
    const absent = shares ? 'storage-key-configuration' : 'shared-key-configuration';
    const { dir } = adoptingDir({ [absent]: IDS.storageConfiguration });
    let failure: unknown;
    try {
      synthApp(loadConfig(dir));
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as Error).message).toMatch(new RegExp(`imports\\.${absent}: this environment has no such resource \\(encryption\\.`));
  });

  test('a role under another name would be replaced, so it is refused', () => {
    const { dir } = adoptingDir({ 'cross-account-role': 'someone-elses-role' });
    expect(() => synthApp(loadConfig(dir))).toThrow(/imports\.cross-account-role: the blueprint names this role ".+"; importing "someone-elses-role" would replace it/);
  });
});

describe('npm run adopt', () => {
  // The first run in a process of its own, as `npm run adopt` runs; the other in this one.
  const runProcess = (dir: string, args: string[]) => runScriptProcess('adopt', args, { env: { BLUEPRINT_ENVIRONMENTS_DIR: dir } });
  const run = (dir: string, args: string[]) => runScript('adopt', args, { BLUEPRINT_ENVIRONMENTS_DIR: dir });

  test('writes the adoption file and lists the import blocks', () => {
    const { dir, name } = fixtureDir();
    const result = runProcess(dir, [name, '--workspace', IDS.workspace, '--credentials', IDS.credentials]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`<-  ${loadConfig(dir).account.databricksAccountId}/${IDS.workspace}`);
    expect(JSON.parse(readFileSync(adoptionFile(dir, name), 'utf8')).imports).toEqual({ workspace: IDS.workspace, credentials: IDS.credentials });
  }, 60_000);

  test('a malformed id exits 2 naming the option, and writes nothing', () => {
    const { dir, name } = fixtureDir();
    const result = run(dir, [name, '--workspace', 'https://adb-1.cloud.databricks.com']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--workspace: must be the numeric workspace id/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(adoptionFile(dir, name))).toBe(false);
  }, 60_000);

  test('a root bucket another environment adopts exits 2 naming both adoption files, and writes nothing', () => {
    const dir = writeEnvironmentsDir(accountFixture(), { alpha: environmentFixture('alpha'), beta: environmentFixture('beta') });
    mkdirSync(path.join(dir, 'imports'));
    writeFileSync(adoptionFile(dir, 'alpha'), JSON.stringify({ environment: 'alpha', imports: { 'root-bucket': IDS.bucket } }));
    const result = run(dir, ['beta', '--root-bucket', IDS.bucket]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`bucket "${IDS.bucket}" is already used by environment "alpha" (imports.root-bucket)`);
    expect(result.stderr).toContain('remove imports.root-bucket from imports/beta.json or imports/alpha.json');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(adoptionFile(dir, 'beta'))).toBe(false);
    // The configuration still loads: the tool left nothing behind that only a hand edit could undo.
    expect(() => loadConfig(dir)).not.toThrow();
  }, 60_000);
});

