import { isExpression, stringsIn } from '../model';
import type { Rule } from '../rule';

/** Attributes that hold credentials; in synthesized JSON they may only be references or variables. */
export const SECRET_ATTRIBUTES = new Set([
  'password', 'client_secret', 'string_value', 'token', 'secret_key', 'access_key', 'private_key',
  'personal_access_token', 'azure_client_secret', 'google_credentials',
]);

/** Well-known credential formats, matched anywhere in any synthesized string. */
export const SECRET_PATTERNS: [string, RegExp][] = [
  ['Databricks personal access token', /\bdapi[0-9a-f]{32}\b/],
  ['Databricks OAuth secret', /\bdose[0-9a-f]{32}\b/],
  ['AWS access key id', /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/],
  ['AWS secret access key', /aws_secret_access_key\s*[=:]\s*\S{40}/i],
  ['private key', /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/],
  ['GitHub token', /\bgh[pousr]_[A-Za-z0-9]{36}\b/],
];

const lastKey = (path: string) => path.replace(/\[\d+\]$/, '').split('.').pop() ?? '';

export const secretRules: Rule[] = [
  {
    id: 'DBX-SEC-001',
    severity: 'error',
    reason: 'Credential attributes (string_value, token, password, client_secret, ...) never hold literal values.',
    fix: 'Pass secrets as a sensitive TerraformVariable or a reference (e.g. random_password.result); provider credentials come from the environment.',
    check: (model) => model.blocks.filter((b) => b.kind !== 'other').flatMap((block) =>
      [...stringsIn(block.config)]
        .filter(([path, value]) => SECRET_ATTRIBUTES.has(lastKey(path)) && value !== '' && !isExpression(value))
        .map(([path]) => ({ block, detail: `${path} is a literal value` })),
    ),
  },
  {
    id: 'DBX-SEC-002',
    severity: 'error',
    reason: 'No string in the synthesized configuration looks like a credential (tokens, access keys, private keys).',
    fix: 'Remove the value from code and environment files; read it at apply time from a secret store or variable.',
    check: (model) => model.blocks.flatMap((block) =>
      [...stringsIn(block.config)].flatMap(([path, value]) =>
        SECRET_PATTERNS.filter(([, pattern]) => pattern.test(value)).map(([what]) => ({ block, detail: `${path || '(value)'} contains a ${what}` })),
      ),
    ),
  },
];
