// cdktf's archiver and semver load on first use only (stacks/deferred-modules.ts). In a process of its own:
// in a jest worker cdktf, and with it both libraries, is loaded before any test runs.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CDKTF_DEFERRED_LIBRARIES, deferUnusedCdktfModules } from '../../stacks/deferred-modules';
import { cdktfNestedPackages } from '../support/loaded-modules';
import { REGISTER_TS, REPO_ROOT } from '../support/paths';

const CHILD = `
const { sep } = require('node:path');
const deferred = require('./stacks/deferred-modules').deferUnusedCdktfModules();
const fileOf = (library) => deferred.find((file) => file.includes(sep + library + sep));
// What cdktf's own require will get: the stand-ins, before anything used them.
const standIns = { archiver: require(fileOf('archiver')), semver: require(fileOf('semver')) };
require('cdktf');
const beforeUse = Object.keys(require.cache);
const { ValidateBinaryVersion } = require('cdktf/lib/validations/validate-binary-version');
const node = JSON.stringify(process.execPath) + ' --version';
const versionChecks = [new ValidateBinaryVersion('node', '>=1.0.0', node).validate(), new ValidateBinaryVersion('node', '>=999.0.0', node).validate()];
const archive = standIns.archiver('zip', { zlib: { level: 9 } });
const realSemver = require(fileOf('semver'));
const keys = { standIn: Object.keys(standIns.semver).sort(), real: Object.keys(realSemver).sort(), spread: Object.keys({ ...standIns.semver }).length, replaced: realSemver !== standIns.semver };
console.log(JSON.stringify({ deferred, beforeUse, versionChecks, archive: typeof archive.finalize, zip: standIns.archiver.isRegisteredFormat('zip'), afterUse: Object.keys(require.cache), keys, again: require('./stacks/deferred-modules').deferUnusedCdktfModules() }));
`;

const child = spawnSync(process.execPath, ['--require', REGISTER_TS, '-e', CHILD], { cwd: REPO_ROOT, encoding: 'utf8' });
const report = JSON.parse(child.stdout || '{}') as Record<string, any>;
const ARCHIVER_DEPENDENCIES = ['archiver-utils', 'zip-stream']; // archiver's own package.json dependencies

test('the child ran', () => {
  expect(child.stderr).toBe('');
  expect(child.status).toBe(0);
});

test('loading cdktf loads neither archiver nor semver, nor anything of theirs', () => {
  expect(cdktfNestedPackages(report.deferred)).toEqual(['archiver', 'semver']);
  expect(cdktfNestedPackages(report.beforeUse)).toEqual(expect.arrayContaining(['archiver', 'semver'])); // the stand-ins
  for (const dependency of ARCHIVER_DEPENDENCIES) expect(cdktfNestedPackages(report.beforeUse)).not.toContain(dependency);
});

test('each loads on its first use and works as the real library', () => {
  // semver, through the only cdktf code that uses it.
  expect(report.versionChecks[0]).toEqual([]);
  expect(report.versionChecks[1]).toEqual([expect.stringMatching(/^node version \d+\.\d+\.\d+ is lower than the required version >=999\.0\.0/)]);
  // archiver exports a function with properties: both reach the real one.
  expect(report.archive).toBe('function');
  expect(report.zip).toBe(true);
  for (const dependency of ARCHIVER_DEPENDENCIES) expect(cdktfNestedPackages(report.afterUse)).toContain(dependency);
});

test('a stand-in lists the keys of the real module (spread, Object.keys)', () => {
  expect(report.keys.standIn.length).toBeGreaterThan(0);
  expect(report.keys.standIn).toEqual(report.keys.real);
  expect(report.keys.spread).toBe(report.keys.real.length);
  expect(report.keys.replaced).toBe(true); // after first use, require gives the real module itself
});

test('cdktf reads each deferred library with a plain require, the use the stand-ins are built for', () => {
  const cdktfLib = path.join(path.dirname(require.resolve('cdktf/package.json')), 'lib');
  for (const { library, requiredFrom } of CDKTF_DEFERRED_LIBRARIES) {
    const source = readFileSync(path.join(cdktfLib, requiredFrom), 'utf8');
    expect(source).toMatch(new RegExp(`^const \\w+ = require\\("${library}"\\);$`, 'm'));
    expect(source).not.toMatch(new RegExp(`__import(Star|Default)\\(require\\("${library}"\\)`));
  }
});

test('a library already loaded is left alone', () => {
  expect(report.again).toEqual([]);
});

test('a library cdktf does not depend on is skipped, not an error (in this process: nothing to defer)', () => {
  expect(deferUnusedCdktfModules([{ library: 'no-such-library-of-cdktf', requiredFrom: 'private/fs.js' }])).toEqual([]);
});
