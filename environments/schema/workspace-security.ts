import { z } from 'zod';
import * as ipaddr from 'ipaddr.js';
import { groupRef, isCanonicalIpv4Cidr } from './primitives';
import { usersEntitlementsSchema, workspaceSettingsSchema } from './workspace-settings';

/** Databricks' ceiling for a token lifetime (two years). */
export const MAX_TOKEN_LIFETIME_DAYS = 730;
/** Databricks accepts at most 1000 addresses/CIDRs across all IP access lists of a workspace. */
export const MAX_IP_ACCESS_LIST_ENTRIES = 1000;

/** An IPv4 address or an IPv4 CIDR written with its network address (what IP access lists accept). */
export const ipOrCidr = z.string().refine((value) => (value.includes('/') ? isCanonicalIpv4Cidr(value) : ipaddr.IPv4.isValidFourPartDecimal(value)), {
  abort: true, // the list-level refinement adds up address ranges
  error: (issue) => `must be an IPv4 address (203.0.113.7) or an IPv4 CIDR with its network address (203.0.113.0/24); got ${JSON.stringify(issue.input)}`,
});

const ipList = z.strictObject({
  label: z.string().min(1).max(64).regex(/^[\w .-]+$/, 'must be letters, digits, spaces, _ . or -').describe('Name shown in the workspace'),
  addresses: z.array(ipOrCidr).min(1, 'needs at least one address or CIDR').describe('IPv4 addresses and CIDRs'),
});

const tokens = z
  .strictObject({
    enabled: z.boolean().default(true).describe('Allow personal access tokens at all. Default: true (automation should prefer OAuth service principals)'),
    maxLifetimeDays: z
      .number()
      .int()
      .min(1, 'must be at least 1 day')
      .max(MAX_TOKEN_LIFETIME_DAYS, `must be at most ${MAX_TOKEN_LIFETIME_DAYS} days (Databricks limit)`)
      .default(90)
      .describe('Longest lifetime a new token may have. Default: 90 days'),
    allowedGroups: z
      .array(groupRef)
      .default([])
      .describe('Groups that may create and use tokens (CAN_USE); nobody else can. Default (also for an empty list): account.ownerGroup'),
  })
  .prefault({});

const ipAccessLists = z
  .strictObject({
    enabled: z.boolean().default(false).describe('Enforce IP access lists on the workspace UI and API. Default: false'),
    allow: z.array(ipList).default([]).describe('Networks that may reach the workspace; all others are refused'),
    block: z.array(ipList).default([]).describe('Networks refused even when an allow list contains them'),
  })
  .prefault({})
  .superRefine((lists, ctx) => {
    if (lists.enabled && lists.allow.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['allow'],
        message: 'enabled IP access lists need at least one allow list; without one every address except the blocked ones gets in (include the CI runners\' egress addresses)',
      });
    }
    const labels = new Set<string>();
    (['allow', 'block'] as const).forEach((kind) =>
      lists[kind].forEach((list, index) => {
        if (labels.has(list.label)) ctx.addIssue({ code: 'custom', path: [kind, index, 'label'], message: `"${list.label}" is used by another list` });
        labels.add(list.label);
        list.addresses.forEach((address, i) => {
          if (kind === 'allow' && address === '0.0.0.0/0') {
            ctx.addIssue({ code: 'custom', path: [kind, index, 'addresses', i], message: '0.0.0.0/0 allows everyone; set enabled: false instead' });
          }
        });
      }),
    );
    const allowed = lists.allow.flatMap((list) => list.addresses);
    if (!allowed.includes('0.0.0.0/0') && coversEveryAddress(allowed)) {
      ctx.addIssue({ code: 'custom', path: ['allow'], message: `together allow every IPv4 address (${allowed.join(', ')}); set enabled: false instead` });
    }
    const total = [...lists.allow, ...lists.block].reduce((sum, list) => sum + list.addresses.length, 0);
    if (total > MAX_IP_ACCESS_LIST_ENTRIES) {
      ctx.addIssue({ code: 'custom', path: [], message: `holds ${total} addresses; Databricks accepts at most ${MAX_IP_ACCESS_LIST_ENTRIES}` });
    }
  });

/** True when the addresses and CIDRs together cover 0.0.0.0/0 (e.g. 0.0.0.0/1 + 128.0.0.0/1). */
export function coversEveryAddress(entries: string[]): boolean {
  const ranges = entries
    .map((entry) => {
      const [address, prefix] = entry.includes('/') ? ipaddr.IPv4.parseCIDR(entry) : [ipaddr.IPv4.parse(entry), 32];
      const start = address.toByteArray().reduce((value, byte) => value * 256 + byte, 0);
      return [start, start + 2 ** (32 - prefix)] as const;
    })
    .sort((a, b) => a[0] - b[0]);
  let reached = 0;
  for (const [start, end] of ranges) {
    if (start > reached) return false;
    reached = Math.max(reached, end);
  }
  return reached >= 2 ** 32;
}

/** Standards the compliance security profile can be enabled for (Databricks settings API). */
export const COMPLIANCE_STANDARDS = [
  'CANADA_PROTECTED_B', 'CYBER_ESSENTIAL_PLUS', 'FEDRAMP_HIGH', 'FEDRAMP_IL5', 'FEDRAMP_MODERATE', 'GERMANY_C5', 'GERMANY_TISAX',
  'HIPAA', 'HITRUST', 'IRAP_PROTECTED', 'ISMAP', 'ITAR_EAR', 'K_FSI', 'PCI_DSS',
] as const;

const hardening = z
  .strictObject({
    complianceSecurityProfile: z
      .strictObject({
        enabled: z.boolean().default(false).describe('Compliance security profile (irreversible once on; needs the Enhanced Security and Compliance add-on). Default: false'),
        standards: z.array(z.enum(COMPLIANCE_STANDARDS)).default([]).describe('Compliance standards to apply, e.g. HIPAA, PCI_DSS. Default: none'),
      })
      .prefault({}),
    enhancedSecurityMonitoring: z.boolean().default(false).describe('Hardened images with antivirus and file-integrity monitoring. Default: false'),
    automaticClusterUpdate: z.boolean().default(false).describe('Restart clusters in the maintenance window to pick up image updates. Default: false'),
    disableLegacyDbfs: z.boolean().default(true).describe('Refuse access to the DBFS root and mounts (Unity Catalog volumes instead). Default: true'),
    disableLegacyAccess: z.boolean().default(true).describe('Refuse direct Hive metastore access, external-location fallback and runtimes before 13.3 LTS. Default: true'),
    restrictWorkspaceAdmins: z.boolean().default(false).describe('Workspace admins may only create tokens and set job run-as for themselves or service principals they manage. Default: false'),
  })
  .prefault({})
  .superRefine((settings, ctx) => {
    const profile = settings.complianceSecurityProfile;
    if (profile.enabled) {
      if (profile.standards.length === 0) ctx.addIssue({ code: 'custom', path: ['complianceSecurityProfile', 'standards'], message: 'name at least one compliance standard when the profile is enabled' });
      // Databricks turns both on with the profile and refuses to turn them off while it is on.
      for (const field of ['enhancedSecurityMonitoring', 'automaticClusterUpdate'] as const) {
        if (!settings[field]) ctx.addIssue({ code: 'custom', path: [field], message: 'must be true while complianceSecurityProfile is enabled' });
      }
    } else if (profile.standards.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['complianceSecurityProfile', 'standards'], message: 'has no effect unless complianceSecurityProfile.enabled is true' });
    }
  });

/** Token policy, IP access lists, workspace hardening switches, admin settings and the users group's entitlements. */
export const workspaceSecuritySchema = z
  .strictObject({ tokens, ipAccessLists, hardening, settings: workspaceSettingsSchema, usersEntitlements: usersEntitlementsSchema })
  .prefault({})
  .describe('Administration controls of the workspace: tokens, IP access lists, hardening switches, admin settings, users entitlements');
export type WorkspaceSecurityConfig = z.infer<typeof workspaceSecuritySchema>;
