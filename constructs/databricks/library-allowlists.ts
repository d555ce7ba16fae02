import { ArtifactAllowlist } from '@cdktf/provider-databricks/lib/artifact-allowlist';
import type { ITerraformDependable, TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';

export interface LibraryAllowlistsProps {
  /** Path prefixes of JAR libraries (`/Volumes/...` or `s3://...`). */
  readonly jars: string[];
  /** Maven coordinate prefixes (`group:artifact` or `group:artifact:version`). */
  readonly mavenCoordinates: string[];
  /** The metastore assignment of the workspace (the allowlist belongs to its metastore). */
  readonly dependsOn: ITerraformDependable[];
  /** Workspace-level Databricks provider of a workspace attached to the metastore. */
  readonly databricksProvider: TerraformProvider;
}

/**
 * The metastore's library allowlists (databricks_artifact_allowlist, provider 1.99 docs: one resource owns
 * all entries of a type, PREFIX_MATCH only). Standard access mode installs only allowlisted libraries.
 * The INIT_SCRIPT list stays with node-traffic encryption, which owns it when it ships its script in a volume.
 */
export class LibraryAllowlists extends Construct {
  readonly allowlists: ArtifactAllowlist[] = [];

  constructor(scope: Construct, id: string, props: LibraryAllowlistsProps) {
    super(scope, id);
    const lists = [
      ['LIBRARY_JAR', props.jars],
      ['LIBRARY_MAVEN', props.mavenCoordinates],
    ] as const;
    for (const [artifactType, entries] of lists) {
      if (entries.length === 0) continue;
      this.allowlists.push(
        new ArtifactAllowlist(this, artifactType.toLowerCase().replace('_', '-'), {
          provider: props.databricksProvider,
          artifactType,
          artifactMatcher: [...new Set(entries)].map((artifact) => ({ artifact, matchType: 'PREFIX_MATCH' })),
          dependsOn: props.dependsOn,
        }),
      );
    }
  }
}
