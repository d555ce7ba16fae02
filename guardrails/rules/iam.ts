import { asList, dataOf, isExpression, resourcesOf, type Block, type Json, type StackModel } from '../model';
import { policyStatements, sidOf, type Statement } from '../policy';
import type { Finding, Rule } from '../rule';

/** AWS accounts of the Databricks control plane and Unity Catalog master role (commercial partition). */
export const DATABRICKS_AWS_ACCOUNT_IDS = ['414351767826'];

const namesDatabricks = (s: Statement) =>
  s.principals.some((p) => p.identifiers.some((id) => DATABRICKS_AWS_ACCOUNT_IDS.some((account) => id === account || id.includes(`::${account}:`))));
const assumesRole = (s: Statement) => s.actions.some((a) => a === '*' || a.toLowerCase().startsWith('sts:assumerole') || a === 'sts:*');
/**
 * A condition that requires a specific external id: a positive string match (an ...IfExists or negated
 * operator lets a request without one through) with no empty or wildcard-only value.
 */
const EXTERNAL_ID_OPERATORS = ['stringequals', 'stringlike'];
const hasExternalId = (s: Statement) =>
  s.conditions.some(
    (c) =>
      c.variable.toLowerCase() === 'sts:externalid' &&
      EXTERNAL_ID_OPERATORS.includes(c.test.toLowerCase()) &&
      c.values.length > 0 &&
      c.values.every((value) => value.replace(/[*?]/g, '').trim() !== ''),
  );

/** Every policy attribute a resource may carry, as [attribute path, value] (absent ones undefined). */
function policyAttributes(block: Block): [string, unknown][] {
  return [
    ['policy', block.config.policy],
    ['assume_role_policy', block.config.assume_role_policy],
    ...asList<Json>(block.config.inline_policy).map((p, i): [string, unknown] => [`inline_policy[${i}].policy`, p.policy]),
  ];
}

/** The AWS managed AdministratorAccess policy, in every partition (not AdministratorAccess-Amplify and the like). */
const ADMINISTRATOR_ACCESS = /^arn:aws[\w-]*:iam::aws:policy\/AdministratorAccess$/;

function adminStatements(model: StackModel): Finding[] {
  const isAdmin = (s: Statement) => s.effect === 'Allow' && s.actions.includes('*') && s.resources.includes('*');
  const findings: Finding[] = [];
  for (const document of dataOf(model, 'aws_iam_policy_document')) {
    for (const s of policyStatements(model, `\${${document.address}.json}`)) {
      if (isAdmin(s)) findings.push({ block: document, detail: `statement ${sidOf(s)} allows Action "*" on Resource "*"` });
    }
  }
  for (const block of model.blocks.filter((b) => b.kind === 'resource')) {
    for (const [attribute, value] of policyAttributes(block)) {
      // References to policy documents are checked once, at the document.
      if (isExpression(value)) continue;
      for (const s of policyStatements(model, value)) {
        if (isAdmin(s)) findings.push({ block, detail: `${attribute}: statement ${sidOf(s)} allows Action "*" on Resource "*"` });
      }
    }
    if (ADMINISTRATOR_ACCESS.test(String(block.config.policy_arn))) {
      findings.push({ block, detail: 'attaches the AWS managed AdministratorAccess policy' });
    }
  }
  return findings;
}

export const iamRules: Rule[] = [
  {
    id: 'DBX-IAM-001',
    severity: 'error',
    reason: 'Roles Databricks assumes require an sts:ExternalId condition (confused-deputy protection).',
    fix: 'Build the trust policy with databricks_aws_assume_role_policy (external_id = the Databricks account id) or add a StringEquals sts:ExternalId condition.',
    check: (model) => [
      ...dataOf(model, 'databricks_aws_assume_role_policy')
        .filter((block) => typeof block.config.external_id !== 'string' || block.config.external_id.trim() === '')
        .map((block) => ({ block, detail: 'external_id is not set' })),
      ...resourcesOf(model, 'aws_iam_role').flatMap((block) => {
        const trust = policyStatements(model, block.config.assume_role_policy);
        return trust
          .filter((s) => s.effect === 'Allow' && assumesRole(s) && namesDatabricks(s) && !hasExternalId(s))
          .map((s) => ({ block, detail: `trust statement ${sidOf(s)} lets Databricks assume the role without sts:ExternalId` }));
      }),
    ],
  },
  {
    id: 'DBX-IAM-002',
    severity: 'error',
    reason: 'No policy allows Action "*" on Resource "*" (administrator access).',
    fix: 'List the actions and resources the principal needs; never attach AdministratorAccess to a blueprint role.',
    check: adminStatements,
  },
];
