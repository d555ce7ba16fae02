/**
 * Summarises Databricks usage CSV files (legacy billable-usage delivery or a system.billing.usage export) by
 * environment (workspace), SKU and cost center. Streams every file: memory does not grow with file size.
 * Exit codes: 0 every row counted; 1 report printed, but rows or files were refused (named on stderr, left out
 * of the totals); 2 usage error, nothing printed but the one-line message.
 */
import { readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { runCliAsync } from './lib/cli';
import {
  DIMENSIONS, ListPricesError, buildReport, formatProblems, formatTable, listUsageFiles, parseWorkspaceMap,
  type Dimension, type WorkspaceMap,
} from './lib/billable-usage';

class UsageError extends Error {}

interface CliOptions { json?: boolean; workspaceMap?: string; listPrices?: string; by?: Dimension[]; jobs?: number }

/** Exit code when the report was printed but something was not counted. */
const EXIT_REFUSED = 1;
/** Threads reading files at the same time by default: csv-parse is CPU-bound, one file per core. */
const DEFAULT_JOBS = Math.min(availableParallelism(), 4);

function parseDimensions(value: string): Dimension[] {
  const names = value.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = names.filter((name) => !(DIMENSIONS as readonly string[]).includes(name));
  if (names.length === 0 || unknown.length > 0) {
    throw new InvalidArgumentError(`expected a comma-separated list of ${DIMENSIONS.join(', ')}`);
  }
  return [...new Set(names)] as Dimension[];
}

function parseJobs(value: string): number {
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) throw new InvalidArgumentError('expected an integer from 1 to 64');
  return jobs;
}

// `npm run` switches to the package root; resolve paths against where the user typed the command.
const baseDir = process.env.npm_lifecycle_event === 'billing-report' && process.env.INIT_CWD ? process.env.INIT_CWD : process.cwd();

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

async function run(folderArg: string, options: CliOptions): Promise<number> {
  const folder = resolve(baseDir, folderArg);
  if (!(statSync(folder, { throwIfNoEntry: false })?.isDirectory() ?? false)) throw new UsageError(`folder not found: ${folderArg}`);
  const listing = listUsageFiles(folder);
  // Only an empty folder is a usage error; links and unreadable folders are reported like any refused file.
  if (listing.files.length === 0 && listing.problems.length === 0) throw new UsageError(`no .csv files found under ${folderArg}`);
  const workspaceMap = loadWorkspaceMap(options.workspaceMap);
  const listPrices = options.listPrices === undefined ? undefined : { path: resolve(baseDir, options.listPrices), name: options.listPrices };

  const by = options.by ?? DIMENSIONS;
  const report = await buildReport(folder, { workspaceMap, by, listPrices, jobs: options.jobs ?? DEFAULT_JOBS, decimals: options.json ? undefined : 2 });
  if (options.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    process.stdout.write(formatTable(report, by));
  }
  const problems = formatProblems(report);
  if (problems) process.stderr.write(`\n${problems}`);
  return report.refused.files + report.refused.rows > 0 ? EXIT_REFUSED : 0;
}

const program = new Command('billing-report')
  .description('Aggregate Databricks usage CSV files (legacy billable-usage delivery or a system.billing.usage export) by workspace, SKU and CostCenter tag.')
  .argument('<folder>', 'folder with the CSV files, searched recursively')
  .option('--json', 'print { rows, totals, refused, problems } as JSON instead of a table')
  .option('--workspace-map <file>', 'JSON file mapping workspaceId to an environment name')
  .option('--list-prices <file>', 'CSV export of system.billing.list_prices: adds the list cost of each group')
  .option('--by <dimensions>', `group by a comma-separated subset of ${DIMENSIONS.join(',')} (default: all)`, parseDimensions)
  .option('--jobs <n>', `files read in parallel, one worker thread each (default: ${DEFAULT_JOBS})`, parseJobs)
  .action(async (folder: string, options: CliOptions) => {
    process.exitCode = await run(folder, options);
  });

// Exported for callers that run the command in their own process (test/support/run-script.ts).
export const done = runCliAsync(program, (error) => error instanceof UsageError || error instanceof ListPricesError);
