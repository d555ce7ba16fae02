/**
 * Fork test (CI, `npm run fork-test`): does what README asks of a team that forks the blueprint, in a
 * temporary copy of the repository (node_modules symlinked, nothing installed), then runs
 * `npm run synth` and the whole test suite there. Every example value in environments/ is replaced
 * (scripts/lib/fork.ts), one environment is copied under a new name and added to the workflows.
 * A test that hard-codes an example value fails here. Exit status: the first failing step's.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Command } from 'commander';
import { loadConfig } from '../environments';
import { runCli } from './lib/cli';
import { addStackToWorkflow, applyReplacements, copyEnvironment, exampleValueReplacements, leftovers } from './lib/fork';

const repoRoot = path.join(__dirname, '..');
const SKIP = new Set(['node_modules', '.git', 'cdktf.out', 'coverage', '.terraform']);
/** Files in environments/ that are not data (environments/index.ts NOT_ENVIRONMENTS, minus account). */
const NOT_DATA = new Set(['index.ts', 'schema.ts']);

interface Options { keep?: boolean; name: string; jest: string[] }

function log(line: string): void {
  process.stderr.write(`fork-test: ${line}\n`);
}

/** The text of every test file: a fork's new values must not occur in it (scripts/lib/fork.ts renamer). */
function testSuiteText(dir: string): string {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => readFileSync(path.join(entry.parentPath, entry.name), 'utf8'))
    .join('\n');
}

/** Replaces every example value in the copy's environment files; throws when one survives. */
function rewriteExamples(copy: string, suiteText: string): string[] {
  const dir = path.join(copy, 'environments');
  const config = loadConfig(dir);
  const replacements = exampleValueReplacements(config, suiteText);
  const files = readdirSync(dir).filter((f) => /\.(ts|json)$/.test(f) && !NOT_DATA.has(f) && !f.endsWith('.d.ts'));
  for (const file of files) {
    const target = path.join(dir, file);
    const text = applyReplacements(readFileSync(target, 'utf8'), replacements);
    const left = leftovers(text, replacements);
    if (left.length > 0) throw new Error(`${file}: still contains ${left.map((r) => `${r.what} ${r.from}`).join(', ')}`);
    writeFileSync(target, text);
  }
  for (const r of replacements) log(`${r.what}: ${r.from} -> ${r.to}`);
  return config.environments.map((e) => e.name);
}

/** README "Add an environment": copy staging (or the last environment) to <name>.ts and list it in the workflows. */
function addEnvironment(copy: string, name: string, existing: string[], suiteText: string): void {
  if (existing.includes(name)) throw new Error(`environment "${name}" exists already; pick another --name`);
  const dir = path.join(copy, 'environments');
  const source = existing.includes('staging') ? 'staging' : existing[existing.length - 1];
  const all = [...existing.map((env) => readFileSync(path.join(dir, `${env}.ts`), 'utf8')), suiteText].join('\n');
  writeFileSync(path.join(dir, `${name}.ts`), copyEnvironment(readFileSync(path.join(dir, `${source}.ts`), 'utf8'), source, name, all));
  const workflows = path.join(copy, '.github', 'workflows');
  for (const file of existsSync(workflows) ? readdirSync(workflows).filter((f) => /\.ya?ml$/.test(f)) : []) {
    const target = path.join(workflows, file);
    writeFileSync(target, addStackToWorkflow(readFileSync(target, 'utf8'), name, ['account', ...existing]));
  }
  log(`added environment ${name} (copied from ${source}) and its stack in .github/workflows`);
}

function run(copy: string, label: string, argv: string[]): number {
  log(`${label} in ${copy}`);
  const result = spawnSync(argv[0], argv.slice(1), { cwd: copy, stdio: 'inherit', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
  return result.status ?? 1;
}

function main(options: Options): number {
  const copy = mkdtempSync(path.join(tmpdir(), 'blueprint-fork-'));
  try {
    cpSync(repoRoot, copy, { recursive: true, filter: (source) => !SKIP.has(path.basename(source)) || path.dirname(source) !== repoRoot });
    symlinkSync(path.join(repoRoot, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
    const suiteText = testSuiteText(path.join(copy, 'test'));
    const existing = rewriteExamples(copy, suiteText);
    addEnvironment(copy, options.name, existing, suiteText);
    const node = process.execPath;
    const loader = path.join(copy, 'scripts', 'register-ts.cjs');
    // A fork's first step (docs/day2.md#address-lock): the example locks describe the replaced examples.
    const lock = run(copy, 'npm run lock:update -- --init', [node, '--require', loader, path.join(copy, 'scripts', 'lock-update.ts'), '--init']);
    if (lock !== 0) return lock;
    const synth = run(copy, 'npm run synth', [node, '--require', loader, path.join(copy, 'scripts', 'synth.ts')]);
    if (synth !== 0) return synth;
    return run(copy, 'jest', [node, path.join(copy, 'node_modules', 'jest', 'bin', 'jest.js'), ...options.jest]);
  } finally {
    if (options.keep) log(`kept ${copy}`);
    else rmSync(copy, { recursive: true, force: true });
  }
}

const program = new Command('fork-test')
  .description('Replace every example value in a temporary copy, add an environment, and run synth and the test suite there.')
  .option('--name <environment>', 'name of the added environment', 'forkqa')
  .option('--keep', 'keep the temporary copy for inspection')
  .argument('[jest...]', 'arguments passed to jest (after --)')
  .action((jest: string[], options: Omit<Options, 'jest'>) => {
    process.exitCode = main({ ...options, jest });
  });

runCli(program);
