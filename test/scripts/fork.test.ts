import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { load } from 'js-yaml';
import { loadConfig } from '../../environments';
import { addStackToWorkflow, applyReplacements, copyEnvironment, exampleValueReplacements, leftovers } from '../../scripts/lib/fork';
import { EXAMPLE_ENVIRONMENTS_DIR } from '../support/paths';

// The edits of the fork test (scripts/fork-test.ts), on the example files of whatever repository runs it.
const config = loadConfig(EXAMPLE_ENVIRONMENTS_DIR);
const replacements = exampleValueReplacements(config);
const dataFiles = readdirSync(EXAMPLE_ENVIRONMENTS_DIR).filter((f) => f.endsWith('.ts') && !['index.ts', 'schema.ts'].includes(f));
const rewritten = mkdtempSync(path.join(tmpdir(), 'fork-lib-'));
for (const file of dataFiles) {
  writeFileSync(path.join(rewritten, file), applyReplacements(readFileSync(path.join(EXAMPLE_ENVIRONMENTS_DIR, file), 'utf8'), replacements));
}

describe('exampleValueReplacements', () => {
  it('covers the prefix, both kinds of account id, regions, the state bucket, CIDRs and every workspace and group name', () => {
    const whats = new Set(replacements.map((r) => r.what));
    for (const what of ['namePrefix', 'databricksAccountId', 'AWS account id', 'region', 'state bucket', 'VPC CIDR', 'workspaceName', 'group display name']) {
      expect(whats).toContain(what);
    }
    // A deployment name equal to the workspace name is one replacement.
    const replaced = replacements.map((r) => r.from);
    for (const env of config.environments) expect(replaced).toEqual(expect.arrayContaining([env.databricks.workspaceName, env.databricks.deploymentName]));
    for (const r of replacements) expect(r.to).not.toBe(r.from);
  });

  it('leaves no old value in any file, and the rewritten set still loads', () => {
    for (const file of dataFiles) expect([file, leftovers(readFileSync(path.join(rewritten, file), 'utf8'), replacements)]).toEqual([file, []]);
    const forked = loadConfig(rewritten);
    expect(forked.environments.map((e) => e.name)).toEqual(config.environments.map((e) => e.name));
    expect(forked.account.namePrefix).not.toBe(config.account.namePrefix);
    expect(forked.account.databricksAccountId).not.toBe(config.account.databricksAccountId);
    for (const [i, env] of forked.environments.entries()) {
      expect(env.aws.accountId).not.toBe(config.environments[i].aws.accountId);
      expect(env.aws.region).not.toBe(config.environments[i].aws.region);
    }
  });
});

describe('copyEnvironment', () => {
  it('gives the copy its own name, AWS account and VPC, so the set stays valid', () => {
    const source = config.environments[config.environments.length - 1].name;
    const all = dataFiles.map((file) => readFileSync(path.join(rewritten, file), 'utf8')).join('\n');
    writeFileSync(path.join(rewritten, 'forkcopy.ts'), copyEnvironment(readFileSync(path.join(rewritten, `${source}.ts`), 'utf8'), source, 'forkcopy', all));
    const forked = loadConfig(rewritten);
    const copy = forked.environments.find((e) => e.name === 'forkcopy')!;
    const original = forked.environments.find((e) => e.name === source)!;
    expect(copy.aws.accountId).not.toBe(original.aws.accountId);
    expect(copy.databricks.deploymentName).not.toBe(original.databricks.deploymentName);
  });
});

describe('addStackToWorkflow', () => {
  const existing = ['account', 'one', 'two'];
  it('appends the stack to a matrix that lists the others, and chains a deploy job after the last one', () => {
    const matrix = addStackToWorkflow('jobs:\n  plan:\n    strategy:\n      matrix:\n        stack: [account, one, two]\n', 'three', existing);
    expect((load(matrix) as any).jobs.plan.strategy.matrix.stack).toEqual([...existing, 'three']);
    const chain = [
      'jobs:',
      ...existing.flatMap((stack, i) => [`  ${stack}:`, ...(i ? [`    needs: ${existing[i - 1]}`] : []), '    uses: ./apply.yml', '    with:', `      stack: ${stack}`]),
    ].join('\n');
    const jobs = (load(addStackToWorkflow(chain, 'three', existing)) as any).jobs;
    expect(Object.keys(jobs)).toEqual([...existing, 'three']);
    expect(jobs.three).toEqual({ needs: 'two', uses: './apply.yml', with: { stack: 'three' } });
  });

  it('leaves a workflow without stack lists unchanged', () => {
    const text = 'jobs:\n  lint:\n    runs-on: ubuntu-latest\n';
    expect(addStackToWorkflow(text, 'three', existing)).toBe(text);
  });
});
