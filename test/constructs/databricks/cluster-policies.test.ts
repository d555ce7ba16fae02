import { Testing, TerraformStack } from 'cdktf';
import { DatabricksProvider } from '@cdktf/provider-databricks/lib/provider';
import { BaselineClusterPolicy, baselinePolicyDefinition } from '../../../constructs/databricks/cluster-policies';
import type { PolicyDefinition } from '../../../constructs/databricks/cluster-policy-definition';
import { clusterPolicySchema } from '../../../environments/schema';
import { workspaceContextFixture } from '../../support/construct-context';

const tags = { Environment: 'alpha', Owner: 'fx-owner', CostCenter: 'FX-1' };
// Stand-in for the node-traffic-encryption elements another construct contributes.
const encryption: PolicyDefinition = {
  'spark_env_vars.NODE_TRAFFIC_ENCRYPTION_SECRET': { type: 'fixed', value: '{{secrets/encryption/spark-auth}}', hidden: true },
  'init_scripts.0.workspace.destination': { type: 'fixed', value: '/Shared/init/node-traffic-encryption.sh' },
};

function policyWith(additionalElements?: PolicyDefinition): Record<string, any> {
  const stack = new TerraformStack(Testing.app(), 'test');
  const databricksProvider = new DatabricksProvider(stack, 'databricks', { host: 'https://example.cloud.databricks.com' });
  new BaselineClusterPolicy(stack, 'cluster-policy', {
    context: workspaceContextFixture(stack, { tags, workspaceProvider: databricksProvider }),
    rules: clusterPolicySchema.parse({ autoTerminationMinutes: { min: 30, max: 30, default: 30 } }),
    groupNames: [],
    additionalElements,
  });
  const synthesized = JSON.parse(Testing.synth(stack));
  const [policy] = Object.values(synthesized.resource.databricks_cluster_policy) as Record<string, any>[];
  expect(synthesized.resource.databricks_permissions).toBeUndefined();
  return JSON.parse(policy.definition);
}

describe('baseline cluster policy composition', () => {
  it('merges additional elements (node-traffic encryption) with the baseline', () => {
    const definition = policyWith(encryption);
    expect(definition['spark_env_vars.NODE_TRAFFIC_ENCRYPTION_SECRET']).toEqual({ type: 'fixed', value: '{{secrets/encryption/spark-auth}}', hidden: true });
    expect(definition['init_scripts.0.workspace.destination'].value).toBe('/Shared/init/node-traffic-encryption.sh');
    expect(definition['custom_tags.Environment']).toEqual({ type: 'fixed', value: 'alpha' });
    expect(definition.autotermination_minutes).toEqual({ type: 'fixed', value: 30 });
  });

  it('refuses an additional element that contradicts the baseline', () => {
    expect(() => policyWith({ data_security_mode: { type: 'fixed', value: 'NONE' } })).toThrow('cluster policy key "data_security_mode" is defined twice with different rules');
  });

  it('uses schema defaults: isolated access modes, 15.x+ runtimes, 50 DBU/hour', () => {
    const definition = baselinePolicyDefinition(clusterPolicySchema.parse({}), tags);
    expect(definition.data_security_mode).toEqual({ type: 'allowlist', values: ['USER_ISOLATION', 'SINGLE_USER'], defaultValue: 'USER_ISOLATION' });
    expect(definition.dbus_per_hour).toEqual({ type: 'range', maxValue: 50 });
    expect(definition.autotermination_minutes).toEqual({ type: 'range', minValue: 10, maxValue: 120, defaultValue: 30 });
  });
});
