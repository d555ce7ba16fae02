import * as path from 'node:path';
import { ConfigError, loadConfig } from '../../environments';
import { fixtureInputs, previousOutput, snapshot, synthesisError, writeFixture } from '../support/bad-input-fixture';
import { BAD_INPUT_CASES, type BadInputCase } from './bad-input-cases';

/** Runs the whole synth on the broken fixture; returns the problems and whether the output folder changed. */
function attempt(badCase: BadInputCase) {
  const inputs = fixtureInputs() as Parameters<NonNullable<BadInputCase['change']>>[0];
  badCase.change?.(inputs);
  const files = typeof badCase.files === 'function' ? badCase.files(inputs) : badCase.files ?? {};
  const dir = writeFixture(inputs.account, inputs.environments, files);
  const outdir = previousOutput(dir);
  const before = snapshot(outdir);
  const caught = synthesisError(dir, outdir);
  // Messages name files relative to the working directory; the temporary folder is not part of the rule.
  const folder = `${path.relative(process.cwd(), dir)}${path.sep}`;
  const problems = caught instanceof ConfigError ? caught.problems.map((problem) => problem.split(folder).join('')) : caught;
  return { problems, unchanged: JSON.stringify(snapshot(outdir)) === JSON.stringify(before), before, after: snapshot(outdir) };
}

test('the fixture itself is valid, so each case fails for its own change only', () => {
  const { account, environments } = fixtureInputs();
  expect(() => loadConfig(writeFixture(account, environments))).not.toThrow();
});

test(`the corpus holds at least 60 cases with distinct titles (${BAD_INPUT_CASES.length})`, () => {
  expect(BAD_INPUT_CASES.length).toBeGreaterThanOrEqual(60);
  expect(new Set(BAD_INPUT_CASES.map((c) => c.title)).size).toBe(BAD_INPUT_CASES.length);
});

describe.each(BAD_INPUT_CASES.map((c) => [c.title, c] as const))('%s', (_title, badCase) => {
  test('is refused with exactly these problems, and nothing is written', () => {
    const { problems, before, after } = attempt(badCase);
    expect(problems).toEqual(badCase.problems);
    expect(after).toEqual(before);
  });
});
