import type { AccountConfig, EnvironmentConfig } from '../schema';
import { systemSchemaEnvironments } from './validate-unity-catalog';

/**
 * A retired environment is destroyed as a whole. Objects it manages on behalf of its region's
 * metastore (the system schemas and the artifact allowlists, which the same environment owns) would be
 * disabled for every other environment sharing that metastore, so ownership moves first, in an earlier pull request.
 */
export function validateRetirements(account: AccountConfig, environments: EnvironmentConfig[]): string[] {
  const problems: string[] = [];
  const owners = systemSchemaEnvironments(account, environments);
  for (const env of environments.filter((e) => e.retired)) {
    // Active environments of the region (the retired one itself is not among them).
    const neighbours = environments.filter((other) => !other.retired && other.aws.region === env.aws.region);
    if (neighbours.length === 0) continue;
    const next = neighbours[0].name;
    if (owners.get(env.aws.region) === env.name) {
      problems.push(
        `environment "${env.name}": retired: it enables the system schemas and applies the artifact allowlists of the ${env.aws.region} metastore, which environment(s) ${neighbours.map((n) => `"${n.name}"`).join(', ')} still use; ` +
          `first set account.systemSchemas.environments["${env.aws.region}"] = "${next}" and deploy that in its own pull request (docs/day2.md#retire-an-environment)`,
      );
    }
  }
  return problems;
}
