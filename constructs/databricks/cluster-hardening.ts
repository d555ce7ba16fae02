import { Grants } from '@cdktf/provider-databricks/lib/grants';
import { Schema } from '@cdktf/provider-databricks/lib/schema';
import { Volume } from '@cdktf/provider-databricks/lib/volume';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { WorkspaceContext } from '../context';
import { protectFromDestroy } from '../protection';
import type { PolicyDefinition } from './cluster-policy-definition';

export interface ClusterHardeningOptions {
  /** Fix enable_local_disk_encryption to true. */
  readonly localDiskEncryption: boolean;
  /** Forbid every element of ssh_public_keys. */
  readonly forbidSshPublicKeys: boolean;
  /** `/Volumes/<catalog>/<schema>/<volume>` every cluster delivers its logs to. Default: no log rule. */
  readonly logVolumePath?: string;
}

/**
 * Policy elements (Databricks "Compute policy reference": attribute paths are Clusters API fields, `*`
 * stands for any array element): encrypted local disks, no SSH keys, logs to a volume the workspace owns.
 */
export function clusterHardeningElements(options: ClusterHardeningOptions): PolicyDefinition {
  const definition: PolicyDefinition = {};
  if (options.localDiskEncryption) definition.enable_local_disk_encryption = { type: 'fixed', value: true };
  if (options.forbidSshPublicKeys) definition['ssh_public_keys.*'] = { type: 'forbidden' };
  if (options.logVolumePath) {
    // cluster_log_conf.type takes DBFS, S3 or VOLUMES; fixing both leaves users no other destination.
    definition['cluster_log_conf.type'] = { type: 'fixed', value: 'VOLUMES' };
    definition['cluster_log_conf.path'] = { type: 'fixed', value: options.logVolumePath };
  }
  return definition;
}

export interface ClusterLogVolumeProps {
  /** Its workspace provider creates schema, volume and grants; `protect` keeps the schema and the volume. */
  readonly context: WorkspaceContext;
  /** Catalog (ISOLATED, this workspace's) that gets the schema. */
  readonly catalogName: string;
  readonly schemaName: string;
  readonly volumeName: string;
  /** Owner of schema and volume (the admins group's display name). */
  readonly ownerGroup: string;
  /** Display names of the groups whose clusters write logs (USE_SCHEMA, READ_VOLUME, WRITE_VOLUME). */
  readonly writerGroups: string[];
  /** The catalog must exist first. */
  readonly dependsOn: ITerraformDependable[];
}

/** The managed volume cluster logs go to: a schema of its own in the environment's catalog, owned by admins. */
export class ClusterLogVolume extends Construct {
  readonly volume: Volume;
  /** `/Volumes/<catalog>/<schema>/<volume>`, what cluster_log_conf.path takes. */
  readonly path: string;

  constructor(scope: Construct, id: string, props: ClusterLogVolumeProps) {
    super(scope, id);
    const { workspaceProvider: provider, protect } = props.context;
    const schema = new Schema(this, 'schema', {
      provider,
      catalogName: props.catalogName,
      name: props.schemaName,
      comment: 'Platform operations: cluster logs',
      owner: props.ownerGroup,
      forceDestroy: false,
      dependsOn: props.dependsOn,
    });
    protectFromDestroy(schema, protect);
    this.volume = new Volume(this, 'volume', {
      provider,
      catalogName: props.catalogName,
      schemaName: schema.name,
      name: props.volumeName,
      volumeType: 'MANAGED',
      comment: 'Driver, worker and init-script logs of the clusters (cluster_log_conf)',
      owner: props.ownerGroup,
    });
    protectFromDestroy(this.volume, protect);
    this.path = `/Volumes/${props.catalogName}/${props.schemaName}/${props.volumeName}`;
    if (props.writerGroups.length > 0) {
      const writers = [...new Set(props.writerGroups)].sort();
      new Grants(this, 'schema-grants', { provider, schema: schema.id, grant: writers.map((principal) => ({ principal, privileges: ['USE_SCHEMA'] })) });
      // Clusters write their logs as the cluster owner, who needs both volume privileges.
      new Grants(this, 'volume-grants', { provider, volume: this.volume.id, grant: writers.map((principal) => ({ principal, privileges: ['READ_VOLUME', 'WRITE_VOLUME'] })) });
    }
  }
}
