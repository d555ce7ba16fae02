import type { Block, StackModel } from './model';

export type Severity = 'error' | 'warning';

/** A finding on one block; `detail` says what exactly is wrong when the reason alone is not enough. */
export interface Finding {
  readonly block: Block;
  readonly detail?: string;
}

/**
 * One guardrail: a small pure check over the resolved stack, with an id, a one-line reason, a
 * severity and a fix hint (modelled on cdk-nag rules). Checks select blocks by Terraform type, so
 * resources added later are covered without touching the rule.
 */
export interface Rule {
  readonly id: string;
  readonly severity: Severity;
  /** Why the rule exists, one line. */
  readonly reason: string;
  /** How to comply, one line. */
  readonly fix: string;
  check(model: StackModel): Finding[];
}

/** A finding with its rule, ready to print. */
export interface Violation {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly path: string;
  readonly address: string;
  readonly message: string;
  readonly fix: string;
}
