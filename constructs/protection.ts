import type { TerraformResource } from 'cdktf';

/**
 * Stateful resources (buckets, keys, workspaces, catalogs) get `prevent_destroy` when the
 * environment is protected, so a plan that would delete them fails instead of applying.
 */
export function protectFromDestroy(resource: TerraformResource, enabled: boolean): void {
  if (enabled) resource.lifecycle = { ...resource.lifecycle, preventDestroy: true };
}
