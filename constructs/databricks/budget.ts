import { Budget } from '@cdktf/provider-databricks/lib/budget';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import type { BudgetConfig } from '../../environments/schema';
import type { Naming } from '../naming';

export interface EnvironmentBudgetProps {
  readonly naming: Naming;
  readonly databricksAccountId: string;
  readonly budget: NonNullable<BudgetConfig>;
  /** The environment's workspace: the budget counts only its usage. */
  readonly workspaceId: number;
  /** Account-level Databricks provider (budgets are account objects). */
  readonly databricksProvider: TerraformProvider;
}

/** The threshold in dollars Databricks compares with cumulative list-price spend (a decimal string). */
export function alertThresholdUsd(amountUsd: number, percent: number): string {
  return (Math.round(amountUsd * percent) / 100).toFixed(2);
}

/**
 * Databricks budgets for one workspace: one budget per alert threshold, because the Budgets API takes
 * exactly one alert configuration per budget (provider 1.99 model of databricks_budget: "Budgets must
 * have exactly one alert configuration").
 */
export class EnvironmentBudget extends Construct {
  /** One budget per threshold, in ascending order of the threshold. */
  readonly budgets: Budget[];

  constructor(scope: Construct, id: string, props: EnvironmentBudgetProps) {
    super(scope, id);
    const { budget } = props;
    this.budgets = [...budget.alertThresholdsPercent]
      .sort((a, b) => a - b)
      .map(
        (percent) =>
          new Budget(this, `budget-${percent}`, {
            provider: props.databricksProvider,
            accountId: props.databricksAccountId,
            displayName: `${props.naming.name('budget')}-${percent}pct`,
            alertConfigurations: [
              {
                timePeriod: budget.period,
                triggerType: 'CUMULATIVE_SPENDING_EXCEEDED',
                quantityType: 'LIST_PRICE_DOLLARS_USD',
                quantityThreshold: alertThresholdUsd(budget.amountUsd, percent),
                actionConfigurations: budget.recipients.map((target) => ({ actionType: 'EMAIL_NOTIFICATION', target })),
              },
            ],
            filter: { workspaceId: { operator: 'IN', values: [props.workspaceId] } },
          }),
      );
  }
}
