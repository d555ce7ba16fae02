import type { Json } from '../model';
import type { Rule } from '../rule';
import { PREVENT_DESTROY_TYPES, PROTECTED_TYPES } from '../../constructs/stateful-types';

const preventDestroyTypes: ReadonlySet<string> = new Set(PREVENT_DESTROY_TYPES);
/** force_destroy deletes what the resource holds (objects, tables, dependants) along with it. */
const guardedTypes: ReadonlySet<string> = new Set(Object.keys(PROTECTED_TYPES));

export const protectionRules: Rule[] = [
  {
    id: 'DBX-PROT-001',
    severity: 'error',
    reason: 'In protected environments every type marked preventDestroy in constructs/stateful-types.ts carries prevent_destroy, and no protected type sets force_destroy.',
    fix: 'Call protectFromDestroy(resource, env.protect) (constructs/protection.ts) and leave force_destroy false.',
    check: (model) => {
      if (!model.protect) return [];
      return model.blocks
        .filter((b) => b.kind === 'resource' && guardedTypes.has(b.type))
        .flatMap((block) => {
          const problems: string[] = [];
          const preventsDestroy = (block.config.lifecycle as Json | undefined)?.prevent_destroy === true;
          if (preventDestroyTypes.has(block.type) && !preventsDestroy) problems.push('lifecycle.prevent_destroy is not true');
          if (block.config.force_destroy === true) problems.push('force_destroy is true');
          return problems.length === 0 ? [] : [{ block, detail: problems.join('; ') }];
        });
    },
  },
];
