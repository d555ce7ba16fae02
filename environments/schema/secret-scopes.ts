import { z } from 'zod';
import { secretVariableName } from '../../constructs/databricks/secret-variable-name';
import { groupRef } from './primitives';

export { secretVariableName };

// Databricks' rule for scope and key names.
const secretName = (what: string) =>
  z
    .string()
    .min(1)
    .max(128, `${what} must be at most 128 characters`)
    .regex(/^[\w.@-]+$/, `${what} must be letters, digits, _ - . or @`);

export const SECRET_PERMISSIONS = ['READ', 'WRITE', 'MANAGE'] as const;

const generated = z.strictObject({
  key: secretName('key'),
  source: z.literal('generated').describe('Terraform generates a random value (random_password) and keeps it in state only'),
  length: z.number().int().min(16).max(256).default(48).describe('Characters of the generated value. Default: 48'),
});
const fromEnvironment = z.strictObject({
  key: secretName('key'),
  source: z
    .literal('environment')
    .describe('The value comes from the caller at apply time: TF_VAR_<variable>, a sensitive Terraform variable'),
});

const scope = z.strictObject({
  name: secretName('scope name').describe('Secret scope name, unique in the workspace'),
  acls: z
    .array(z.strictObject({ group: groupRef, permission: z.enum(SECRET_PERMISSIONS).describe('READ, WRITE or MANAGE') }))
    .default([])
    .describe('Group permissions on the scope. Default: none (only workspace admins and the deployer)'),
  secrets: z
    .array(z.discriminatedUnion('source', [generated, fromEnvironment], { error: 'source must be "generated" or "environment"' }))
    .default([])
    .describe('Secrets Terraform writes; values are never in code. Default: none (others may put secrets with WRITE)'),
});

export const secretScopesSchema = z
  .array(scope)
  .default([])
  .superRefine((scopes, ctx) => {
    const names = new Set<string>();
    const variables = new Map<string, string>();
    scopes.forEach((s, i) => {
      if (names.has(s.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `scope "${s.name}" is declared twice` });
      names.add(s.name);
      const groups = new Set<string>();
      s.acls.forEach((acl, j) => {
        if (groups.has(acl.group)) ctx.addIssue({ code: 'custom', path: [i, 'acls', j, 'group'], message: `"${acl.group}" has two entries; keep the highest permission` });
        groups.add(acl.group);
      });
      const keys = new Set<string>();
      s.secrets.forEach((secret, j) => {
        if (keys.has(secret.key)) ctx.addIssue({ code: 'custom', path: [i, 'secrets', j, 'key'], message: `key "${secret.key}" is declared twice in scope "${s.name}"` });
        keys.add(secret.key);
        if (secret.source !== 'environment') return;
        const variable = secretVariableName(s.name, secret.key);
        const clash = variables.get(variable);
        if (clash) ctx.addIssue({ code: 'custom', path: [i, 'secrets', j, 'key'], message: `maps to the same variable TF_VAR_${variable} as ${clash}` });
        variables.set(variable, `${s.name}/${secret.key}`);
      });
    });
  })
  .describe('Secret scopes with group ACLs and the secrets Terraform manages in them');
export type SecretScopeConfig = z.infer<typeof secretScopesSchema>[number];
