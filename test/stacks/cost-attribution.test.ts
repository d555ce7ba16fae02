import { COST_ATTRIBUTION_TAGS, costAttributionTags } from '../../constructs/databricks/cluster-policy-definition';
import { environmentSchema } from '../../environments/schema';
import { environmentTags } from '../../stacks/workspace-stack';
import { environmentFixture } from '../support/fixtures';
import { exampleConfig, resourcesOf, synthApp } from '../support/synth';

const config = exampleConfig();
const stacks = synthApp(config);

describe('cost attribution', () => {
  it('the schema requires Owner and CostCenter, so every environment has all three tag values', () => {
    const alpha = environmentFixture('alpha');
    const withoutOwner: Record<string, string> = { ...alpha.tags };
    delete withoutOwner.Owner;
    const result = environmentSchema.safeParse({ ...alpha, tags: withoutOwner });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['tags.Owner']);
    for (const env of config.environments) {
      const tags = environmentTags(env);
      expect(tags.Environment).toBe(env.name);
      for (const tag of COST_ATTRIBUTION_TAGS) expect(tags[tag]).toEqual(expect.any(String));
    }
  });

  it('the policy helper fixes each cost-attribution tag to the environment value', () => {
    for (const env of config.environments) {
      const tags = environmentTags(env);
      expect(costAttributionTags(tags)).toEqual({
        'custom_tags.Environment': { type: 'fixed', value: env.name },
        'custom_tags.CostCenter': { type: 'fixed', value: env.tags.CostCenter },
        'custom_tags.Owner': { type: 'fixed', value: env.tags.Owner },
      });
    }
  });

  // Guard: passes vacuously until cluster policies exist, then holds every one of them to the rule.
  it.each(config.environments.map((env) => [env.name, env] as const))('every cluster policy in %s fixes Environment, CostCenter and Owner', (name, env) => {
    for (const [policyName, policy] of resourcesOf(stacks[name], 'databricks_cluster_policy')) {
      const definition = JSON.parse(policy.definition ?? '{}');
      const expected = { Environment: env.name, CostCenter: env.tags.CostCenter, Owner: env.tags.Owner };
      for (const [tag, value] of Object.entries(expected)) {
        expect({ policy: policyName, tag, rule: definition[`custom_tags.${tag}`] }).toEqual({ policy: policyName, tag, rule: expect.objectContaining({ type: 'fixed', value }) });
      }
    }
  });
});
