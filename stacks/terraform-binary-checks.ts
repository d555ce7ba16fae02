import type { IConstruct } from 'constructs';
// Not re-exported by cdktf's index: the class of its `terraform version` checks.
import { ValidateBinaryVersion } from 'cdktf/lib/validations/validate-binary-version';

/**
 * Keeps cdktf from adding its `terraform version` checks to this construct. cdktf adds one to a resource
 * given `importFrom` and to a stack with moved blocks; each runs `terraform version` during synthesis.
 * Synthesis would then fail on a machine without a terraform binary (a runner that only synthesizes, an
 * OpenTofu install) and start a process per check. Terraform enforces the version itself: every stack
 * declares `required_version` (stacks/providers.ts), above the 1.5 that import and moved blocks need.
 * Every other validation, the guardrails among them, is added as before.
 */
export function skipTerraformBinaryChecks(construct: IConstruct): void {
  const { node } = construct;
  const addValidation = node.addValidation.bind(node);
  node.addValidation = (validation) => {
    if (!(validation instanceof ValidateBinaryVersion)) addValidation(validation);
  };
}
