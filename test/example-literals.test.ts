import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { exampleConfig } from './support/synth';

// Guard for docs/testing.md: no test hard-codes a value of the example environment files, so a
// team that replaces the examples keeps a green suite. Specification tests use fixture values
// (test/support/fixtures.ts); example tests read values from the loaded files. CI's fork test
// (npm run fork-test) proves the same end to end; this check names the file and line at once.
const TEST_DIR = __dirname;
const config = exampleConfig();
const { account } = config;

/**
 * Distinctive example values: ids, names, buckets. Regions and CIDRs are a small shared vocabulary
 * (schema messages cite 10.10.0.0/16 as an example); the fork test rewrites those and catches them.
 */
const values = new Map<string, string>();
const add = (what: string, value: string | undefined) => {
  if (value) values.set(value, what);
};
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** Environment names are short words: only a whole quoted string counts; other values also inside one. */
const patternFor = (value: string, what: string) =>
  what === 'environment name'
    ? new RegExp(`(['"\`])${escape(value)}\\1`)
    : new RegExp(`['"\`][^'"\`]*(?<!\\w)${escape(value)}(?!\\w)[^'"\`]*['"\`]`);
add('Databricks account id', account.databricksAccountId);
add('name prefix', account.namePrefix);
add('state bucket', account.state.bucket);
for (const { displayName } of Object.values(account.groups)) add('group display name', displayName);
for (const env of config.environments) {
  add('environment name', env.name);
  add('workspace name', env.databricks.workspaceName);
  add('deployment name', env.databricks.deploymentName);
}
for (const id of JSON.stringify(config).match(/(?<![\w-])\d{12}(?![\w-])/g) ?? []) add('AWS account id', id);

const USES_EXAMPLES = /exampleConfig|exampleInputs|EXAMPLE_ENVIRONMENTS_DIR|synthApp\(\)|environments\/(?!index|schema|lib)[\w-]+'/;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    // test/fixtures holds input data of the repository tools (plans, usage CSVs), not environments.
    if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : testFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

it('no test file contains a value of the example environment files as a literal', () => {
  const findings: string[] = [];
  for (const file of testFiles(TEST_DIR)) {
    const text = readFileSync(file, 'utf8');
    // A short environment name may be a test's own value (a tag a rule classifies); in a file that
    // reads the examples it is an example literal.
    const readsExamples = USES_EXAMPLES.test(text);
    text.split('\n').forEach((line, index) => {
      for (const [value, what] of values) {
        if (what === 'environment name' && !readsExamples) continue;
        if (patternFor(value, what).test(line)) findings.push(`${path.relative(TEST_DIR, file)}:${index + 1}: ${what} "${value}"`);
      }
    });
  }
  expect(findings).toEqual([]);
});
