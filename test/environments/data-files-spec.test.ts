/**
 * The committed data files next to the environments, read and written directly (environments/lib/
 * address-lock-files.ts, adoption.ts, read-data.ts): what environment-lib.test.ts leaves open. Locks are
 * rewritten in place and read in name order; a storage-configuration import needs both the bucket and the
 * name; errors from another realm (the loader's) are described like local ones.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runInNewContext } from 'node:vm';
import { readLocks, unretiredDeletions, writeLock } from '../../environments/lib/address-lock-files';
import { adoptedRootBuckets, adoptionFile, readAdoption } from '../../environments/lib/adoption';
import { describeThrown } from '../../environments/lib/read-data';

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'data-files-'));

describe('address lock files', () => {
  it('rewrite an existing lock in place: the second lock:update of a stack replaces its addresses', () => {
    const dir = tempDir();
    writeLock(dir, { stack: 'qa', retired: false, addresses: ['aws_s3_bucket.a'] });
    writeLock(dir, { stack: 'qa', retired: true, addresses: ['aws_kms_key.k'] });
    expect(JSON.parse(readFileSync(path.join(dir, 'address-lock', 'qa.json'), 'utf8'))).toMatchObject({ stack: 'qa', retired: true, addresses: ['aws_kms_key.k'] });
  });

  it('are read in stack-name order, written in any order, so problems come in a stable order', () => {
    const dir = tempDir();
    const names = ['zulu', 'alpha', 'mike', 'bravo', 'yankee', 'charlie', 'xray', 'delta'];
    for (const stack of names) writeLock(dir, { stack, retired: false, addresses: ['aws_s3_bucket.a'] });
    const locks = readLocks(dir);
    expect([...locks.keys()]).toEqual([...names].sort());
    expect(unretiredDeletions(dir, [], locks).map((problem) => problem.slice(0, problem.indexOf(':')))).toEqual([...names].sort().map((name) => `environment "${name}"`));
  });

  it('default to not retired when the file leaves the flag out', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'address-lock'));
    writeFileSync(path.join(dir, 'address-lock', 'qa.json'), JSON.stringify({ stack: 'qa', addresses: [] }));
    expect(readLocks(dir).get('qa')).toEqual({ stack: 'qa', retired: false, addresses: [] });
  });
});

describe('adoption files', () => {
  const UUID = '0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d';
  const problemsOf = (content: unknown) => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'imports'));
    writeFileSync(adoptionFile(dir, 'qa'), JSON.stringify(content));
    const problems: string[] = [];
    readAdoption(dir, 'qa', problems);
    return problems.map((problem) => problem.slice(problem.indexOf('): ') + 3));
  };
  const storageProblem =
    'imports.storage-configuration: needs root-bucket and storageConfigurationName too: a storage configuration cannot be updated, so the blueprint must keep its name and bucket';

  it('need the root bucket and the name with an adopted storage configuration, each on its own', () => {
    const imports = { 'storage-configuration': UUID, 'root-bucket': 'fx-root' };
    expect(problemsOf({ environment: 'qa', imports, storageConfigurationName: 'fx storage' })).toEqual([]);
    expect(problemsOf({ environment: 'qa', imports: { 'storage-configuration': UUID }, storageConfigurationName: 'fx storage' })).toEqual([storageProblem]);
    expect(problemsOf({ environment: 'qa', imports })).toEqual([storageProblem]);
    // Without a storage configuration, neither is needed.
    expect(problemsOf({ environment: 'qa', imports: { 'root-bucket': 'fx-root' } })).toEqual([]);
  });

  it('need the workspace with an adopted metastore assignment', () => {
    expect(problemsOf({ environment: 'qa', imports: { 'metastore-assignment': UUID } })).toEqual([
      'imports.metastore-assignment: needs workspace too (its import id is <workspace_id>|<metastore_id>)',
    ]);
    expect(problemsOf({ environment: 'qa', imports: { 'metastore-assignment': UUID, workspace: '1234567890' } })).toEqual([]);
  });

  it('name adopted root buckets by environment, only for the environments that adopt one', () => {
    const buckets = adoptedRootBuckets([
      ['qa', { environment: 'qa', imports: { 'root-bucket': 'fx-qa-root' } }],
      ['qb', { environment: 'qb', imports: { workspace: '1234567890' } }],
      ['qc', undefined],
    ]);
    expect([...buckets]).toEqual([['qa', 'fx-qa-root']]);
  });
});

describe('describing what a data file threw', () => {
  it('treats an error of another realm (the TypeScript loader\'s) like a local one', () => {
    expect(describeThrown(runInNewContext('new TypeError("from the loader\\nsecond line")'))).toBe('TypeError: from the loader');
    expect(describeThrown(runInNewContext('new Error("plain")'))).toBe('plain');
  });
});
