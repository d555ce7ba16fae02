import { Budget } from '@cdktf/provider-databricks/lib/budget';
import { Construct } from 'constructs';
import type { StackContext } from '../context';

export interface EnvironmentBudgetProps {
  /** Names the budgets; they are objects of its Databricks account (account provider). */
  readonly context: StackContext;
  /** Budget per period in list-price US dollars. */
  readonly amountUsd: number;
  /** Evaluation window (`time_period`); Databricks supports MONTH only. */
  readonly period: string;
  /** Alert when spending passes these percentages of `amountUsd`: one budget each. */
  readonly alertThresholdsPercent: readonly number[];
  /** Email addresses notified when an alert triggers. */
  readonly recipients: readonly string[];
  /** The environment's workspace: the budget counts only its usage. */
  readonly workspaceId: number;
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
    const { naming, databricksAccountId, accountProvider } = props.context;
    this.budgets = [...props.alertThresholdsPercent]
      .sort((a, b) => a - b)
      .map(
        (percent) =>
          new Budget(this, `budget-${percent}`, {
            provider: accountProvider,
            accountId: databricksAccountId,
            displayName: `${naming.name('budget')}-${percent}pct`,
            alertConfigurations: [
              {
                timePeriod: props.period,
                triggerType: 'CUMULATIVE_SPENDING_EXCEEDED',
                quantityType: 'LIST_PRICE_DOLLARS_USD',
                quantityThreshold: alertThresholdUsd(props.amountUsd, percent),
                actionConfigurations: props.recipients.map((target) => ({ actionType: 'EMAIL_NOTIFICATION', target })),
              },
            ],
            filter: { workspaceId: { operator: 'IN', values: [props.workspaceId] } },
          }),
      );
  }
}
