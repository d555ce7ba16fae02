import type { Json } from '../model';
import type { Rule } from '../rule';

/**
 * Stateful types whose loss cannot be undone (docs/ARCHITECTURE.md: buckets, keys, metastore,
 * catalogs, workspace, CMK configs). The plan guard (scripts/lib/plan-guard.ts) blocks a wider list
 * at plan time; this list is what must carry prevent_destroy in a protected environment.
 */
export const STATEFUL_RESOURCE_TYPES = [
  'aws_s3_bucket',
  'aws_kms_key',
  'databricks_mws_workspaces',
  'databricks_mws_customer_managed_keys',
  'databricks_metastore',
  'databricks_catalog',
];

export const protectionRules: Rule[] = [
  {
    id: 'DBX-PROT-001',
    severity: 'error',
    reason: 'In protected environments stateful resources carry prevent_destroy and buckets never force_destroy.',
    fix: 'Call protectFromDestroy(resource, env.protect) (constructs/protection.ts) and leave force_destroy false.',
    check: (model) => {
      if (!model.protect) return [];
      return model.blocks
        .filter((b) => b.kind === 'resource' && STATEFUL_RESOURCE_TYPES.includes(b.type))
        .flatMap((block) => {
          const problems: string[] = [];
          if ((block.config.lifecycle as Json | undefined)?.prevent_destroy !== true) problems.push('lifecycle.prevent_destroy is not true');
          if (block.config.force_destroy === true) problems.push('force_destroy is true');
          return problems.length === 0 ? [] : [{ block, detail: problems.join('; ') }];
        });
    },
  },
];
