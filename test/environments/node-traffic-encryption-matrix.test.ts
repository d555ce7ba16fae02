import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ConfigError, loadConfig } from '../../environments';
import { validateEnvironmentSet } from '../../environments/lib/validate-set';
import { accountSchema, environmentSchema, initScriptCompatibility } from '../../environments/schema';
import { accountFixture, environmentFixture } from '../support/fixtures';

const account = accountFixture();
const dev = environmentFixture('alpha');

// The compatibility matrix (docs/node-traffic-encryption.md#compatibility), enforced at validation time:
// an environment cannot allow an access mode in which its init script would not run.
const environment = (nodeTrafficEncryption: object, dataSecurityModes: string[]) =>
  environmentSchema.parse({ ...dev, nodeTrafficEncryption, clusterPolicy: { ...dev.clusterPolicy, dataSecurityModes } });
const problemsOf = (nodeTrafficEncryption: object, dataSecurityModes: string[]) =>
  validateEnvironmentSet(accountSchema.parse(account), [environment(nodeTrafficEncryption, dataSecurityModes)], new Map()).filter((problem) =>
    problem.includes('nodeTrafficEncryption'),
  );

describe.each(['init-script', 'both'])('mode %s', (mode) => {
  it.each([['USER_ISOLATION'], ['DATA_SECURITY_MODE_STANDARD']])('refuses standard access mode %s without a volume, naming the field and the ways out', (standard) => {
    expect(problemsOf({ mode }, [standard, 'SINGLE_USER'])).toEqual([
      `environment "${dev.name}": nodeTrafficEncryption.volumePath: clusterPolicy.dataSecurityModes allows ${standard} (standard access mode), which runs init scripts only from an allowlisted Unity Catalog volume; set volumePath, allow only dedicated modes (SINGLE_USER, DATA_SECURITY_MODE_DEDICATED), or use mode "nitro-only"`,
    ]);
  });
  it('accepts standard access mode with a volume, and dedicated modes with a workspace file', () => {
    expect(problemsOf({ mode, volumePath: '/Volumes/ops/init/scripts' }, ['USER_ISOLATION', 'SINGLE_USER'])).toEqual([]);
    expect(problemsOf({ mode }, ['SINGLE_USER', 'DATA_SECURITY_MODE_DEDICATED'])).toEqual([]);
  });
});

it('nitro-only needs no script: every access mode is fine', () => {
  expect(problemsOf({ mode: 'nitro-only' }, ['USER_ISOLATION', 'SINGLE_USER', 'DATA_SECURITY_MODE_STANDARD'])).toEqual([]);
});

it('runtimes: 11.3 LTS+ for a workspace file, 13.3 LTS+ for a volume, below 19 whenever standard mode is allowed', () => {
  expect(initScriptCompatibility({ volume: false, accessModes: ['SINGLE_USER'] }).runtimes).toEqual({ min: [11, 3] });
  expect(initScriptCompatibility({ volume: true, accessModes: ['SINGLE_USER'] }).runtimes).toEqual({ min: [13, 3] });
  expect(initScriptCompatibility({ volume: true, accessModes: ['USER_ISOLATION'] }).runtimes).toEqual({ min: [13, 3], belowMajor: 19 });
});

it('reports the file of the environment when loading a folder', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ntenc-matrix-'));
  writeFileSync(path.join(dir, 'account.json'), JSON.stringify(account));
  writeFileSync(path.join(dir, `${dev.name}.json`), JSON.stringify({ ...dev, nodeTrafficEncryption: { mode: 'init-script' }, clusterPolicy: { dataSecurityModes: ['USER_ISOLATION'] } }));
  let problems: string[] = [];
  try {
    loadConfig(dir);
  } catch (error) {
    problems = (error as ConfigError).problems;
  }
  expect(problems).toEqual([expect.stringMatching(new RegExp(`^environment "${dev.name}" \\(\\S*${dev.name}\\.json\\): nodeTrafficEncryption\\.volumePath: clusterPolicy\\.dataSecurityModes allows USER_ISOLATION`))]);
});

describe('nitro modes and the baseline instance types', () => {
  const problemsFor = (mode: string, nodeTypes: string[]) =>
    validateEnvironmentSet(
      accountSchema.parse(account),
      [environmentSchema.parse({ ...dev, nodeTrafficEncryption: { mode }, clusterPolicy: { ...dev.clusterPolicy, nodeTypes, dataSecurityModes: ['SINGLE_USER'] } })],
      new Map(),
    ).filter((problem) => problem.includes('clusterPolicy.nodeTypes'));

  it.each(['nitro-only', 'both'])('%s: names each instance type the policy would drop, instead of dropping it silently', (mode) => {
    expect(problemsFor(mode, ['m6id.large', 'm5.xlarge', 'i3.2xlarge'])).toEqual([
      `environment "${dev.name}": clusterPolicy.nodeTypes.1: m5.xlarge does not encrypt traffic between instances in hardware, which nodeTrafficEncryption.mode "${mode}" requires; use a family of IN_TRANSIT_ENCRYPTING_FAMILIES (e.g. m6id, r6id) or mode "init-script"`,
      `environment "${dev.name}": clusterPolicy.nodeTypes.2: i3.2xlarge does not encrypt traffic between instances in hardware, which nodeTrafficEncryption.mode "${mode}" requires; use a family of IN_TRANSIT_ENCRYPTING_FAMILIES (e.g. m6id, r6id) or mode "init-script"`,
    ]);
  });

  it('init-script runs on any instance type', () => {
    expect(problemsFor('init-script', ['m5.xlarge', 'i3.2xlarge'])).toEqual([]);
  });
});
