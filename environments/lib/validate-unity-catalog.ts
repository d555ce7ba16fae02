import type { AccountConfig, EnvironmentConfig } from '../schema';

/**
 * Unity Catalog rules that need the account file: system schemas are managed by exactly one
 * environment per metastore (region). Grant groups are checked with the other group references (groups.ts).
 */
export function validateUnityCatalog(account: AccountConfig, environments: EnvironmentConfig[]): string[] {
  const problems: string[] = [];
  for (const [region, name] of Object.entries(account.systemSchemas.environments)) {
    const env = environments.find((e) => e.name === name);
    if (!account.metastoreRegions.includes(region as never)) {
      problems.push(`account: systemSchemas.environments.${region}: ${region} has no metastore (account.metastoreRegions)`);
    } else if (!env) {
      problems.push(`account: systemSchemas.environments.${region}: no environment is named "${name}"`);
    } else if (env.aws.region !== region) {
      problems.push(`account: systemSchemas.environments.${region}: environment "${name}" runs in ${env.aws.region}, not ${region}`);
    }
  }
  return problems;
}

/** Region -> the environment that enables system schemas there: the configured one, else the first by name. */
export function systemSchemaEnvironments(account: AccountConfig, environments: EnvironmentConfig[]): Map<string, string> {
  const owners = new Map<string, string>();
  for (const env of [...environments].sort((a, b) => a.name.localeCompare(b.name))) {
    if (!owners.has(env.aws.region)) owners.set(env.aws.region, account.systemSchemas.environments[env.aws.region] ?? env.name);
  }
  return owners;
}
