/**
 * Mutation testing, group by group (mutation-groups.cjs, docs/mutation-testing.md): runs Stryker for
 * each named group (all by default; incremental, so a rerun tests only changed mutants), then prints
 * the per-file table of the groups' JSON reports. `--table` prints the table of the last runs only.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Command } from 'commander';
import { runCli } from './lib/cli';

const repoRoot = path.join(__dirname, '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- shared CommonJS data with stryker.config.mjs
const groups = require('../mutation-groups.cjs') as Record<string, { mutate: string[]; tests: string[] }>;

interface Report { files: Record<string, { mutants: { status: string }[] }> }

const COUNTED = ['Killed', 'Survived', 'Timeout', 'NoCoverage'] as const;

/** One markdown row per mutated file: killed and timed-out mutants count as detected (Stryker's score). */
export function tableOf(reports: Report[]): string {
  const rows = ['| file | mutants | killed | survived | timeout | no coverage | score |', '|---|---:|---:|---:|---:|---:|---:|'];
  const files = reports.flatMap((r) => Object.entries(r.files)).sort(([a], [b]) => a.localeCompare(b));
  for (const [file, { mutants }] of files) {
    const count = Object.fromEntries(COUNTED.map((status) => [status, mutants.filter((m) => m.status === status).length]));
    const total = COUNTED.reduce((sum, status) => sum + count[status], 0);
    const score = total === 0 ? 'n/a' : `${((100 * (count.Killed + count.Timeout)) / total).toFixed(1)}%`;
    rows.push(`| ${file} | ${total} | ${count.Killed} | ${count.Survived} | ${count.Timeout} | ${count.NoCoverage} | ${score} |`);
  }
  return rows.join('\n');
}

function run(names: string[], tableOnly: boolean): void {
  for (const name of names) if (!groups[name]) throw new Error(`unknown group "${name}"; one of ${Object.keys(groups).join(', ')}`);
  if (!tableOnly) {
    for (const name of names) {
      const result = spawnSync('nice', ['-n', '5', 'npx', 'stryker', 'run'], { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, MUTATION_GROUP: name } });
      if (result.status !== 0) throw new Error(`stryker failed for group "${name}" (exit ${result.status})`);
    }
  }
  const reports = names
    .map((name) => path.join(repoRoot, 'reports/mutation', `${name}.json`))
    .filter((file) => existsSync(file))
    .map((file) => JSON.parse(readFileSync(file, 'utf8')) as Report);
  process.stdout.write(`${tableOf(reports)}\n`);
}

if (require.main === module) {
  const program = new Command('mutation')
    .description('Stryker per mutation group (mutation-groups.cjs), then the per-file table')
    .argument('[groups...]', `groups to run (default: all): ${Object.keys(groups).join(', ')}`)
    .option('--table', 'only print the table of the last reports')
    .action((names: string[], options: { table?: boolean }) => run(names.length > 0 ? names : Object.keys(groups), options.table === true));
  runCli(program);
}
