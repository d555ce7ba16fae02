// What the synthesized JSON asks of Terraform and the providers. Every stack states the oldest
// Terraform/OpenTofu it works with, and the pipeline's pinned Terraform satisfies it (docs/day2.md
// "Checking any upgrade": raise both together); no deprecated provider argument is set.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Testing, TerraformStack } from 'cdktf';
import { ValidateBinaryVersion } from 'cdktf/lib/validations/validate-binary-version';
import { REQUIRED_TERRAFORM_VERSION } from '../../stacks/providers';
import { skipTerraformBinaryChecks } from '../../stacks/terraform-binary-checks';
import { fixtureConfig } from '../support/fixtures';
import { withoutTerraformBinary } from '../support/no-terraform';
import { REPO_ROOT } from '../support/paths';
import { resourcesOf, synthApp } from '../support/synth';

const MINIMUM = /^>= (\d+)\.(\d+)\.(\d+)$/;

const versionParts = (version: string) => version.split('.').map(Number);
const atLeast = (version: string, minimum: string) => {
  const [a, b] = [versionParts(version), versionParts(minimum)];
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return true;
};

describe('terraform.required_version', () => {
  const stacks = synthApp(fixtureConfig());

  it('is a lower bound of at least 1.10.0 (S3 use_lockfile; OpenTofu removed blocks with lifecycle)', () => {
    const [, ...parts] = MINIMUM.exec(REQUIRED_TERRAFORM_VERSION) ?? [];
    expect(parts).toHaveLength(3);
    expect(atLeast(parts.join('.'), '1.10.0')).toBe(true);
  });

  it('is set in every stack, bootstrap and account included', () => {
    expect(Object.keys(stacks).length).toBeGreaterThanOrEqual(3);
    for (const [name, stack] of Object.entries(stacks)) {
      expect([name, stack.terraform.required_version]).toEqual([name, REQUIRED_TERRAFORM_VERSION]);
    }
  });

  it('is met by the Terraform the pipeline installs (prepare-stack action)', () => {
    const action = readFileSync(path.join(REPO_ROOT, '.github', 'actions', 'prepare-stack', 'action.yml'), 'utf8');
    const pinned = /terraform-version:[\s\S]*?default:\s*'?(\d+\.\d+\.\d+)'?/.exec(action)?.[1];
    expect(pinned).toBeDefined();
    expect(atLeast(pinned!, MINIMUM.exec(REQUIRED_TERRAFORM_VERSION)!.slice(1).join('.'))).toBe(true);
  });
});

// Provider 1.99 docs mark account_id on databricks_mws_credentials deprecated: the account provider supplies it.
describe('deprecated provider arguments', () => {
  const examples = synthApp();

  it.each(Object.keys(examples))('%s: no databricks_mws_credentials sets the deprecated account_id', (name) => {
    for (const [, credentials] of resourcesOf(examples[name], 'databricks_mws_credentials')) {
      expect(credentials).not.toHaveProperty('account_id');
      expect(credentials.provider).toBe('databricks.account');
    }
  });
});

describe('synthesis needs no terraform binary', () => {
  // cdktf adds its `terraform version` checks through addValidation; required_version holds the version instead.
  it('skipTerraformBinaryChecks drops only cdktf\'s version checks: every other validation still runs', () => {
    const stack = new TerraformStack(Testing.app(), 'probe');
    skipTerraformBinaryChecks(stack);
    stack.node.addValidation(new ValidateBinaryVersion('terraform', '>=1.5', 'terraform version'));
    stack.node.addValidation({ validate: () => ['a guardrail finding'] });
    const { result, commands } = withoutTerraformBinary(() => stack.node.validate());
    expect(result).toEqual(['a guardrail finding']);
    expect(commands).toEqual([]);
  });
});

