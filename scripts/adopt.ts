/**
 * Adopts existing objects into an environment's stack: validates their ids, writes
 * environments/imports/<environment>.json, and shows the plain Terraform import blocks the stack
 * now synthesizes (docs/day2.md#adopt-an-existing-workspace).
 *
 *   npm run adopt -- <environment> --workspace <id> --storage-configuration <id> \
 *     --storage-configuration-name <name> --root-bucket <name> [--credentials <id>] ... [--dry-run]
 *
 * Exit codes: 0 written (or shown with --dry-run), 2 usage, id or configuration error (nothing written).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Command } from 'commander';
import { ConfigError, environmentsDir, loadConfig } from '../environments';
import { adoptedRootBuckets, adoptionFile, adoptionSchema, IMPORT_KEYS, importsSchema, type Adoption, type ImportKey } from '../environments/lib/adoption';
import { validateNames } from '../environments/lib/names';
import { GuardrailError } from '../guardrails';
import { runCli } from './lib/cli';
import { synthesizeStacks } from './lib/synth-app';

class UsageError extends Error {}

interface ImportBlock {
  to: string;
  id: string;
  provider?: string;
}

const camel = (key: string) => key.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
const describeOf = (key: ImportKey) => (importsSchema.shape[key] as { description?: string }).description ?? key;

function run(name: string, options: Record<string, string | boolean | undefined>): void {
  const dir = environmentsDir();
  const config = loadConfig(dir);
  const env = config.environments.find((e) => e.name === name);
  if (!env) throw new UsageError(`no environment "${name}"; environments: ${config.environments.map((e) => e.name).join(', ')}`);

  const given = Object.fromEntries(IMPORT_KEYS.flatMap((key) => (typeof options[camel(key)] === 'string' ? [[key, options[camel(key)]]] : [])));
  const storageConfigurationName = typeof options.storageConfigurationName === 'string' ? options.storageConfigurationName : env.adoption?.storageConfigurationName;
  if (Object.keys(given).length === 0 && storageConfigurationName === env.adoption?.storageConfigurationName) {
    throw new UsageError(`nothing to adopt: pass at least one id (${IMPORT_KEYS.map((key) => `--${key}`).join(', ')})`);
  }
  const candidate = {
    environment: name,
    imports: { ...env.adoption?.imports, ...given },
    ...(storageConfigurationName ? { storageConfigurationName } : {}),
  };
  const parsed = adoptionSchema.safeParse(candidate);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const [section, key] = issue.path.map(String);
      const option = section === 'imports' && key ? `--${key}` : `--${issue.path.join('.').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
      return `${option}: ${issue.message}`;
    });
    throw new UsageError(`invalid ids, nothing written:\n  ${lines.join('\n  ')}`);
  }
  const adoption: Adoption = parsed.data;

  // Synthesize with the new adoption before writing anything: a wrong key or name fails here.
  const withAdoption = { ...config, environments: config.environments.map((e) => (e.name === name ? { ...e, adoption } : e)) };
  // An adopted root bucket is a name in S3's namespace, checked across the set as loadConfig will check it.
  const rootBuckets = adoptedRootBuckets(withAdoption.environments.map((e) => [e.name, e.adoption] as const));
  const nameProblems = validateNames(config.account, withAdoption.environments, rootBuckets);
  if (nameProblems.length > 0) throw new UsageError(`nothing written:\n  ${nameProblems.join('\n  ')}`);
  const stack = synthesizeStacks<{ import?: ImportBlock[] }>(withAdoption).get(name)!;
  const blocks = stack.import ?? [];
  process.stdout.write(`Import blocks of stack "${name}" (${blocks.length}):\n`);
  for (const block of blocks) process.stdout.write(`  ${block.to}  <-  ${block.id}${block.provider ? `  (provider ${block.provider})` : ''}\n`);
  for (const key of Object.keys(adoption.imports) as ImportKey[]) process.stdout.write(`  ${key}: ${describeOf(key)}\n`);

  const file = adoptionFile(dir, name);
  if (options.dryRun) {
    process.stdout.write(`--dry-run: ${path.relative(process.cwd(), file)} not written\n`);
    return;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const header = 'Written by `npm run adopt` (docs/day2.md#adopt-an-existing-workspace). Keep it: adopted names live here; imports of objects already in state are no-ops.';
  writeFileSync(file, `${JSON.stringify({ '//': header, ...adoption }, null, 2)}\n`);
  process.stdout.write(
    `Wrote ${path.relative(process.cwd(), file)}. Next: npm run synth, then terraform plan in cdktf.out/stacks/${name}: ` +
      'every adopted object must read "will be imported" with no replacement (the plan guard blocks one).\n',
  );
}

const program = new Command('adopt')
  .description('Import existing objects (workspace, mws configurations, buckets, keys, metastore assignment) into an environment stack.')
  .argument('<environment>', 'environment whose stack adopts the objects')
  .option('--storage-configuration-name <name>', 'name of the adopted storage configuration (needed with --storage-configuration)')
  .option('--dry-run', 'validate and show the import blocks without writing the file');
for (const key of IMPORT_KEYS) program.option(`--${key} <id>`, describeOf(key));
program.action((name: string, options: Record<string, string | boolean | undefined>) => run(name, options));

runCli(program, (error) => error instanceof UsageError || error instanceof ConfigError || error instanceof GuardrailError);
