import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ConfigError, loadConfig } from '../../environments';
import { validateEnvironmentSet } from '../../environments/lib/validate-set';
import { accountSchema, environmentSchema, nodeTrafficEncryptionSchema } from '../../environments/schema';
import { accountFixture, environmentFixture, FIXTURE } from '../support/fixtures';

const account = accountFixture();
const alpha = environmentFixture('alpha');
const groups = FIXTURE.groups; // display names by key

const problemsOf = (input: unknown) => {
  const result = nodeTrafficEncryptionSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

it('defaults: enabled, nitro-only (works in every access mode and runtime), 90-day rotation, 7-day grace, cluster owners from account.groups', () => {
  const parsed = environmentSchema.parse({ ...alpha, nodeTrafficEncryption: undefined }).nodeTrafficEncryption;
  // No group key in the schema: the loader fills the owners from the groups with createsClusters (test/environments/group-defaults.test.ts).
  expect(parsed).toEqual({ enabled: true, mode: 'nitro-only', rotationPeriodDays: 90, gracePeriodDays: 7, clusterOwnerGroups: [] });
});

it.each([
  [{ rotationPeriodDays: 30, gracePeriodDays: 30 }, 'gracePeriodDays: must be shorter than rotationPeriodDays (30); got 30'],
  [{ gracePeriodDays: 120 }, 'gracePeriodDays: must be shorter than rotationPeriodDays (90); got 120'],
  [{ mode: 'tls' }, 'mode: must be one of init-script, nitro-only, both; got "tls"'],
  [{ rotationPeriodDays: 3, gracePeriodDays: 1 }, 'rotationPeriodDays: must be at least 7 days'],
  [{ gracePeriodDays: 0 }, 'gracePeriodDays: must be at least 1 day'],
  [{ volumePath: '/Volumes/only_catalog' }, 'volumePath: must be a Unity Catalog volume path /Volumes/<catalog>/<schema>/<volume>[/<dir>]'],
  [{ volumePath: '/Volumes/c/s/v' }, 'volumePath: delivers the init script, which mode "nitro-only" does not use; remove it or use mode "init-script" or "both"'],
])('rejects %j', (input, message) => {
  expect(problemsOf(input)).toContain(message);
});

it('names the environment and field, and rejects owner groups that are not account groups', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ntenc-'));
  writeFileSync(path.join(dir, 'account.json'), JSON.stringify(account));
  writeFileSync(path.join(dir, 'alpha.json'), JSON.stringify({ ...alpha, nodeTrafficEncryption: { clusterOwnerGroups: ['contractors'], gracePeriodDays: 95 } }));
  let problems: string[] = [];
  try {
    loadConfig(dir);
  } catch (error) {
    problems = (error as ConfigError).problems;
  }
  expect(problems).toEqual([expect.stringMatching(/^environment "alpha" \(.*alpha\.json\): nodeTrafficEncryption\.gracePeriodDays: must be shorter than rotationPeriodDays \(90\); got 95$/)]);

  // A fresh folder: require() caches the first alpha.json.
  const other = mkdtempSync(path.join(tmpdir(), 'ntenc-'));
  writeFileSync(path.join(other, 'account.json'), JSON.stringify(account));
  writeFileSync(path.join(other, 'alpha.json'), JSON.stringify({ ...alpha, nodeTrafficEncryption: { clusterOwnerGroups: ['contractors'] } }));
  expect(() => loadConfig(other)).toThrow(/environment "alpha" \(\S*alpha\.json\): nodeTrafficEncryption\.clusterOwnerGroups\.0: "contractors" is not a key of account\.groups \(admins, dataEngineers, analysts\)$/);

  // A display name points at its key.
  const third = mkdtempSync(path.join(tmpdir(), 'ntenc-'));
  writeFileSync(path.join(third, 'account.json'), JSON.stringify(account));
  writeFileSync(path.join(third, 'alpha.json'), JSON.stringify({ ...alpha, nodeTrafficEncryption: { clusterOwnerGroups: ['dataEngineers', groups.analysts] } }));
  expect(() => loadConfig(third)).toThrow(
    `nodeTrafficEncryption.clusterOwnerGroups.1: "${groups.analysts}" is not a key of account.groups (admins, dataEngineers, analysts); use the key "analysts" for group "${groups.analysts}"`,
  );
});

it('lets several environments of a region deliver from volumes: the region\'s metastore owner merges their entries', () => {
  const withVolume = (name: string, claims = false) =>
    environmentSchema.parse(environmentFixture(name, { unityCatalog: { enablesSystemSchemas: claims }, nodeTrafficEncryption: { mode: 'init-script', volumePath: `/Volumes/ops/init/${name}` } }));
  const owned = validateEnvironmentSet(accountSchema.parse(account), [withVolume('alpha', true), withVolume('qa')], new Map());
  expect(owned.filter((p) => p.includes('volumePath'))).toEqual([]);
  // Without an owner (two protected environments, no designation), each entry is refused where it is declared.
  const unowned = validateEnvironmentSet(accountSchema.parse(account), [withVolume('alpha'), withVolume('qa')], new Map());
  expect(unowned.filter((p) => p.includes('volumePath'))).toEqual([
    expect.stringMatching(/^environment "alpha": nodeTrafficEncryption\.volumePath: no environment applies the /),
    expect.stringMatching(/^environment "qa": nodeTrafficEncryption\.volumePath: no environment applies the /),
  ]);
});
