import { environmentSchema } from '../../environments/schema';
import { exampleConfig, resourceAt, synthApp, type Synthesized } from '../support/synth';

const base = exampleConfig();
const examples = synthApp(base);
const template = base.environments[0];
const noncurrentRule = (stack: Synthesized) => resourceAt(stack, 'aws_s3_bucket_lifecycle_configuration', 'unity-catalog/bucket/lifecycle').rule[0].noncurrent_version_expiration;
const versioning = (stack: Synthesized) => resourceAt(stack, 'aws_s3_bucket_versioning', 'unity-catalog/bucket/versioning').versioning_configuration;

describe('catalog bucket versioning, limited as Databricks advises for Delta data', () => {
  it('defaults to three noncurrent versions for at most 7 days, versioning on', () => {
    const env = { ...template, unityCatalog: environmentSchema.shape.unityCatalog.parse({}) };
    const stack = synthApp({ account: base.account, environments: [env] }, { only: [env.name] })[env.name];
    expect(noncurrentRule(stack)).toEqual([{ noncurrent_days: 7, newer_noncurrent_versions: 3 }]);
    expect(versioning(stack)).toEqual({ status: 'Enabled' });
  });

  it('opt-out: a longer retention', () => {
    const env = { ...template, unityCatalog: environmentSchema.shape.unityCatalog.parse({ noncurrentVersions: { days: 30, keep: 10 } }) };
    expect(noncurrentRule(synthApp({ account: base.account, environments: [env] }, { only: [env.name] })[env.name])).toEqual([{ noncurrent_days: 30, newer_noncurrent_versions: 10 }]);
  });

  it.each(base.environments.map((env) => [env.name, env] as const))('%s: follows the environment file', (name, env) => {
    expect(noncurrentRule(examples[name])).toEqual([{ noncurrent_days: env.unityCatalog.noncurrentVersions.days, newer_noncurrent_versions: env.unityCatalog.noncurrentVersions.keep }]);
  });
});
