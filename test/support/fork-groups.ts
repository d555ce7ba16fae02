/**
 * Group keys and display names of a fork: none of them is a key the examples or the other fixtures use
 * (test/environments/group-defaults*.test.ts).
 */
import type { AccountInput, GroupInput } from '../../environments/schema';
import { accountFixture } from './fixtures';

export const renamed: Record<string, GroupInput> = {
  platformOwners: { displayName: 'fork-platform-owners', workspaceAccess: 'ADMIN', defaultGrants: { catalog: ['ALL_PRIVILEGES'], storageCredential: ['ALL_PRIVILEGES'] } },
  builders: { displayName: 'fork-builders', workspaceAccess: 'USER', createsClusters: true, defaultGrants: { catalog: ['USE_CATALOG'], schema: ['USE_SCHEMA', 'MODIFY'] } },
  readers: { displayName: 'fork-readers', workspaceAccess: 'USER', defaultGrants: { catalog: ['USE_CATALOG'], publishedSchema: ['USE_SCHEMA', 'SELECT'] } },
};
export const forkAccount = (groups: Record<string, GroupInput> = renamed, patch: Partial<AccountInput> = {}): AccountInput => ({ ...accountFixture({ groups }), groups, ...patch });
