import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { TerraformResource, type TerraformProvider } from 'cdktf';
import type { Construct } from 'constructs';
import { ConfigError } from '../environments';
import type { Adoption, ImportKey } from '../environments/lib/adoption';
import { skipTerraformBinaryChecks } from './terraform-binary-checks';

/** Where each importable object lives in a workspace stack (construct ids: the address lock keeps them stable). */
const TARGETS: Record<ImportKey, { path: string; absentBecause: string }> = {
  workspace: { path: 'workspace/workspace', absentBecause: '' },
  credentials: { path: 'workspace/credentials', absentBecause: '' },
  'storage-configuration': { path: 'workspace/storage', absentBecause: '' },
  network: { path: 'workspace/network', absentBecause: '' },
  'managed-services-key-configuration': { path: 'keys/managed-services-config', absentBecause: 'encryption.managedServices is off or encryption.shareKey is on (use shared-key-configuration)' },
  'storage-key-configuration': { path: 'keys/storage-config', absentBecause: 'encryption.storage is off or encryption.shareKey is on (use shared-key-configuration)' },
  'shared-key-configuration': { path: 'keys/workspace-config', absentBecause: 'encryption.shareKey is off' },
  'managed-services-key': { path: 'keys/managed-services-key/key', absentBecause: 'the environment brings its own key (existingKeyArn), turns managed services off, or shares one key' },
  'storage-key': { path: 'keys/workspace-storage-key/key', absentBecause: 'the environment brings its own key (existingKeyArn) or shares one key' },
  'shared-key': { path: 'keys/workspace-key/key', absentBecause: 'encryption.shareKey is off, or the shared key is brought (existingKeyArn)' },
  'root-bucket': { path: 'workspace/root-bucket/bucket', absentBecause: '' },
  'cross-account-role': { path: 'cross-account-role/role', absentBecause: '' },
  'metastore-assignment': { path: 'unity-catalog/metastore-assignment', absentBecause: '' },
};

/** The id Terraform's import block expects, per the resource's Import section in the provider docs. */
function importId(key: ImportKey, value: string, adoption: Adoption, databricksAccountId: string): string {
  switch (key) {
    case 'root-bucket':
    case 'cross-account-role':
    case 'managed-services-key':
    case 'storage-key':
    case 'shared-key':
      return value;
    case 'metastore-assignment':
      return `${adoption.imports.workspace}|${value}`;
    default:
      return `${databricksAccountId}/${value}`;
  }
}

function findResource(stack: Construct, relativePath: string): TerraformResource | undefined {
  let node: Construct | undefined = stack;
  for (const id of relativePath.split('/')) node = node?.node.tryFindChild(id) as Construct | undefined;
  return node && TerraformResource.isTerraformResource(node) ? node : undefined;
}

/**
 * Adds one plain Terraform `import` block per adopted object (cdktf's importFrom renders
 * `import [{ to, id, provider }]`), with the resource's own provider, so an account-level object
 * is imported through the account-console provider.
 */
export function applyAdoption(stack: Construct, adoption: Adoption, databricksAccountId: string, sourceFile: string): void {
  const problems: string[] = [];
  for (const key of Object.keys(adoption.imports) as ImportKey[]) {
    const value = adoption.imports[key];
    if (value === undefined) continue;
    const target = TARGETS[key];
    const resource = findResource(stack, target.path);
    if (!resource) {
      problems.push(`environment "${adoption.environment}" (${sourceFile}): imports.${key}: this environment has no such resource${target.absentBecause ? ` (${target.absentBecause})` : ''}; remove the entry`);
      continue;
    }
    // IAM role names cannot change: importing a role under another name would replace it.
    const configuredName = key === 'cross-account-role' ? (resource as IamRole).nameInput : undefined;
    if (configuredName !== undefined && configuredName !== value) {
      problems.push(
        `environment "${adoption.environment}" (${sourceFile}): imports.cross-account-role: the blueprint names this role "${configuredName}"; importing "${value}" would replace it. ` +
          'Leave it out: the first apply creates the role and new credentials, and the workspace switches to them in place',
      );
      continue;
    }
    // Synthesis needs no terraform binary; required_version holds the version.
    skipTerraformBinaryChecks(resource);
    resource.importFrom(importId(key, value, adoption, databricksAccountId), resource.provider as TerraformProvider | undefined);
  }
  if (problems.length > 0) throw new ConfigError(problems);
}
