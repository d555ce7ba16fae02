/**
 * Summarises delivered Databricks billable-usage CSV files by environment, SKU and cost center.
 * Exit codes: 0 report printed, 1 report printed but malformed rows were found, 2 usage error.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { runCli } from './lib/cli';
import {
  DIMENSIONS, buildReport, formatProblems, formatTable, listCsvFiles, parseWorkspaceMap, type Dimension, type WorkspaceMap,
} from './lib/billable-usage';

class UsageError extends Error {}

interface CliOptions { json?: boolean; workspaceMap?: string; by?: Dimension[] }

function parseDimensions(value: string): Dimension[] {
  const names = value.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = names.filter((name) => !(DIMENSIONS as readonly string[]).includes(name));
  if (names.length === 0 || unknown.length > 0) {
    throw new InvalidArgumentError(`expected a comma-separated list of ${DIMENSIONS.join(', ')}`);
  }
  return [...new Set(names)] as Dimension[];
}

// `npm run` switches to the package root; resolve paths against where the user typed the command.
const baseDir = process.env.npm_lifecycle_event === 'billing-report' && process.env.INIT_CWD ? process.env.INIT_CWD : process.cwd();

function isDirectory(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

function loadWorkspaceMap(file: string | undefined): WorkspaceMap | undefined {
  if (file === undefined) return undefined;
  let json: string;
  try {
    json = readFileSync(resolve(baseDir, file), 'utf8');
  } catch {
    throw new UsageError(`cannot read workspace map ${file}`);
  }
  try {
    return parseWorkspaceMap(json);
  } catch (error) {
    throw new UsageError(`${file}: ${(error as Error).message}`);
  }
}

function run(folderArg: string, options: CliOptions): number {
  const folder = resolve(baseDir, folderArg);
  if (!isDirectory(folder)) throw new UsageError(`folder not found: ${folderArg}`);
  if (listCsvFiles(folder).length === 0) throw new UsageError(`no .csv files found under ${folderArg}`);
  const workspaceMap = loadWorkspaceMap(options.workspaceMap);

  const by = options.by ?? DIMENSIONS;
  const report = buildReport(folder, { workspaceMap, by });
  if (options.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    if (report.problems.length > 0) process.stderr.write(`${report.problems.length} malformed row(s) found\n`);
  } else {
    process.stdout.write(formatTable(report.rows, by));
    if (report.problems.length > 0) process.stderr.write(`\n${formatProblems(report.problems)}`);
  }
  return report.problems.length > 0 ? 1 : 0;
}

const program = new Command('billing-report')
  .description('Aggregate Databricks billable-usage CSV files (DBUs and machine hours) by workspace, SKU and CostCenter tag.')
  .argument('<folder>', 'folder with delivered CSV files, searched recursively')
  .option('--json', 'print { rows, totals, problems } as JSON instead of a table')
  .option('--workspace-map <file>', 'JSON file mapping workspaceId to an environment name')
  .option('--by <dimensions>', `group by a comma-separated subset of ${DIMENSIONS.join(',')} (default: all)`, parseDimensions)
  .action((folder: string, options: CliOptions) => {
    process.exitCode = run(folder, options);
  });

runCli(program);
