import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { AccountInput, EnvironmentInput } from '../../environments/schema';
import { synthesize } from '../../main';

/**
 * A small, valid set of its own (not the examples): account "fx" with environments alpha and beta,
 * so the bad-input corpus can state exact messages without depending on the example files.
 */
export function fixtureInputs(): { account: AccountInput; environments: Record<string, EnvironmentInput> } {
  const account: AccountInput = {
    namePrefix: 'fx',
    databricksAccountId: '11111111-2222-4333-8444-555555555555',
    aws: { accountId: '100000000001', region: 'eu-west-1', deployRoleArn: 'arn:aws:iam::100000000001:role/deploy' },
    metastoreRegions: ['eu-west-1'],
    groups: {
      admins: { displayName: 'fx-admins', workspaceAccess: 'ADMIN', defaultGrants: { catalog: ['ALL_PRIVILEGES'] } },
      dataEngineers: { displayName: 'fx-engineers', createsClusters: true, defaultGrants: { catalog: ['USE_CATALOG'], schema: ['USE_SCHEMA', 'MODIFY'] } },
      analysts: { displayName: 'fx-analysts', defaultGrants: { catalog: ['USE_CATALOG'], publishedSchema: ['USE_SCHEMA', 'SELECT'] } },
    },
    state: { bucket: 'fx-terraform-state-100000000001', region: 'eu-west-1', accountId: '100000000001', keyPrefix: 'fx' },
    tags: { Owner: 'platform', CostCenter: 'CC-1' },
  };
  const environment = (name: string, octet: number, accountId: string): EnvironmentInput => ({
    name,
    aws: { accountId, region: 'eu-west-1', deployRoleArn: `arn:aws:iam::${accountId}:role/deploy` },
    databricks: { workspaceName: `fx-${name}`, deploymentName: `fx-${name}` },
    network: {
      mode: 'create',
      vpcCidr: `10.${octet}.0.0/16`,
      privateSubnets: [
        { cidr: `10.${octet}.0.0/19`, availabilityZone: 'eu-west-1a' },
        { cidr: `10.${octet}.32.0/19`, availabilityZone: 'eu-west-1b' },
      ],
      publicSubnets: [{ cidr: `10.${octet}.128.0/24`, availabilityZone: 'eu-west-1a' }],
    },
    tags: { Owner: 'platform', CostCenter: 'CC-2' },
    protect: false,
    secretScopes: [{ name: `${name}-apps`, acls: [{ group: 'dataEngineers', permission: 'READ' }], secrets: [] }],
  });
  return { account, environments: { alpha: environment('alpha', 10, '200000000002'), beta: environment('beta', 20, '300000000003') } };
}

/** Writes account.json and <name>.json (or the given raw files) into a fresh folder. */
export function writeFixture(account: unknown, environments: Record<string, unknown>, rawFiles: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'blueprint-bad-input-'));
  if (account !== undefined) writeFileSync(path.join(dir, 'account.json'), JSON.stringify(account));
  for (const [name, content] of Object.entries(environments)) writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(content));
  for (const [file, text] of Object.entries(rawFiles)) writeFileSync(path.join(dir, file), text);
  return dir;
}

/** An output folder as a previous successful synth and terraform would leave it. */
export function previousOutput(parent: string): string {
  const outdir = path.join(parent, 'cdktf.out');
  for (const stack of ['alpha', 'bootstrap']) mkdirSync(path.join(outdir, 'stacks', stack), { recursive: true });
  writeFileSync(path.join(outdir, 'manifest.json'), '{"previous":true}');
  writeFileSync(path.join(outdir, 'stacks', 'alpha', 'cdk.tf.json'), '{"previous":"alpha"}');
  writeFileSync(path.join(outdir, 'stacks', 'bootstrap', 'terraform.bootstrap.tfstate'), '{"state":"keep me"}');
  return outdir;
}

/** Every file below `dir` (and the folder's siblings) with its content: what "nothing written" compares. */
export function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string) => {
    for (const entry of readdirSync(at)) {
      const full = path.join(at, entry);
      if (statSync(full).isDirectory()) walk(full);
      else files[path.relative(path.dirname(dir), full)] = readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  for (const sibling of readdirSync(path.dirname(dir))) files[`(sibling) ${sibling}`] = '';
  return files;
}

/** Synthesizes `environmentsDir` into `outdir` and returns what it threw (undefined when it succeeded). */
export function synthesisError(environmentsDir: string, outdir: string): unknown {
  try {
    synthesize({ environmentsDir, outdir });
  } catch (error) {
    return error;
  }
  return undefined;
}
