import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { liveTemplateSequences } from '../../constructs/terraform-literal';
import { GuardrailsFailed, synthesize } from '../../main';
import { fixtureInputs, previousOutput, snapshot, synthesisError, writeFixture } from '../support/bad-input-fixture';

const SECRET_READ = '${var.secret_fx_apps_token}';
const DIRECTIVE = '%{ for k in keys(var.x) }${k}%{ endfor }';

/** Every string of a synthesized stack, map keys included. */
function* strings(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const item of value) yield* strings(item);
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) yield* [key, ...strings(item)];
}

describe('user text that looks like a Terraform template', () => {
  const { account, environments } = fixtureInputs();
  environments.alpha.unityCatalog = {
    catalogs: [{
      name: 'lake',
      comment: `Reads ${SECRET_READ}`,
      schemas: [{ name: 'raw', comment: DIRECTIVE, volumes: [{ name: 'landing', comment: `$${SECRET_READ} stays ${SECRET_READ}` }] }],
    }],
  };
  environments.alpha.clusterPolicy = { runtimeVersionPattern: '^1[5-9]\\.${x}%{y}$' };
  const dir = writeFixture(account, environments);
  const outdir = synthesize({ environmentsDir: dir, outdir: path.join(dir, 'out') });
  const alpha = JSON.parse(readFileSync(path.join(outdir, 'stacks', 'alpha', 'cdk.tf.json'), 'utf8'));
  const userSequences = new Set([SECRET_READ, DIRECTIVE, '${x}', '%{y}'].flatMap(liveTemplateSequences));

  test('reaches the JSON escaped, so Terraform reads the characters the user typed', () => {
    const [catalog] = Object.values(alpha.resource.databricks_catalog) as Record<string, string>[];
    // The blueprint's own cluster-log schema and volume (cluster-logs/*) carry no user text.
    const declared = (type: string) => Object.entries(alpha.resource[type]).filter(([id]) => !id.startsWith('cluster-logs_')).map(([, r]) => r) as Record<string, string>[];
    const [schema] = declared('databricks_schema');
    const [volume] = declared('databricks_volume');
    expect(catalog.comment).toBe('Reads $${var.secret_fx_apps_token}');
    expect(schema.comment).toBe('%%{ for k in keys(var.x) }$${k}%%{ endfor }');
    // Typed already escaped: one more escape, so Terraform still reads back exactly what was typed.
    expect(volume.comment).toBe('$$${var.secret_fx_apps_token} stays $${var.secret_fx_apps_token}');
    const [policy] = Object.values(alpha.resource.databricks_cluster_policy) as Record<string, string>[];
    expect(JSON.parse(policy.definition).spark_version.pattern).toBe('^1[5-9]\\.$${x}%%{y}$');
  });

  test('leaves no live template sequence of user text anywhere in any stack', () => {
    for (const stack of ['alpha', 'beta', 'account', 'bootstrap']) {
      const json = JSON.parse(readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
      const live = [...strings(json)].flatMap(liveTemplateSequences).filter((sequence) => userSequences.has(sequence));
      expect({ stack, live }).toEqual({ stack, live: [] });
    }
  });
});

describe('a guardrail failure in any stack', () => {
  test('writes nothing at all: every failing stack is reported, the previous output stays', () => {
    const { account, environments } = fixtureInputs();
    // Valid files, but protected workspaces without customer-managed keys fail DBX-WS-001.
    for (const environment of Object.values(environments)) {
      environment.protect = true;
      environment.encryption = { managedServices: { enabled: false }, storage: { enabled: false } };
    }
    const dir = writeFixture(account, environments);
    const outdir = previousOutput(dir);
    const before = snapshot(outdir);
    const caught = synthesisError(dir, outdir);
    expect(caught).toBeInstanceOf(GuardrailsFailed);
    const failures = (caught as GuardrailsFailed).failures.map((failure) => failure.message.split('\n')[0]);
    expect(failures).toEqual([
      'Guardrails failed for stack "alpha" (1 error); nothing was written for it:',
      'Guardrails failed for stack "beta" (1 error); nothing was written for it:',
    ]);
    expect((caught as Error).message).toContain('DBX-WS-001 (error) alpha/workspace/workspace');
    expect(snapshot(outdir)).toEqual(before);
  });
});

describe('a successful synth', () => {
  test('replaces what synthesis writes and keeps what terraform keeps in the stack folders', () => {
    const { account, environments } = fixtureInputs();
    const dir = writeFixture(account, environments);
    const outdir = previousOutput(dir);
    mkdirSync(path.join(outdir, 'stacks', 'alpha', '.terraform'));
    writeFileSync(path.join(outdir, 'stacks', 'alpha', '.terraform', 'marker'), 'providers');
    synthesize({ environmentsDir: dir, outdir });
    expect(readFileSync(path.join(outdir, 'stacks', 'bootstrap', 'terraform.bootstrap.tfstate'), 'utf8')).toBe('{"state":"keep me"}');
    expect(readFileSync(path.join(outdir, 'stacks', 'alpha', '.terraform', 'marker'), 'utf8')).toBe('providers');
    expect(JSON.parse(readFileSync(path.join(outdir, 'stacks', 'alpha', 'cdk.tf.json'), 'utf8')).resource).toBeDefined();
    expect(JSON.parse(readFileSync(path.join(outdir, 'manifest.json'), 'utf8')).stacks.beta).toBeDefined();
    expect(existsSync(`${outdir}.staging-${process.pid}`)).toBe(false);
  });
});
