import { ArtifactAllowlist } from '@cdktf/provider-databricks/lib/artifact-allowlist';
import type { ITerraformDependable, TerraformProvider, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { terraformLiteral } from '../terraform-literal';

export interface ArtifactAllowlistsProps {
  /** Init-script files or directories (`/Volumes/...` or `s3://...`), already merged and sorted. */
  readonly initScripts: readonly string[];
  /** JAR files or directories (`/Volumes/...` or `s3://...`). */
  readonly jars: readonly string[];
  /** Maven coordinate prefixes (`group:artifact` or `group:artifact:version`). */
  readonly mavenCoordinates: readonly string[];
  /** The metastore assignment of the workspace (the allowlist belongs to its metastore). */
  readonly dependsOn: ITerraformDependable[];
  /** Workspace-level Databricks provider of a workspace attached to the metastore. */
  readonly databricksProvider: TerraformProvider;
}

/**
 * Construct id in the stack. It predates the init-script list ("library-allowlists"); renaming it would
 * change every address below and make Terraform destroy and recreate the metastore's lists.
 */
export const ARTIFACT_ALLOWLISTS_ID = 'library-allowlists';

const TYPES = [
  { artifactType: 'INIT_SCRIPT', key: 'initScripts', id: 'init-script' },
  { artifactType: 'LIBRARY_JAR', key: 'jars', id: 'library-jar' },
  { artifactType: 'LIBRARY_MAVEN', key: 'mavenCoordinates', id: 'library-maven' },
] as const;

/**
 * Addresses of the lists (cdktf logical ids of `<ARTIFACT_ALLOWLISTS_ID>/<type id>`), and of the INIT_SCRIPT
 * list node-traffic encryption owned before the lists were merged. test/stacks/artifact-allowlists.test.ts
 * checks them against synthesis.
 */
export const ARTIFACT_ALLOWLIST_ADDRESSES = {
  INIT_SCRIPT: 'databricks_artifact_allowlist.library-allowlists_init-script_EB984C36',
  LIBRARY_JAR: 'databricks_artifact_allowlist.library-allowlists_library-jar_BA32D90D',
  LIBRARY_MAVEN: 'databricks_artifact_allowlist.library-allowlists_library-maven_F6A2C540',
} as const;
export const LEGACY_NODE_TRAFFIC_ALLOWLIST_ADDRESS = 'databricks_artifact_allowlist.node-traffic-encryption_init-script-allowlist_114FF005';

/**
 * The metastore's artifact allowlists. databricks_artifact_allowlist replaces the whole list of its type on
 * the metastore (provider 1.99 docs: all entries of a type in a single resource; PREFIX_MATCH is the only
 * match type), so exactly one stack per metastore creates this construct, with the merged entries of every
 * environment of the region. Standard access mode runs only allowlisted init scripts and libraries.
 */
export class ArtifactAllowlists extends Construct {
  readonly allowlists: ArtifactAllowlist[] = [];
  /** The INIT_SCRIPT list, when there is one: a cluster policy pinning an allowlisted script waits for it. */
  readonly initScripts?: ArtifactAllowlist;

  constructor(scope: Construct, id: string, props: ArtifactAllowlistsProps) {
    super(scope, id);
    for (const { artifactType, key, id: typeId } of TYPES) {
      const entries = [...new Set(props[key])].sort();
      if (entries.length === 0) continue;
      const list = new ArtifactAllowlist(this, typeId, {
        provider: props.databricksProvider,
        artifactType,
        // Paths are user text: validation refuses braces, and the literal escape keeps it that way here too.
        artifactMatcher: entries.map((artifact) => ({ artifact: terraformLiteral(artifact), matchType: 'PREFIX_MATCH' })),
        dependsOn: props.dependsOn,
      });
      this.allowlists.push(list);
      if (artifactType === 'INIT_SCRIPT') {
        this.initScripts = list;
        // Before the merge, node-traffic encryption held this list in the same stack: move, don't recreate.
        list.moveFromId(LEGACY_NODE_TRAFFIC_ALLOWLIST_ADDRESS);
      }
    }
  }
}

/**
 * In every other stack of the metastore: forget (never destroy) lists this stack may still hold in state,
 * because it owned them before (a hand-over of the system schemas, or a node-traffic script list). A destroy
 * there would empty the list the owner just wrote. Terraform ignores a `removed` block with nothing in state.
 */
export function forgetArtifactAllowlists(stack: TerraformStack): void {
  const addresses = [...Object.values(ARTIFACT_ALLOWLIST_ADDRESSES), LEGACY_NODE_TRAFFIC_ALLOWLIST_ADDRESS];
  stack.addOverride('removed', addresses.map((from) => ({ from, lifecycle: { destroy: false } })));
}
