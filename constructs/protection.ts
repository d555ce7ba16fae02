import type { TerraformResource } from 'cdktf';
import { PREVENT_DESTROY_TYPES } from './stateful-types';

const preventDestroyTypes: ReadonlySet<string> = new Set(PREVENT_DESTROY_TYPES);

/**
 * Stateful resources (buckets, keys, workspaces, catalogs) get `prevent_destroy` when the
 * environment is protected, so a plan that would delete them fails instead of applying. Only types
 * of the canonical list (constructs/stateful-types.ts) qualify, so the guardrail that checks for
 * prevent_destroy and the callers cannot drift apart.
 */
export function protectFromDestroy(resource: TerraformResource, enabled: boolean): void {
  if (!preventDestroyTypes.has(resource.terraformResourceType)) {
    throw new Error(`protectFromDestroy: ${resource.terraformResourceType} is not marked preventDestroy in constructs/stateful-types.ts; add it there first`);
  }
  if (enabled) resource.lifecycle = { ...resource.lifecycle, preventDestroy: true };
}
