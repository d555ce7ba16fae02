import { z } from 'zod';
import { groupName } from './primitives';
import { privilegeOn, PUBLISHED_READ_PRIVILEGES, type SecurableType } from './unity-catalog';

/**
 * Workspace access of an account group through identity federation (databricks_mws_permission_assignment
 * takes "USER" or "ADMIN", provider docs resources/mws_permission_assignment). NONE: the group gets Unity
 * Catalog grants but is not assigned to the workspaces, so no workspace ACL may name it.
 */
export const WORKSPACE_ACCESS = ['ADMIN', 'USER', 'NONE'] as const;
export type WorkspaceAccess = (typeof WORKSPACE_ACCESS)[number];

/**
 * The securables of the default grant model and the securable type whose privileges each takes. The
 * published variants apply to schemas marked `published` (the trusted layer) and to their volumes.
 */
export const DEFAULT_GRANT_SECURABLES = {
  catalog: 'catalog',
  schema: 'schema',
  publishedSchema: 'schema',
  volume: 'volume',
  publishedVolume: 'volume',
  storageCredential: 'storageCredential',
  managedLocation: 'externalLocation',
  externalLocation: 'externalLocation',
} as const satisfies Record<string, SecurableType>;
export type DefaultGrantSecurable = keyof typeof DEFAULT_GRANT_SECURABLES;

const privilegesFor = (securable: DefaultGrantSecurable) => {
  const published = securable.startsWith('published');
  return z
    .array(privilegeOn(DEFAULT_GRANT_SECURABLES[securable]))
    .default([])
    .superRefine((privileges, ctx) => {
      if (!published) return;
      privileges.forEach((privilege, index) => {
        if (!PUBLISHED_READ_PRIVILEGES.includes(privilege)) {
          ctx.addIssue({ code: 'custom', path: [index], message: `${privilege} writes or administers; a published layer is read-only (allowed: ${PUBLISHED_READ_PRIVILEGES.join(', ')})` });
        }
      });
    });
};

const defaultGrantsSchema = z
  .strictObject(
    Object.fromEntries(Object.keys(DEFAULT_GRANT_SECURABLES).map((securable) => [securable, privilegesFor(securable as DefaultGrantSecurable)])) as {
      [K in DefaultGrantSecurable]: ReturnType<typeof privilegesFor>;
    },
  )
  .prefault({})
  .describe('Privileges this group gets on each securable whose environment entry has no explicit `grants`. Default: none');

/**
 * A service principal in the Databricks account: its application id (a UUID) or its display name. Looked
 * up with the databricks_service_principal data source unless the account stack created it.
 */
const servicePrincipalRef = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[\w .@-]+$/, 'must be a service principal application id (UUID) or display name (letters, digits, spaces, . _ @ -)');

export const groupSchema = z.strictObject({
  displayName: groupName.describe('Display name in the account console (or as the identity provider syncs it)'),
  workspaceAccess: z
    .enum(WORKSPACE_ACCESS)
    .default('USER')
    .describe('Permission on every environment workspace (identity federation): ADMIN, USER or NONE. Default: USER'),
  defaultGrants: defaultGrantsSchema,
  createsClusters: z
    .boolean()
    .default(false)
    .describe(
      'Members create clusters: environments that name no groups in clusterPolicy.groups or nodeTrafficEncryption.clusterOwnerGroups give it to ' +
        'these groups. Needs workspace access. Default: false',
    ),
  members: z
    .strictObject({
      servicePrincipals: z
        .array(servicePrincipalRef)
        .default([])
        .refine((members) => new Set(members).size === members.length, 'must not repeat a service principal')
        .describe('Service principals (application id or display name) the account stack adds to the group. Default: none'),
    })
    .prefault({})
    .describe('Members managed by this blueprint; users come from the identity provider. Default: none'),
});

/** Group keys are how environment files name groups: identifiers, so they read well in data files. */
const GROUP_KEY = /^[a-zA-Z][a-zA-Z0-9]*$/;

export const groupsSchema = z
  .record(z.string(), groupSchema)
  .refine((groups) => Object.keys(groups).length > 0, 'needs at least one group (the owner group)')
  .superRefine((groups, ctx) => {
    const seen = new Map<string, string>();
    for (const [key, group] of Object.entries(groups)) {
      if (!GROUP_KEY.test(key)) ctx.addIssue({ code: 'custom', path: [key], message: 'must be a group key: letters and digits, starting with a letter (e.g. dataScientists)' });
      if (group.createsClusters && group.workspaceAccess === 'NONE') {
        ctx.addIssue({ code: 'custom', path: [key, 'createsClusters'], message: 'needs workspace access (workspaceAccess USER or ADMIN): cluster policies and secret ACLs are workspace objects' });
      }
      const other = seen.get(group.displayName);
      if (other) ctx.addIssue({ code: 'custom', path: [key, 'displayName'], message: `"${group.displayName}" is already the display name of group "${other}"` });
      seen.set(group.displayName, key);
    }
  })
  .describe('Account groups by key; environment files name a group by its key (docs/groups.md)');

export type GroupConfig = z.infer<typeof groupSchema>;
export type GroupsConfig = z.infer<typeof groupsSchema>;
export type GroupInput = z.input<typeof groupSchema>;
