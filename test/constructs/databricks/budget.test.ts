import { alertThresholdUsd } from '../../../constructs/databricks/budget';
import { environmentFixture, fixtureConfig } from '../../support/fixtures';
import { exampleConfig, referenceTo, resourcesOf, synthApp } from '../../support/synth';

const config = exampleConfig();
/** Budgets of a stack in ascending order of their threshold (synthesized JSON orders them by logical name). */
const budgetsOf = (stack: Parameters<typeof resourcesOf>[0]) =>
  resourcesOf(stack, 'databricks_budget')
    .map(([, budget]) => budget)
    .sort((a, b) => Number(a.alert_configurations[0].quantity_threshold) - Number(b.alert_configurations[0].quantity_threshold));
const stacks = synthApp(config);

describe('budgets: one budget per alert threshold (the Budgets API takes exactly one alert configuration per budget)', () => {
  it.each(config.environments.map((env) => [env.name, env] as const))('%s: budgets follow the environment file', (name, env) => {
    const stack = stacks[name];
    const budgets = budgetsOf(stack);
    if (!env.budget) {
      expect(budgets).toEqual([]);
      return;
    }
    const { amountUsd, alertThresholdsPercent, recipients, period } = env.budget;
    const thresholds = [...alertThresholdsPercent].sort((a, b) => a - b);
    expect(budgets.map((b) => b.alert_configurations[0].quantity_threshold)).toEqual(thresholds.map((p) => alertThresholdUsd(amountUsd, p)));
    const workspace = resourcesOf(stack, 'databricks_mws_workspaces')[0][0];
    for (const [index, budget] of budgets.entries()) {
      expect(budget.alert_configurations).toHaveLength(1);
      expect(budget.display_name).toBe(`${config.account.namePrefix}-${name}-budget-${thresholds[index]}pct`);
      expect(budget.provider).toBe('databricks.account');
      expect(budget.filter).toEqual({ workspace_id: { operator: 'IN', values: [referenceTo('databricks_mws_workspaces', workspace, 'workspace_id')] } });
      expect(budget.alert_configurations[0]).toMatchObject({ time_period: period, trigger_type: 'CUMULATIVE_SPENDING_EXCEEDED', quantity_type: 'LIST_PRICE_DOLLARS_USD' });
      expect(budget.alert_configurations[0].action_configurations).toEqual(recipients.map((target) => ({ action_type: 'EMAIL_NOTIFICATION', target })));
    }
  });

  it('several thresholds make several budgets, and display names stay unique', () => {
    const variant = fixtureConfig({ environments: [environmentFixture('alpha', { budget: { amountUsd: 1000, alertThresholdsPercent: [100, 50, 80], recipients: ['ops@example.com'] } })] });
    const budgets = budgetsOf(synthApp(variant, { only: ['alpha'] }).alpha);
    expect(budgets.map((b) => b.alert_configurations.map((a: any) => a.quantity_threshold))).toEqual([['500.00'], ['800.00'], ['1000.00']]);
    expect(new Set(budgets.map((b) => b.display_name)).size).toBe(3);
  });
});
