import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ConfigError, loadConfig } from '../../environments';
import { environmentSchema } from '../../environments/schema';
import { knownKeys } from '../../environments/lib/errors';
import { writeEnvironmentsDir } from '../support/environment-files';
import { accountFixture, environmentFixture, FIXTURE } from '../support/fixtures';

/** Fixture set: alpha with token policy, hardening, a secret scope and a cluster policy; beta with PrivateLink. */
function fixtureInputs(): { account: any; environments: Record<string, any> } {
  const alpha = environmentFixture('alpha', {
    workspaceSecurity: { tokens: { maxLifetimeDays: 30 }, hardening: { disableLegacyDbfs: true } },
    secretScopes: [{ name: 'alpha-jobs', acls: [{ group: 'dataEngineers', permission: 'READ' }], secrets: [{ key: 'signing-key', source: 'generated' }] }],
    clusterPolicy: { maxWorkers: 4 },
  });
  const beta = environmentFixture('beta');
  const vpc = beta.network.mode === 'create' ? beta.network.vpcCidr.split('.').slice(0, 2).join('.') : '';
  beta.privateLink = { enabled: true, subnets: [0, 16].map((offset, i) => ({ cidr: `${vpc}.200.${offset}/28`, availabilityZone: `${FIXTURE.region}${'ab'[i]}` })) };
  return { account: accountFixture(), environments: { alpha, beta } };
}

/** Problems for the fixtures after `change`, with the temporary folder left out of file names. */
function problemsAfter(change: (envs: Record<string, any>) => void, extraFiles: Record<string, string> = {}): string[] {
  const { account, environments } = fixtureInputs();
  change(environments);
  const dir = writeEnvironmentsDir(account, environments);
  for (const [file, text] of Object.entries(extraFiles)) writeFileSync(path.join(dir, file), text);
  try {
    loadConfig(dir);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((problem) => problem.replace(/^(environment "[^"]+" \()\S*[/\\]/, '$1'));
  }
}

describe('misspelt fields are errors at every depth, with a suggestion', () => {
  test.each([
    ['top level', (e: any) => ((e.alpha.protct = false), delete e.alpha.protect), 'environment "alpha" (alpha.json): protct: unknown field (did you mean "protect"?)'],
    ['token policy', (e: any) => (e.alpha.workspaceSecurity.tokens.maxLifetimeDay = 30), 'environment "alpha" (alpha.json): workspaceSecurity.tokens.maxLifetimeDay: unknown field (did you mean "maxLifetimeDays"?)'],
    ['hardening', (e: any) => (e.alpha.workspaceSecurity.hardening.disableLegacyDBFS = true), 'environment "alpha" (alpha.json): workspaceSecurity.hardening.disableLegacyDBFS: unknown field (did you mean "disableLegacyDbfs"?)'],
    ['a secret in an array', (e: any) => (e.alpha.secretScopes[0].secrets[0].lenght = 64), 'environment "alpha" (alpha.json): secretScopes.0.secrets.0.lenght: unknown field (did you mean "length"?)'],
    ['Unity Catalog', (e: any) => (e.alpha.unityCatalog = { catalog: [] }), 'environment "alpha" (alpha.json): unityCatalog.catalog: unknown field (did you mean "catalogs"?)'],
    ['PrivateLink subnets', (e: any) => (e.beta.privateLink.subnets[0].az = 'zone-a'), 'environment "beta" (beta.json): privateLink.subnets.0.az: unknown field (allowed: availabilityZone, cidr)'],
    ['cluster policy', (e: any) => (e.alpha.clusterPolicy.maxWorker = 2), 'environment "alpha" (alpha.json): clusterPolicy.maxWorker: unknown field (did you mean "maxWorkers"?)'],
  ])('%s', (_where, change, expected) => {
    expect(problemsAfter(change)).toEqual([expected]);
  });

  test('a missing required field says so, next to the misspelt one', () => {
    const problems = problemsAfter((e) => (e.beta.budget = { amountUsd: 10, recipient: ['a@example.com'] }));
    expect(problems).toEqual([
      'environment "beta" (beta.json): budget.recipients: is required (array)',
      'environment "beta" (beta.json): budget.recipient: unknown field (did you mean "recipients"?)',
    ]);
  });

  test('knownKeys walks arrays, defaults and unions', () => {
    expect(knownKeys(environmentSchema, ['network'])).toEqual(expect.arrayContaining(['vpcCidr', 'vpcId', 'mode']));
    expect(knownKeys(environmentSchema, ['unityCatalog', 'catalogs', 0, 'schemas', 0])).toContain('published');
  });
});

describe('files that cannot be read', () => {
  test.each([
    ['invalid JSON', { 'qa.json': '{ "name": "qa", }' }, /^environment "qa" \(qa\.json\): \(file\): cannot be loaded: SyntaxError: (qa\.json: )?Expected double-quoted property name/],
    ['a TypeScript file that exports nothing', { 'qa.ts': 'const qa = { name: "qa" };\nvoid qa;\n' }, /^environment "qa" \(qa\.ts\): \(file\): must export its configuration as `export default <object>`; it exports nothing$/],
    ['a named export only', { 'qa.ts': 'export const qa = { name: "qa" };\n' }, /^environment "qa" \(qa\.ts\): \(file\): must export its configuration as `export default <object>`; it exports only qa$/],
    ['a file that throws', { 'qa.ts': 'export default { name: undefinedThing };\n' }, /^environment "qa" \(qa\.ts\): \(file\): cannot be loaded: ReferenceError: undefinedThing is not defined$/],
  ])('%s is one line, not a stack trace', (_case, files, expected) => {
    const problems = problemsAfter(() => undefined, files);
    expect(problems).toEqual([expect.stringMatching(expected)]);
  });
});

describe('a TypeScript syntax error', () => {
  // The exit code, "Nothing was written" and the untouched output folder of main.ts on bad input are
  // checked end to end once, in load-config.test.ts.
  test('names the file, line, column and compiler message, without a stack trace', () => {
    expect(problemsAfter(() => undefined, { 'qa.ts': 'export default {\n  name: "qa",,\n};\n' }))
      .toEqual(['environment "qa" (qa.ts): (file): cannot be loaded: line 2, column 14: Property assignment expected. (TS1136)']);
  });
});
