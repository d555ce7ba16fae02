import { resourcesOf } from '../model';
import { hasWildcardPrincipal, policyStatements, sidOf } from '../policy';
import type { Rule } from '../rule';

/** AWS applies 30 days when deletion_window_in_days is left out. */
const AWS_DEFAULT_DELETION_WINDOW = 30;

export const kmsRules: Rule[] = [
  {
    id: 'DBX-KMS-001',
    severity: 'error',
    reason: 'KMS keys rotate their key material yearly (enable_key_rotation).',
    fix: 'Use CustomerManagedKey, or set enable_key_rotation = true on the aws_kms_key.',
    check: (model) => resourcesOf(model, 'aws_kms_key')
      .filter((key) => key.config.enable_key_rotation !== true)
      .map((block) => ({ block, detail: 'enable_key_rotation is not true' })),
  },
  {
    id: 'DBX-KMS-002',
    severity: 'error',
    reason: 'A scheduled key deletion can be cancelled for at least 7 days, 30 in protected environments.',
    fix: 'Set deletion_window_in_days to 7..30 (30 when the environment is protected), or leave it out (AWS default 30).',
    check: (model) => {
      const minimum = model.protect ? 30 : 7;
      return resourcesOf(model, 'aws_kms_key').flatMap((block) => {
        // Terraform converts a numeric string ("7") to the number; other expressions are the provider's to check.
        const raw = block.config.deletion_window_in_days ?? AWS_DEFAULT_DELETION_WINDOW;
        const days = typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : raw;
        return typeof days === 'number' && days < minimum
          ? [{ block, detail: `deletion_window_in_days is ${days}; needs >= ${minimum}${model.protect ? ' (protected environment)' : ''}` }]
          : [];
      });
    },
  },
  {
    id: 'DBX-KMS-003',
    severity: 'error',
    reason: 'No key-policy statement allows a wildcard principal without conditions (anyone could use the key).',
    fix: 'Name the principals, or add conditions (e.g. aws:PrincipalAccount, kms:CallerAccount, kms:ViaService) to the statement.',
    check: (model) => resourcesOf(model, 'aws_kms_key').flatMap((block) => {
      const open = policyStatements(model, block.config.policy)
        .filter((s) => s.effect === 'Allow' && hasWildcardPrincipal(s) && s.conditions.length === 0);
      return open.map((s) => ({ block, detail: `statement ${sidOf(s)} allows principal "*" without conditions` }));
    }),
  },
];
