/**
 * Plan guard CLI: fails a pull request or an apply whose Terraform plan deletes or replaces a
 * protected resource, or holds anything the guard does not understand.
 *
 *   terraform show -json plan.tfplan | npm run plan-guard -- - [--summary-file out.md] [--allow <address> ...]
 *   npm run plan-guard -- plan.json ...
 *
 * Exit codes: 0 pass (warnings included), 1 blocked or not understood, 2 usage or input error.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { runCli } from './lib/cli';
import { analysePlan, parsePlan, PlanFormatError } from './lib/plan-guard';
import { renderMarkdown } from './lib/plan-guard-markdown';

const EXIT_BLOCKED = 1;
const STDIN = '-';

/** Expected failures: reported as one line, without a stack trace. */
class UsageError extends Error {}

function readPlan(file: string) {
  const name = file === STDIN ? 'standard input' : file;
  let text: string;
  try {
    // File descriptor 0 reads the pipe, so the plan JSON (which holds sensitive values) never touches disk.
    text = readFileSync(file === STDIN ? 0 : file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${name}: ${code === 'ENOENT' ? 'no such file' : code ?? String(error)}`);
  }
  // A binary plan file is a zip archive; a common mistake is to pass it instead of its JSON rendering.
  if (text.startsWith('PK')) {
    throw new UsageError(`${name} is a binary plan file; pipe it through \`terraform show -json ${file === STDIN ? 'plan.tfplan' : file}\``);
  }
  if (text.trim() === '') throw new UsageError(`${name} is empty (did terraform show fail?)`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${name} is not valid JSON: ${(error as Error).message}`);
  }
  try {
    return parsePlan(json);
  } catch (error) {
    if (error instanceof PlanFormatError) throw new UsageError(`${name}: ${error.message}`);
    throw error;
  }
}

interface CliOptions {
  summaryFile?: string;
  allow: string[];
  allowSource?: string;
}

function run(planFile: string, options: CliOptions): number {
  const allow = options.allow.flatMap((value) => value.split(/\s+/)).filter(Boolean);
  if (allow.length > 0 && !options.allowSource) {
    throw new UsageError('--allow needs --allow-source naming who approved it (recorded in the summary)');
  }
  const result = analysePlan(readPlan(planFile), { allow });
  const markdown = renderMarkdown(result, { allowSource: options.allowSource });
  process.stdout.write(markdown);
  if (options.summaryFile) {
    try {
      writeFileSync(options.summaryFile, markdown, { flag: 'a' });
    } catch (error) {
      throw new UsageError(`cannot write ${options.summaryFile}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  }
  return result.passed ? 0 : EXIT_BLOCKED;
}

const program = new Command('plan-guard')
  .description('Block deletions and replacements of protected resources in a Terraform plan (terraform show -json); fail on anything not understood.')
  .argument('<plan>', `JSON of a saved plan, or ${STDIN} to read it from standard input`)
  .option('--summary-file <path>', 'also append the markdown summary to this file (e.g. $GITHUB_STEP_SUMMARY)')
  .option('--allow <addresses>', 'permit the deletion or replacement of these addresses (repeatable, or space-separated)',
    (address: string, previous: string[]) => [...previous, address], [] as string[])
  .option('--allow-source <text>', 'who approved the --allow addresses, e.g. "workflow_dispatch by @octocat"; required with --allow')
  .action((planFile: string, options: CliOptions) => {
    process.exitCode = run(planFile, options);
  });

runCli(program, (error) => error instanceof UsageError);
