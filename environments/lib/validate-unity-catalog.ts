import type { AccountConfig, EnvironmentConfig } from '../schema';

/**
 * Unity Catalog rules that need the account file: system schemas are enabled on a metastore (region) by
 * exactly one environment, and it must be protected: destroying its stack would disable them for every
 * workspace of the region. Grant groups are checked with the other group references (groups.ts).
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
    } else if (!env.protect) {
      problems.push(
        `account: systemSchemas.environments.${region}: environment "${name}" has protect: false; the system schemas of a region belong to a protected environment (destroying it would disable them for every workspace of ${region})`,
      );
    }
  }
  for (const region of new Set(environments.map((env) => env.aws.region))) {
    const configured = configuredOwner(account, region);
    const [first, ...more] = claimantsIn(environments, region);
    // Every further claimant at once: a user fixing one per run would not see the third until the second run.
    for (const name of more) {
      problems.push(`environment "${name}": unityCatalog.enablesSystemSchemas: environment "${first}" already enables the system schemas of ${region}; set it in one environment per region`);
    }
    if (more.length === 0 && configured && first && first !== configured) {
      problems.push(`environment "${first}": unityCatalog.enablesSystemSchemas: account.systemSchemas.environments names "${configured}" for ${region}; keep one of the two`);
    }
  }
  return problems;
}

const configuredOwner = (account: AccountConfig, region: string): string | undefined =>
  account.systemSchemas.environments[region as keyof typeof account.systemSchemas.environments];
const protectedIn = (environments: EnvironmentConfig[], region: string) =>
  environments.filter((env) => env.aws.region === region && env.protect).map((env) => env.name);
const claimantsIn = (environments: EnvironmentConfig[], region: string) =>
  environments.filter((env) => env.aws.region === region && env.unityCatalog.enablesSystemSchemas).map((env) => env.name).sort();

/**
 * Region -> the environment that enables system schemas there: account.systemSchemas.environments, else the
 * environment with unityCatalog.enablesSystemSchemas, else the region's only protected environment. A region
 * without a protected environment gets none (an unprotected stack's destroy would disable them for the region),
 * and so does one with several protected environments and no choice: the blueprint does not pick by name.
 * validateUnityCatalog has refused conflicting choices before this runs.
 */
export function systemSchemaEnvironments(account: AccountConfig, environments: EnvironmentConfig[]): Map<string, string> {
  const owners = new Map<string, string>();
  for (const region of new Set(environments.map((env) => env.aws.region))) {
    const onlyProtected = protectedIn(environments, region);
    const owner = configuredOwner(account, region) ?? claimantsIn(environments, region)[0] ?? (onlyProtected.length === 1 ? onlyProtected[0] : undefined);
    if (owner) owners.set(region, owner);
  }
  return owners;
}
