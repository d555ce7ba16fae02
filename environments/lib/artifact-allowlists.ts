import { nodeTrafficVolumeFile } from '../../constructs/databricks/node-traffic-script-location';
import type { AccountConfig, ArtifactListsConfig, EnvironmentConfig } from '../schema';
import { systemSchemaEnvironments } from './validate-unity-catalog';

/** The merged allowlists of one metastore, sorted and without duplicates (a stable plan, whatever the file order). */
export interface MetastoreArtifactLists {
  readonly initScripts: string[];
  readonly jars: string[];
  readonly mavenCoordinates: string[];
}

const LIST_KEYS = ['initScripts', 'jars', 'mavenCoordinates'] as const;

/** The node-traffic script file of an environment that delivers it from a volume, else none. */
export function nodeTrafficAllowlistEntry(env: EnvironmentConfig): string | undefined {
  const ntenc = env.nodeTrafficEncryption;
  return ntenc.enabled && ntenc.mode !== 'nitro-only' && ntenc.volumePath ? nodeTrafficVolumeFile(ntenc.volumePath) : undefined;
}

/**
 * Region -> every entry its metastore's allowlists need: the account file's entries for the region, each
 * environment's own entries, and the node-traffic script of each environment delivering it from a volume.
 * databricks_artifact_allowlist replaces the whole list of a type, so these are applied by one resource per
 * type, in one stack. Regions with no entry are absent.
 */
export function mergedArtifactAllowlists(account: AccountConfig, environments: EnvironmentConfig[]): Map<string, MetastoreArtifactLists> {
  const regions = new Set([...Object.keys(account.artifactAllowlists), ...environments.map((env) => env.aws.region)]);
  const merged = new Map<string, MetastoreArtifactLists>();
  for (const region of [...regions].sort()) {
    const sources: Partial<ArtifactListsConfig>[] = [account.artifactAllowlists[region as keyof typeof account.artifactAllowlists] ?? {}];
    for (const env of environments.filter((e) => e.aws.region === region)) {
      const script = nodeTrafficAllowlistEntry(env);
      sources.push(env.unityCatalog.artifactAllowlist, { initScripts: script ? [script] : [] });
    }
    const lists = Object.fromEntries(
      LIST_KEYS.map((key) => [key, [...new Set(sources.flatMap((source) => source[key] ?? []))].sort()]),
    ) as unknown as MetastoreArtifactLists;
    if (LIST_KEYS.some((key) => lists[key].length > 0)) merged.set(region, lists);
  }
  return merged;
}

/**
 * Every allowlist entry has exactly one environment to apply it: the region's system-schema owner (a
 * protected environment, chosen as in systemSchemaEnvironments). Entries in a region without one are refused
 * where they are declared, with the fix.
 */
export function validateArtifactAllowlists(account: AccountConfig, environments: EnvironmentConfig[]): string[] {
  const problems: string[] = [];
  const owners = systemSchemaEnvironments(account, environments);
  const fix = (region: string) =>
    `no environment applies the ${region} metastore's allowlists; set unityCatalog.enablesSystemSchemas: true in a protected environment of ${region} ` +
    `(or name one in account.systemSchemas.environments.${region}): it owns the metastore's lists`;
  for (const [region, lists] of Object.entries(account.artifactAllowlists)) {
    if (!lists || LIST_KEYS.every((key) => lists[key].length === 0)) continue;
    if (!account.metastoreRegions.includes(region as never)) {
      problems.push(`account: artifactAllowlists.${region}: ${region} has no metastore (account.metastoreRegions)`);
    } else if (!owners.has(region)) problems.push(`account: artifactAllowlists.${region}: ${fix(region)}`);
  }
  for (const env of environments.filter((e) => !owners.has(e.aws.region))) {
    if (nodeTrafficAllowlistEntry(env)) problems.push(`environment "${env.name}": nodeTrafficEncryption.volumePath: ${fix(env.aws.region)}`);
    if (LIST_KEYS.some((key) => env.unityCatalog.artifactAllowlist[key].length > 0)) {
      problems.push(`environment "${env.name}": unityCatalog.artifactAllowlist: ${fix(env.aws.region)}`);
    }
  }
  return problems;
}
