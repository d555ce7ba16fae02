/**
 * addStackToWorkflow (scripts/lib/fork.ts, README "Add an environment" step 2) on the workflow shapes a
 * team may have written: jobs keyed by stack or not, `needs:` in flow and block style or several at once,
 * blank and comment lines inside a job, stack lists in flow and block style. Hand-written YAML, parsed back
 * with js-yaml where the structure is what matters, compared as text where the layout is.
 */
import { load } from 'js-yaml';
import { addStackToWorkflow } from '../../scripts/lib/fork';

type Jobs = Record<string, { needs?: string | string[]; with?: Record<string, string>; environment?: string; permissions?: object }>;
const jobsOf = (text: string) => (load(text) as { jobs: Jobs }).jobs;
const stacks = ['account', 'one', 'two'];

/** A deploy job of the blueprint's shape (deploy.yml), keyed `key`, for `stack`. */
function deployJob(key: string, stack: string, needs: string[]): string[] {
  return [
    `  ${key}:`,
    ...needs,
    `    name: apply ${stack} (stack ${stack})`,
    '    uses: ./.github/workflows/apply-stack.yml',
    '    with:',
    `      stack: ${stack}`,
    `      allow-destroy: \${{ inputs.stack == '${stack}' && inputs.allow-destroy || '' }}`,
  ];
}

describe('addStackToWorkflow: the copied job', () => {
  it('renames the stack inside a job keyed differently (deploy-<stack>), key included, and chains it by key', () => {
    const text = ['jobs:', ...deployJob('deploy-account', 'account', []), ...deployJob('deploy-one', 'one', ['    needs: deploy-account']), ...deployJob('deploy-two', 'two', ['    needs: deploy-one'])].join('\n');
    const jobs = jobsOf(addStackToWorkflow(text, 'three', stacks));
    expect(Object.keys(jobs)).toEqual(['deploy-account', 'deploy-one', 'deploy-two', 'deploy-three']);
    expect(jobs['deploy-three']).toEqual({
      needs: 'deploy-two',
      name: 'apply three (stack three)',
      uses: './.github/workflows/apply-stack.yml',
      with: { stack: 'three', 'allow-destroy': "${{ inputs.stack == 'three' && inputs.allow-destroy || '' }}" },
    });
    expect(jobs['deploy-two'].with!.stack).toBe('two');
  });

  it('keys the copy by the new stack when the last job\'s key does not hold its stack name', () => {
    const text = ['jobs:', ...deployJob('shared', 'account', []), ...deployJob('first', 'one', ['    needs: shared']), ...deployJob('second', 'two', ['    needs: first'])].join('\n');
    const jobs = jobsOf(addStackToWorkflow(text, 'three', stacks));
    expect(Object.keys(jobs)).toEqual(['shared', 'first', 'second', 'three']);
    expect(jobs.three.needs).toBe('second');
    expect(jobs.three.with!.stack).toBe('three');
  });

  it('keeps what the last job needs besides other stacks\' jobs, in flow style, and needs the last job instead of its predecessor', () => {
    const text = ['jobs:', '  build:', '    runs-on: ubuntu-24.04', ...deployJob('account', 'account', ['    needs: build']), ...deployJob('one', 'one', ['    needs: [build, account]']), ...deployJob('two', 'two', ["    needs: [build, 'one']"])].join('\n');
    const result = addStackToWorkflow(text, 'three', stacks);
    expect(jobsOf(result).three.needs).toEqual(['build', 'two']);
    expect(result.split('\n').filter((line) => line.startsWith('    needs:'))).toEqual(['    needs: build', '    needs: [build, account]', "    needs: [build, 'one']", '    needs: [build, two]']);
  });

  it('rewrites a block-style needs list, items deeper or at the key\'s indentation, and keeps the lines after it', () => {
    for (const indent of ['      ', '    ']) {
      const needs = ['    needs:', `${indent}- build`, `${indent}- one`];
      const text = ['jobs:', '  build:', '    runs-on: ubuntu-24.04', ...deployJob('account', 'account', ['    needs:', `${indent}- build`]), ...deployJob('one', 'one', ['    needs: account']), ...deployJob('two', 'two', needs)].join('\n');
      const result = addStackToWorkflow(text, 'three', stacks);
      expect(result.split('\n').slice(-7)).toEqual(['  three:', '    needs: [build, two]', ...deployJob('three', 'three', []).slice(1)]);
      expect(jobsOf(result).two.needs).toEqual(['build', 'one']);
    }
  });

  it('rewrites a block-style needs list that ends the job', () => {
    const text = ['jobs:', ...deployJob('account', 'account', []), ...deployJob('one', 'one', ['    needs: account']), '  two:', '    uses: ./apply.yml', '    with:', '      stack: two', '    needs:', '      - one'].join('\n');
    const result = addStackToWorkflow(text, 'three', stacks);
    expect(result.split('\n').slice(-5)).toEqual(['  three:', '    uses: ./apply.yml', '    with:', '      stack: three', '    needs: two']);
  });

  it('copies a job whole across blank, blank-looking and comment lines inside it, and no blank-looking lines after it', () => {
    const two = ['  two:', '    needs: one', '    permissions:', '      contents: read', '', '      # the apply role is assumed through OIDC', '      id-token: write', '  ', '    with:', '      stack: two'];
    const text = ['jobs:', ...deployJob('account', 'account', []), ...deployJob('one', 'one', ['    needs: account']), '  ', ...two, '  ', '', '  report:', '    runs-on: ubuntu-24.04'].join('\n');
    const result = addStackToWorkflow(text, 'three', stacks);
    const three = ['  three:', '    needs: two', ...two.slice(2, -1), '      stack: three'];
    // A separating line made of spaces counts as blank: the copy gets a clean one.
    expect(result.split('\n').slice(-(three.length + 6))).toEqual(['      stack: two', '', ...three, '  ', '', '  report:', '    runs-on: ubuntu-24.04']);
    expect(jobsOf(result).three.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
  });

  it('refuses when there is no stack to add the new one after', () => {
    expect(() => addStackToWorkflow('jobs:\n  lint:\n    runs-on: ubuntu-24.04\n', 'three', [])).toThrow('fork: no existing stack to add the new one after');
  });
});

describe('addStackToWorkflow: stack lists', () => {
  it('extends a block-style list that names every stack, quoted or with comments, after its last item', () => {
    const text = [
      'jobs:',
      '  drift:',
      '    strategy:',
      '      matrix:',
      '        stack:',
      "          - 'account'",
      '          - one  # the first environment',
      '          - "two"',
      '          - tools',
      '    runs-on: ubuntu-24.04',
    ].join('\n');
    const result = addStackToWorkflow(text, 'three', stacks);
    expect(result.split('\n').slice(5, 10)).toEqual(["          - 'account'", '          - one  # the first environment', '          - "two"', '          - tools', '          - three']);
    expect(result.split('\n')).toHaveLength(text.split('\n').length + 1);
  });

  it('extends a block-style list that ends the file, and a report job\'s block-style needs of every stack', () => {
    const text = ['jobs:', '  report:', '    runs-on: ubuntu-24.04', '    needs:', '    - account', '    - one', '    - two'].join('\n');
    expect(addStackToWorkflow(text, 'three', stacks)).toBe(`${text}\n    - three`);
  });

  it('leaves block-style lists alone that miss a stack, are broken up, or hold other items', () => {
    const text = [
      'missing:',
      '  - account',
      '  - one',
      'broken:',
      '  - account',
      '  - one',
      '',
      '  - two',
      'described:',
      '  - account',
      '  - one',
      'note: deploys after - two',
      'steps:',
      '  - account: x',
      '  - one: y',
      '  - two: z',
      '  - run: echo account one two',
      'empty:',
      '  -',
      '  - account',
      '  - one',
      '  - two-b',
    ].join('\n');
    expect(addStackToWorkflow(text, 'three', stacks)).toBe(text);
  });
});
