import { asList, isExpression, referencedBlock, type Json, type StackModel } from './model';

/** An IAM statement in one shape, whether it came from aws_iam_policy_document or literal JSON. */
export interface Statement {
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  readonly actions: string[];
  readonly resources: string[];
  readonly principals: { type: string; identifiers: string[] }[];
  readonly conditions: { test: string; variable: string; values: string[] }[];
}

/**
 * The statements of a policy attribute: a reference to an `aws_iam_policy_document` (its own
 * statements; merged source documents are not visible at synth) or a literal JSON string.
 * None when the policy cannot be read at synth (another data source, a function call, not JSON).
 */
export function policyStatements(model: StackModel, value: unknown): Statement[] {
  const target = referencedBlock(model, value);
  if (target) return target.type === 'aws_iam_policy_document' && target.kind === 'data' ? documentStatements(target.config) : [];
  if (typeof value !== 'string' || isExpression(value)) return [];
  let policy: Json | null;
  try {
    policy = JSON.parse(value) as Json | null;
  } catch {
    return [];
  }
  // `null` is JSON but no policy; other non-objects have no Statement and read as none.
  return jsonStatements(policy ?? {});
}

/** Statements of an aws_iam_policy_document data source's `statement` blocks. */
export function documentStatements(config: Json): Statement[] {
  return asList<Json>(config.statement).map((s) => ({
    sid: s.sid as string | undefined,
    effect: s.effect === 'Deny' ? 'Deny' : 'Allow',
    actions: asList<string>(s.actions),
    resources: asList<string>(s.resources),
    principals: asList<Json>(s.principals).map((p) => ({ type: String(p.type), identifiers: asList<string>(p.identifiers) })),
    conditions: asList<Json>(s.condition).map((c) => ({ test: String(c.test), variable: String(c.variable), values: asList<string>(c.values) })),
  }));
}

function jsonStatements(policy: Json): Statement[] {
  return asList<Json>(policy.Statement).map((s) => {
    const principal = s.Principal;
    const principals = principal === '*'
      ? [{ type: '*', identifiers: ['*'] }]
      : Object.entries((principal ?? {}) as Record<string, unknown>).map(([type, ids]) => ({ type, identifiers: asList<string>(ids) }));
    const conditions = Object.entries((s.Condition ?? {}) as Record<string, Record<string, unknown>>).flatMap(([test, byVariable]) =>
      Object.entries(byVariable).map(([variable, values]) => ({ test, variable, values: asList<string>(values).map(String) })),
    );
    return {
      sid: s.Sid as string | undefined,
      effect: s.Effect === 'Deny' ? 'Deny' : 'Allow',
      actions: asList<string>(s.Action),
      resources: asList<string>(s.Resource),
      principals,
      conditions,
    } satisfies Statement;
  });
}

/** How findings name a statement. */
export const sidOf = (s: Statement) => s.sid ?? '(no sid)';

export const hasWildcardPrincipal = (s: Statement) => s.principals.some((p) => p.type === '*' || p.identifiers.includes('*'));
