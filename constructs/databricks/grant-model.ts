import { Grants, type GrantsConfig, type GrantsGrant } from '@cdktf/provider-databricks/lib/grants';
import type { TerraformProvider } from 'cdktf';
import type { Construct } from 'constructs';

/**
 * One grant on a securable: the principal as Databricks names it (a group's display name) and its
 * privileges. Which groups get what by default is data (account.groups.*.defaultGrants), resolved by
 * the stack before it reaches a construct.
 */
export interface GrantSpec {
  readonly principal: string;
  readonly privileges: readonly string[];
}

/** `grant` blocks in a stable order (principal, then privilege, each once), so plans show no spurious diffs. */
export function renderGrants(grants: readonly GrantSpec[]): GrantsGrant[] {
  return grants
    .map((g) => ({ principal: g.principal, privileges: [...new Set(g.privileges)].sort() }))
    .sort((a, b) => a.principal.localeCompare(b.principal));
}

/** The securable a databricks_grants resource governs: exactly one of these. */
export type Securable = Pick<GrantsConfig, 'catalog' | 'schema' | 'volume' | 'storageCredential' | 'externalLocation'>;

/**
 * One authoritative databricks_grants per securable (`<id>-grants`). None when there is nothing to
 * grant: an empty databricks_grants would revoke every grant made elsewhere, and the provider refuses
 * a resource without `grant` blocks.
 */
export function grantOn(scope: Construct, id: string, securable: Securable, grants: readonly GrantSpec[], provider: TerraformProvider): Grants | undefined {
  if (grants.length === 0) return undefined;
  return new Grants(scope, `${id}-grants`, { provider, ...securable, grant: renderGrants(grants) });
}
