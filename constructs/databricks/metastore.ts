import { Metastore } from '@cdktf/provider-databricks/lib/metastore';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { StackContext } from '../context';
import { Naming } from '../naming';
import { protectFromDestroy } from '../protection';

/**
 * Name of the metastore of a region. Environment stacks look the metastore up by this name (data
 * source), so the account stack and every environment must build it the same way.
 */
export function metastoreName(namePrefix: string, region: string): string {
  return new Naming(namePrefix, 'shared').name(`metastore-${region}`);
}

export interface RegionalMetastoreProps {
  /** The account stack's context: its name prefix names the metastore, `protect` adds prevent_destroy, its account provider creates it. */
  readonly context: StackContext;
  /** The region this metastore serves (one per metastore region, not the stack's region). */
  readonly metastoreRegion: string;
  /** Account group that owns the metastore (its members are metastore admins). */
  readonly ownerGroup: string;
  /**
   * Metastore-level root storage (s3://...). Default: none: every catalog declares its own storage,
   * which keeps each environment's data in its own bucket and key.
   */
  readonly storageRoot?: string;
  /** The owner group when the same stack creates it. Default: none. */
  readonly dependsOn?: ITerraformDependable[];
}

/** One Unity Catalog metastore per region, shared by the environments of that region. */
export class RegionalMetastore extends Construct {
  readonly metastore: Metastore;

  constructor(scope: Construct, id: string, props: RegionalMetastoreProps) {
    super(scope, id);
    const { naming, protect, accountProvider } = props.context;
    this.metastore = new Metastore(this, 'metastore', {
      provider: accountProvider,
      name: metastoreName(naming.prefix, props.metastoreRegion),
      region: props.metastoreRegion,
      owner: props.ownerGroup,
      storageRoot: props.storageRoot,
      // Always false, whatever `protect` says: a metastore's data must never go with it.
      forceDestroy: false,
      dependsOn: props.dependsOn && props.dependsOn.length > 0 ? props.dependsOn : undefined,
    });
    protectFromDestroy(this.metastore, protect);
  }
}
