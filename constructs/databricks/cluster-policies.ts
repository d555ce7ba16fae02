import { ClusterPolicy } from '@cdktf/provider-databricks/lib/cluster-policy';
import { Permissions } from '@cdktf/provider-databricks/lib/permissions';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { WorkspaceContext } from '../context';
import { terraformLiteral } from '../terraform-literal';
import { costAttributionTags, mergePolicyDefinitions, renderPolicyDefinition, type PolicyDefinition, type PolicyElement } from './cluster-policy-definition';

/** What the baseline policy fixes or limits on every cluster. */
export interface BaselinePolicyRules {
  /** Auto-termination in minutes: fixed when min equals max, else a range with a default. */
  readonly autoTerminationMinutes: { readonly min: number; readonly max: number; readonly default: number };
  /** Allowed instance types (driver and workers); the first is the default. */
  readonly nodeTypes: readonly string[];
  /** Regular expression `spark_version` must match. */
  readonly runtimeVersionPattern: string;
  /** Allowed access modes; the first is the default. */
  readonly dataSecurityModes: readonly string[];
  readonly maxDbuPerHour: number;
  readonly maxWorkers: number;
}

/** The baseline rules of an environment, as typed elements (tests read them back value by value). */
export function baselinePolicyDefinition(config: BaselinePolicyRules, tags: Readonly<Record<string, string>>): PolicyDefinition {
  const { min, max, default: defaultValue } = config.autoTerminationMinutes;
  const autoTermination: PolicyElement = min === max ? { type: 'fixed', value: min } : { type: 'range', minValue: min, maxValue: max, defaultValue };
  const nodeTypes: PolicyElement = { type: 'allowlist', values: [...config.nodeTypes], defaultValue: config.nodeTypes[0] };
  return mergePolicyDefinitions(
    {
      autotermination_minutes: autoTermination,
      node_type_id: nodeTypes,
      driver_node_type_id: nodeTypes,
      // Pools would bring their own instance types past the allowlist.
      instance_pool_id: { type: 'forbidden' },
      driver_instance_pool_id: { type: 'forbidden' },
      spark_version: { type: 'regex', pattern: terraformLiteral(config.runtimeVersionPattern) },
      data_security_mode: { type: 'allowlist', values: [...config.dataSecurityModes], defaultValue: config.dataSecurityModes[0] },
      dbus_per_hour: { type: 'range', maxValue: config.maxDbuPerHour },
      'autoscale.max_workers': { type: 'range', maxValue: config.maxWorkers, isOptional: true },
      num_workers: { type: 'range', maxValue: config.maxWorkers, isOptional: true },
    },
    costAttributionTags(tags),
  );
}

export interface BaselineClusterPolicyProps {
  /** Names the policy; its tags are fixed on every cluster (Environment, Owner, CostCenter at least); its workspace provider creates it. */
  readonly context: WorkspaceContext;
  readonly rules: BaselinePolicyRules;
  /** Display names of the groups given CAN_USE. */
  readonly groupNames: string[];
  /**
   * Further rules merged into the baseline, e.g. the node-traffic-encryption elements (init script,
   * secret-backed env vars). A key defined differently in both throws instead of overriding. Default: none.
   */
  readonly additionalElements?: PolicyDefinition;
  /** Resources the policy must wait for, e.g. the secrets and script it references. Default: none. */
  readonly dependsOn?: ITerraformDependable[];
}

/** The environment's baseline cluster policy and who may use it. */
export class BaselineClusterPolicy extends Construct {
  readonly definition: PolicyDefinition;
  readonly policy: ClusterPolicy;

  constructor(scope: Construct, id: string, props: BaselineClusterPolicyProps) {
    super(scope, id);
    const { naming, tags, workspaceProvider: provider } = props.context;
    this.definition = mergePolicyDefinitions(baselinePolicyDefinition(props.rules, tags), props.additionalElements ?? {});
    this.policy = new ClusterPolicy(this, 'baseline', {
      provider,
      name: naming.name('baseline'),
      description: 'Baseline: auto-termination, approved instance types and runtimes, isolated access modes, size cap, cost tags',
      definition: renderPolicyDefinition(this.definition),
      dependsOn: props.dependsOn,
    });
    if (props.groupNames.length > 0) {
      new Permissions(this, 'permissions', {
        provider,
        clusterPolicyId: this.policy.id,
        accessControl: props.groupNames.map((groupName) => ({ groupName, permissionLevel: 'CAN_USE' })),
      });
    }
  }
}
