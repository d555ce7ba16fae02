import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { AccountInput, EnvironmentInput } from '../../../environments/schema';

/** One second-octet per VPC (10.<i>.0.0/16) keeps every generated network disjoint. */
export const MAX_ENVIRONMENTS = 250;
export const BENCH_REGION = 'eu-west-1';

export interface EnvironmentSet {
  readonly account: AccountInput;
  readonly environments: EnvironmentInput[];
}

/** `env001`, `env002`, ...: sorts like the numbers and stays a valid DNS label. */
export function environmentName(index: number): string {
  return `env${String(index).padStart(3, '0')}`;
}

/** A 12-digit AWS account id per environment, distinct from the account-wide one. */
function awsAccountIdFor(index: number): string {
  return String(300_000_000_000 + index);
}

/**
 * N synthetic environments that pass every rule of environments/index.ts: distinct names,
 * deployment and workspace names, AWS accounts and /16 VPCs, all in a metastore region.
 */
export function generateEnvironmentSet(count: number): EnvironmentSet {
  if (!Number.isInteger(count) || count < 1 || count > MAX_ENVIRONMENTS) {
    throw new RangeError(`environment count must be an integer from 1 to ${MAX_ENVIRONMENTS}; got ${count}`);
  }
  const account: AccountInput = {
    namePrefix: 'bench',
    databricksAccountId: '00000000-0000-4000-8000-000000000000',
    aws: { accountId: '200000000000', region: BENCH_REGION, deployRoleArn: 'arn:aws:iam::200000000000:role/bench-deploy' },
    metastoreRegions: [BENCH_REGION],
    groups: {
      admins: { displayName: 'bench-admins', workspaceAccess: 'ADMIN', defaultGrants: { catalog: ['ALL_PRIVILEGES'], storageCredential: ['ALL_PRIVILEGES'] } },
      dataEngineers: { displayName: 'bench-data-engineers', createsClusters: true, defaultGrants: { catalog: ['USE_CATALOG'], schema: ['USE_SCHEMA', 'SELECT', 'MODIFY'], volume: ['READ_VOLUME', 'WRITE_VOLUME'] } },
      analysts: { displayName: 'bench-analysts', defaultGrants: { catalog: ['USE_CATALOG'], publishedSchema: ['USE_SCHEMA', 'SELECT'] } },
    },
    state: { bucket: 'bench-terraform-state-200000000000', region: BENCH_REGION, accountId: '200000000000' },
    tags: { Owner: 'bench', CostCenter: 'CC-0000' },
  };
  const environments = Array.from({ length: count }, (_, i) => syntheticEnvironment(i + 1));
  return { account, environments };
}

function syntheticEnvironment(index: number): EnvironmentInput {
  const name = environmentName(index);
  const accountId = awsAccountIdFor(index);
  const octet = index; // 1..250
  return {
    name,
    aws: { accountId, region: BENCH_REGION, deployRoleArn: `arn:aws:iam::${accountId}:role/bench-deploy` },
    databricks: { workspaceName: `bench-${name}`, deploymentName: `bench-${name}` },
    network: {
      mode: 'create',
      vpcCidr: `10.${octet}.0.0/16`,
      privateSubnets: [
        { cidr: `10.${octet}.0.0/19`, availabilityZone: `${BENCH_REGION}a` },
        { cidr: `10.${octet}.32.0/19`, availabilityZone: `${BENCH_REGION}b` },
      ],
      publicSubnets: [{ cidr: `10.${octet}.128.0/24`, availabilityZone: `${BENCH_REGION}a` }],
    },
    tags: { Owner: 'bench', CostCenter: `CC-${String(index).padStart(4, '0')}` },
    // Alternate so both branches of protect-dependent code are exercised; odd ones (the first too) are protected.
    protect: index % 2 === 1,
    // Several environments are protected: the first one enables the region's system schemas.
    ...(index === 1 ? { unityCatalog: { enablesSystemSchemas: true } } : {}),
  };
}

/** Writes account.json and <name>.json per environment into `dir` (created if missing). */
export function writeEnvironmentSet(dir: string, set: EnvironmentSet): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'account.json'), `${JSON.stringify(set.account, null, 2)}\n`);
  for (const environment of set.environments) {
    writeFileSync(path.join(dir, `${environment.name}.json`), `${JSON.stringify(environment, null, 2)}\n`);
  }
  return dir;
}
