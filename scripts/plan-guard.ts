/**
 * Plan guard CLI: fails a pull request whose Terraform plan deletes or replaces a protected resource.
 *
 *   npm run plan-guard -- plan.json [--summary-file out.md] [--allow <address> ...]
 *
 * Exit codes: 0 pass, 1 blocked changes, 2 usage or input error.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { runCli } from './lib/cli';
import { analysePlan, parsePlan, PlanFormatError, renderMarkdown } from './lib/plan-guard';

const EXIT_BLOCKED = 1;

/** Expected failures: reported as one line, without a stack trace. */
class UsageError extends Error {}

function readPlan(file: string) {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code ?? String(error)}`);
  }
  // A binary plan file is a zip archive; a common mistake is to pass it instead of its JSON rendering.
  if (text.startsWith('PK')) {
    throw new UsageError(`${file} is a binary plan file; convert it with \`terraform show -json ${file} > plan.json\``);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  try {
    return parsePlan(json);
  } catch (error) {
    if (error instanceof PlanFormatError) throw new UsageError(`${file}: ${error.message}`);
    throw error;
  }
}

interface CliOptions {
  summaryFile?: string;
  allow: string[];
}

function run(planFile: string, options: CliOptions): number {
  const result = analysePlan(readPlan(planFile), { allow: options.allow });
  const markdown = renderMarkdown(result);
  process.stdout.write(markdown);
  if (options.summaryFile) {
    try {
      writeFileSync(options.summaryFile, markdown);
    } catch (error) {
      throw new UsageError(`cannot write ${options.summaryFile}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  }
  return result.passed ? 0 : EXIT_BLOCKED;
}

const program = new Command('plan-guard')
  .description('Block deletions and replacements of protected resources in a Terraform plan (terraform show -json).')
  .argument('<plan>', 'JSON of a saved plan')
  .option('--summary-file <path>', 'also write the markdown summary to this file')
  .option('--allow <address>', 'permit the deletion or replacement of this address (repeatable)',
    (address: string, previous: string[]) => [...previous, address], [] as string[])
  .action((planFile: string, options: CliOptions) => {
    process.exitCode = run(planFile, options);
  });

runCli(program, (error) => error instanceof UsageError);
