import { Eip } from '@cdktf/provider-aws/lib/eip';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { AccountNetworkPolicy } from '@cdktf/provider-databricks/lib/account-network-policy';
import { WorkspaceNetworkOption } from '@cdktf/provider-databricks/lib/workspace-network-option';
import { Token } from 'cdktf';
import { checkStack, suppress } from '../../guardrails';
import { PRODUCTION_ENVIRONMENT_TAG } from '../../guardrails/rules/network';
import { compliantStack, synthError, type Fixture } from './fixture';

function tagged(environment: string): Fixture {
  const fixture = compliantStack();
  fixture.aws.defaultTags = [{ tags: { Environment: environment, Owner: 'data-platform', CostCenter: 'CC-1' } }];
  return fixture;
}

const withNat = (f: Fixture) => {
  const eip = new Eip(f.stack, 'nat-eip', { domain: 'vpc' });
  return new NatGateway(f.stack, 'nat', { allocationId: eip.id, subnetId: 'subnet-0aaaaaaaaaaaaaaaa' });
};

function restrictServerless(f: Fixture, restrictionMode = 'RESTRICTED_ACCESS'): void {
  const policy = new AccountNetworkPolicy(f.stack, 'network-policy', {
    provider: f.databricks,
    networkPolicyId: 'acme-test',
    egress: { networkAccess: { restrictionMode } },
  });
  new WorkspaceNetworkOption(f.stack, 'network-option', {
    provider: f.databricks,
    workspaceId: Token.asNumber(f.workspace.workspaceId),
    networkPolicyId: policy.networkPolicyId,
  });
}

const findings = (f: Fixture) => checkStack(f.stack, { protect: true }).violations.map((v) => [v.ruleId, v.severity, v.path]);

describe('network guardrails (warnings on production-tagged stacks)', () => {
  test.each(['prod', 'production', 'PRD', 'prod-eu'])('"%s" counts as production', (name) => expect(PRODUCTION_ENVIRONMENT_TAG.test(name)).toBe(true));
  test.each(['dev', 'staging', 'preprod', 'product-analytics'])('"%s" does not', (name) => expect(PRODUCTION_ENVIRONMENT_TAG.test(name)).toBe(false));

  test('DBX-NET-001 flags a NAT gateway in production and DBX-NET-002 a workspace without a restricted network policy', () => {
    const fixture = tagged('prod');
    withNat(fixture);
    expect(findings(fixture)).toEqual([
      ['DBX-NET-001', 'warning', 'test/nat'],
      ['DBX-NET-002', 'warning', 'test/workspace'],
    ]);
    // Warnings: synthesis still succeeds.
    expect(synthError(fixture.stack)).toBeUndefined();
  });

  test('a restricted network policy attached to the workspace satisfies DBX-NET-002; full access or no attachment does not', () => {
    const restricted = tagged('prod');
    restrictServerless(restricted);
    expect(findings(restricted)).toEqual([]);

    const fullAccess = tagged('prod');
    restrictServerless(fullAccess, 'FULL_ACCESS');
    expect(findings(fullAccess)).toEqual([['DBX-NET-002', 'warning', 'test/workspace']]);

    const detached = tagged('prod');
    new AccountNetworkPolicy(detached.stack, 'unused-policy', { provider: detached.databricks, networkPolicyId: 'x', egress: { networkAccess: { restrictionMode: 'RESTRICTED_ACCESS' } } });
    expect(findings(detached)).toEqual([['DBX-NET-002', 'warning', 'test/workspace']]);
  });

  test('other environments are not flagged', () => {
    const fixture = tagged('staging');
    withNat(fixture);
    expect(findings(fixture)).toEqual([]);
  });

  test('both warnings can be suppressed with a reason', () => {
    const fixture = tagged('prod');
    const nat = withNat(fixture);
    suppress(nat, 'DBX-NET-001', 'Prod needs PyPI until the mirror exists (PLAT-42)');
    suppress(fixture.workspace, 'DBX-NET-002', 'Serverless is disabled in this workspace by account policy');
    const report = checkStack(fixture.stack, { protect: true });
    expect(report.violations).toEqual([]);
    expect(report.suppressed.map((s) => s.ruleId).sort()).toEqual(['DBX-NET-001', 'DBX-NET-002']);
  });
});
