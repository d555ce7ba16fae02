import { Metastore } from '@cdktf/provider-databricks/lib/metastore';
import type { ITerraformDependable, TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
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
  readonly namePrefix: string;
  readonly region: string;
  /** Account group that owns the metastore (its members are metastore admins). */
  readonly ownerGroup: string;
  /**
   * Metastore-level root storage (s3://...). Default: none: every catalog declares its own storage,
   * which keeps each environment's data in its own bucket and key.
   */
  readonly storageRoot?: string;
  /** Adds prevent_destroy (force_destroy is always false). */
  readonly protect: boolean;
  /** Account-level Databricks provider. */
  readonly databricksProvider: TerraformProvider;
  /** The owner group when the same stack creates it. Default: none. */
  readonly dependsOn?: ITerraformDependable[];
}

/** One Unity Catalog metastore per region, shared by the environments of that region. */
export class RegionalMetastore extends Construct {
  readonly metastore: Metastore;

  constructor(scope: Construct, id: string, props: RegionalMetastoreProps) {
    super(scope, id);
    this.metastore = new Metastore(this, 'metastore', {
      provider: props.databricksProvider,
      name: metastoreName(props.namePrefix, props.region),
      region: props.region,
      owner: props.ownerGroup,
      storageRoot: props.storageRoot,
      forceDestroy: false,
      dependsOn: props.dependsOn && props.dependsOn.length > 0 ? props.dependsOn : undefined,
    });
    protectFromDestroy(this.metastore, props.protect);
  }
}
