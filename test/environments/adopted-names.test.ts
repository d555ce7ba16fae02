/**
 * An adopted root bucket keeps its own name (imports.root-bucket of <environments>/imports/<name>.json):
 * that name, not the generated one, is what the environment claims in S3's global namespace, so two
 * environments adopting one bucket, or adopting another environment's bucket, are refused at synth
 * instead of fighting over it at apply.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ConfigError, loadConfig } from '../../environments';
import { Naming } from '../../constructs/naming';
import { writeEnvironmentsDir } from '../support/environment-files';
import { accountFixture, environmentFixture, FIXTURE } from '../support/fixtures';

const BUCKET = 'fx-adopted-root';

/** Problems of the fixture account with environments alpha and beta, and adoption files by environment. */
function problemsWith(adoptedRootBuckets: Record<string, string>): string[] {
  const dir = writeEnvironmentsDir(accountFixture(), { alpha: environmentFixture('alpha'), beta: environmentFixture('beta') });
  mkdirSync(path.join(dir, 'imports'));
  for (const [environment, bucket] of Object.entries(adoptedRootBuckets)) {
    writeFileSync(path.join(dir, 'imports', `${environment}.json`), JSON.stringify({ environment, imports: { 'root-bucket': bucket } }));
  }
  try {
    loadConfig(dir);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((problem) => problem.replace(/ \(\S+\)(?=: )/, ''));
  }
}

describe('adopted root buckets', () => {
  it('may be adopted by one environment', () => {
    expect(problemsWith({ alpha: BUCKET })).toEqual([]);
    expect(problemsWith({ alpha: BUCKET, beta: `${BUCKET}-2` })).toEqual([]);
  });

  it('are refused for a second environment adopting the same bucket', () => {
    expect(problemsWith({ alpha: BUCKET, beta: BUCKET })).toEqual([
      `environment "beta": imports.root-bucket: bucket "${BUCKET}" is already used by environment "alpha" (imports.root-bucket) in S3 (global); an existing bucket belongs to one environment: remove imports.root-bucket from imports/beta.json or imports/alpha.json`,
    ]);
  });

  it('are refused when they are the bucket another environment creates', () => {
    const alphaRoot = new Naming(FIXTURE.namePrefix, 'alpha').bucketName('root', environmentFixture('alpha').aws.accountId);
    expect(problemsWith({ beta: alphaRoot })).toEqual([
      `environment "beta": imports.root-bucket: bucket "${alphaRoot}" is already used by environment "alpha" (name) in S3 (global); an existing bucket belongs to one environment: remove imports.root-bucket from imports/beta.json`,
    ]);
  });
});
