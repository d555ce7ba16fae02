import { Testing, type TerraformStack } from 'cdktf';
import { buildApp } from '../../stacks/app';
import { exampleConfig, synthApp, type Synthesized } from '../support/synth';

/**
 * The exit path from cdktf (docs/day2.md#exit-path-from-cdktf): every synthesized stack is plain
 * Terraform JSON that terraform and OpenTofu accept without cdktf.
 */
// Top-level blocks of Terraform's JSON configuration syntax ("//" is its comment key).
const TOP_LEVEL_BLOCKS = ['//', 'terraform', 'provider', 'resource', 'data', 'variable', 'output', 'locals', 'module', 'moved', 'import', 'removed', 'check'];
const TERRAFORM_SETTINGS = ['//', 'backend', 'required_providers', 'required_version'];
// Backends built into both Terraform and OpenTofu (no `cloud` block, no cdktf-only remote state).
const PLAIN_BACKENDS = ['s3', 'local'];

type Json = Record<string, any>;
const stacks = synthApp() as unknown as Record<string, Json>;

function strings(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') found.push(value);
  else if (Array.isArray(value)) value.forEach((item) => strings(item, found));
  else if (value && typeof value === 'object') Object.values(value).forEach((item) => strings(item, found));
  return found;
}

/** `type.name` references inside `${...}` that are not data sources, attributes or function calls. */
function resourceReferences(text: string): string[] {
  const references: string[] = [];
  for (const [, expression] of text.matchAll(/\$\{([^}]*)\}/g)) {
    for (const [reference] of expression.matchAll(/(?<![\w.-])(?!data\.)[a-z][a-z0-9]*_[a-z0-9_]*\.[A-Za-z0-9_-]+(?!\()/g)) references.push(reference);
  }
  return references;
}

describe.each(Object.keys(stacks))('stack %s is plain Terraform JSON', (name) => {
  const stack = stacks[name];
  const declared = new Set(Object.entries(stack.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName as Json).map((n) => `${type}.${n}`)));
  const dataSources = new Set(Object.entries(stack.data ?? {}).flatMap(([type, byName]) => Object.keys(byName as Json).map((n) => `data.${type}.${n}`)));

  test('uses only the top-level blocks and terraform settings of the JSON syntax', () => {
    expect(Object.keys(stack).filter((key) => !TOP_LEVEL_BLOCKS.includes(key))).toEqual([]);
    expect(Object.keys(stack.terraform).filter((key) => !TERRAFORM_SETTINGS.includes(key))).toEqual([]);
  });

  test('has one plain backend', () => {
    expect(Object.keys(stack.terraform.backend ?? {})).toHaveLength(1);
    expect(PLAIN_BACKENDS).toContain(Object.keys(stack.terraform.backend)[0]);
  });

  test('pins every provider with a fully qualified registry source, and configures only those', () => {
    const required = stack.terraform.required_providers as Record<string, { source: string; version: string }>;
    for (const [local, requirement] of Object.entries(required)) {
      // A bare source ("aws") is ambiguous to OpenTofu, which then keeps re-resolving it.
      expect({ local, source: requirement.source }).toEqual({ local, source: expect.stringMatching(/^[a-z0-9-]+\/[a-z0-9-]+$/) });
      expect(requirement.version).toMatch(/^\d+\.\d+\.\d+$/);
    }
    for (const provider of Object.keys(stack.provider ?? {})) expect(Object.keys(required)).toContain(provider);
  });

  test('leaves no unresolved cdktf token', () => {
    expect(strings(stack).filter((text) => /\$\{(Tf)?Token\[|TOKEN\.\d+/.test(text))).toEqual([]);
  });

  test('references only declared resources and data sources', () => {
    const texts = strings({ resource: stack.resource, data: stack.data, output: stack.output, locals: stack.locals, provider: stack.provider });
    const unknown = texts.flatMap(resourceReferences).filter((reference) => !declared.has(reference));
    expect([...new Set(unknown)]).toEqual([]);
    const unknownData = texts.flatMap((text) => [...text.matchAll(/data\.[a-z0-9_]+\.[A-Za-z0-9_-]+/g)].map(([m]) => m)).filter((ref) => !dataSources.has(ref));
    expect([...new Set(unknownData)]).toEqual([]);
  });

  test('moved and import blocks are plain and target declared resources', () => {
    for (const block of stack.moved ?? []) {
      expect(Object.keys(block).sort()).toEqual(['from', 'to']);
      expect(declared.has(block.to)).toBe(true);
    }
    for (const block of stack.import ?? []) {
      expect(Object.keys(block).every((key) => ['to', 'id', 'provider'].includes(key))).toBe(true);
      expect(declared.has(block.to)).toBe(true);
    }
  });
});

describe('cdktf synth --hcl (hand-maintained HCL)', () => {
  // `cdktf synth --hcl` runs the app with SYNTH_HCL_OUTPUT=true, whose stacks then write
  // TerraformStack.toHclTerraform() as cdk.tf (cdktf/lib/synthesize/synthesizer.js), and formats it with
  // `terraform fmt`. The same rendering, in-process: no CLI start-up, no output folder.
  test('renders every stack as HCL with the same backend and resource addresses', () => {
    const app = buildApp(Testing.app(), exampleConfig());
    for (const [name, stack] of Object.entries(stacks) as [string, Synthesized][]) {
      const hcl = (app.node.findChild(name) as TerraformStack).toHclTerraform().hcl;
      expect(hcl).toContain(`backend "${Object.keys((stack.terraform as Json).backend)[0]}"`);
      for (const [type, byName] of Object.entries(stack.resource ?? {})) {
        for (const logical of Object.keys(byName)) expect(hcl).toContain(`resource "${type}" "${logical}"`);
      }
    }
  });
});
