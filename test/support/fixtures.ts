/**
 * Fixture builder for specification tests: small, valid account and environment inputs that owe
 * nothing to the example files in environments/, so the suite stays green when a team replaces the
 * examples. Every value is a fixture value (prefix "fx", accounts 1111…, region us-east-2); override
 * any field with a deep-partial object (arrays are replaced, objects merged).
 *
 *   const config = fixtureConfig({ environments: [environmentFixture('alpha', { protect: true })] });
 *   const stacks = synthApp(config);   // bootstrap, account and one workspace stack "alpha"
 */
import { loadConfig, type LoadedConfig } from '../../environments';
import type { AccountInput, EnvironmentInput } from '../../environments/schema';
import { writeEnvironmentsDir } from './environment-files';

export type DeepPartial<T> = T extends (infer U)[] ? U[] : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/** Fixture constants, for tests that assert a value the fixture put in. */
export const FIXTURE = {
  namePrefix: 'fx',
  databricksAccountId: '00000000-0000-4000-8000-00000000f1c5',
  accountId: '111111111111',
  region: 'us-east-2',
  stateBucket: 'fx-terraform-state-111111111111',
  groups: { admins: 'fx-admins', dataEngineers: 'fx-engineers', analysts: 'fx-analysts' },
  /** PrivateLink endpoint subnets of hardenedEnvironmentFixture, inside its VPC 10.3.0.0/16. */
  privateLinkSubnets: ['10.3.131.0/28', '10.3.131.16/28', '10.3.131.32/28'],
} as const;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `base` with `overrides` merged in: objects recursively, arrays and scalars replaced; undefined removes. */
export function merge<T>(base: T, overrides: DeepPartial<T> | undefined): T {
  if (overrides === undefined) return structuredClone(base);
  if (!isPlainObject(base) || !isPlainObject(overrides)) return structuredClone(overrides as T);
  const result: Record<string, unknown> = structuredClone(base);
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete result[key];
    else result[key] = key in result ? merge(result[key], value as never) : structuredClone(value);
  }
  return result as T;
}

export function accountFixture(overrides?: DeepPartial<AccountInput>): AccountInput {
  return merge<AccountInput>(
    {
      namePrefix: FIXTURE.namePrefix,
      databricksAccountId: FIXTURE.databricksAccountId,
      aws: { accountId: FIXTURE.accountId, region: FIXTURE.region, deployRoleArn: `arn:aws:iam::${FIXTURE.accountId}:role/fx-deploy` },
      metastoreRegions: [FIXTURE.region],
      groups: fixtureGroups(),
      state: { bucket: FIXTURE.stateBucket, region: FIXTURE.region, accountId: FIXTURE.accountId, keyPrefix: 'fx-state' },
      tags: { Owner: 'fx-owner', CostCenter: 'FX-1' },
    },
    overrides,
  );
}

/**
 * The fixture's account groups: FIXTURE.groups as display names, with the workspace access and default
 * grants of the blueprint's model (owners administer, engineers write the unpublished layers, analysts read
 * the published one), so tests can assert grants without reading the example files.
 */
export function fixtureGroups(): NonNullable<AccountInput['groups']> {
  return {
    admins: {
      displayName: FIXTURE.groups.admins,
      workspaceAccess: 'ADMIN',
      defaultGrants: { catalog: ['ALL_PRIVILEGES'], storageCredential: ['ALL_PRIVILEGES'], managedLocation: ['ALL_PRIVILEGES'], externalLocation: ['ALL_PRIVILEGES'] },
    },
    dataEngineers: {
      displayName: FIXTURE.groups.dataEngineers,
      workspaceAccess: 'USER',
      createsClusters: true,
      defaultGrants: {
        catalog: ['USE_CATALOG'],
        schema: ['USE_SCHEMA', 'SELECT', 'MODIFY', 'CREATE_TABLE', 'READ_VOLUME', 'WRITE_VOLUME'],
        publishedSchema: ['USE_SCHEMA', 'SELECT'],
        volume: ['READ_VOLUME', 'WRITE_VOLUME'],
        externalLocation: ['READ_FILES', 'WRITE_FILES'],
      },
    },
    analysts: { displayName: FIXTURE.groups.analysts, workspaceAccess: 'USER', defaultGrants: { catalog: ['USE_CATALOG'], publishedSchema: ['USE_SCHEMA', 'SELECT'] } },
  };
}

/** A 12-digit AWS account id of its own per environment name (stable across runs). */
export function fixtureAccountId(name: string): string {
  let hash = 7;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) % 1e9;
  return `2${String(hash).padStart(11, '0')}`;
}

/** Second octet of the environment's VPC (10.<n>.0.0/16), distinct for distinct names in practice. */
function vpcOctet(name: string): number {
  return (Number(fixtureAccountId(name).slice(-4)) % 200) + 1;
}

/**
 * A minimal valid environment: created VPC with two private subnets in two zones, schema defaults
 * for everything else (protected, customer-managed keys, Unity Catalog, node-traffic encryption).
 */
export function environmentFixture(name: string, overrides?: DeepPartial<EnvironmentInput>): EnvironmentInput {
  const accountId = fixtureAccountId(name);
  const octet = vpcOctet(name);
  const region: EnvironmentInput['aws']['region'] = overrides?.aws?.region ?? FIXTURE.region;
  return merge<EnvironmentInput>(
    {
      name,
      aws: { accountId, region, deployRoleArn: `arn:aws:iam::${accountId}:role/fx-deploy` },
      databricks: { workspaceName: `fx-${name}-workspace`, deploymentName: `fx-${name}` },
      network: {
        mode: 'create',
        vpcCidr: `10.${octet}.0.0/16`,
        privateSubnets: [
          { cidr: `10.${octet}.0.0/19`, availabilityZone: `${region}a` },
          { cidr: `10.${octet}.32.0/19`, availabilityZone: `${region}b` },
        ],
        publicSubnets: [{ cidr: `10.${octet}.128.0/24`, availabilityZone: `${region}a` }],
      },
      tags: { Owner: 'fx-owner', CostCenter: `FX-${name.toUpperCase()}` },
    },
    overrides,
  );
}

/**
 * A fully hardened environment (what a production profile turns on): VPC 10.3.0.0/16 in three zones
 * with a NAT gateway each, short-lived admin-only tokens, IP access lists, every hardening switch,
 * a secret scope with one secret from the environment and one generated, a larger cluster policy,
 * PrivateLink subnets (FIXTURE.privateLinkSubnets) and node-traffic encryption in both modes.
 */
export function hardenedEnvironmentFixture(name: string, overrides?: DeepPartial<EnvironmentInput>): EnvironmentInput {
  const zones = ['a', 'b', 'c'].map((zone) => `${FIXTURE.region}${zone}`);
  return environmentFixture(name, merge<DeepPartial<EnvironmentInput>>({
    network: {
      mode: 'create',
      vpcCidr: '10.3.0.0/16',
      privateSubnets: zones.map((availabilityZone, i) => ({ cidr: `10.3.${i * 32}.0/19`, availabilityZone })),
      publicSubnets: zones.map((availabilityZone, i) => ({ cidr: `10.3.${128 + i}.0/24`, availabilityZone })),
      natGateways: 'per-az',
    },
    tags: { Owner: 'fx-security', CostCenter: `FX-${name.toUpperCase()}` },
    protect: true,
    workspaceSecurity: {
      tokens: { maxLifetimeDays: 30, allowedGroups: ['admins'] },
      ipAccessLists: {
        enabled: true,
        // Documentation ranges (RFC 5737).
        allow: [{ label: 'office', addresses: ['192.0.2.0/24'] }, { label: 'runners', addresses: ['198.51.100.20', '198.51.100.21'] }],
        block: [{ label: 'visitors', addresses: ['192.0.2.128/25'] }],
      },
      hardening: {
        complianceSecurityProfile: { enabled: true, standards: ['HIPAA'] },
        enhancedSecurityMonitoring: true,
        automaticClusterUpdate: true,
        restrictWorkspaceAdmins: true,
      },
    },
    secretScopes: [{
      name: `${name}-jobs`,
      acls: [{ group: 'admins', permission: 'MANAGE' }, { group: 'dataEngineers', permission: 'READ' }],
      secrets: [{ key: 'warehouse-password', source: 'environment' }, { key: 'webhook-signing-key', source: 'generated', length: 64 }],
    }],
    // Dedicated access only: the init script is a workspace file (docs/node-traffic-encryption.md#compatibility).
    clusterPolicy: { maxDbuPerHour: 100, maxWorkers: 20, dataSecurityModes: ['SINGLE_USER'] },
    privateLink: { enabled: true, subnets: FIXTURE.privateLinkSubnets.map((cidr, i) => ({ cidr, availabilityZone: zones[i] })) },
    nodeTrafficEncryption: { mode: 'both' },
  }, overrides));
}

/**
 * A validated configuration, through the same loader as the app (schema defaults, set rules,
 * resolved fields). Default: the account fixture and one environment "alpha".
 */
export function fixtureConfig(options: { account?: AccountInput; environments?: EnvironmentInput[] } = {}): LoadedConfig {
  const environments = options.environments ?? [environmentFixture('alpha')];
  return loadConfig(writeEnvironmentsDir(options.account ?? accountFixture(), Object.fromEntries(environments.map((env) => [env.name, env]))));
}
