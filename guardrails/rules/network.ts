import { asList, refersTo, resourcesOf, type Block, type Json, type StackModel } from '../model';
import type { Finding, Rule } from '../rule';

/**
 * An environment counts as production when the Environment tag of its AWS provider (default_tags,
 * always the environment name) reads prod, prd or production, alone or before a suffix (prod-eu).
 */
export const PRODUCTION_ENVIRONMENT_TAG = /^(prod|prd|production)([-_.].*)?$/i;

function isProductionTagged(model: StackModel): boolean {
  return model.blocks
    .filter((b) => b.kind === 'provider' && b.type === 'aws')
    .flatMap((b) => asList<Json>(b.config.default_tags))
    .some((d) => {
      const environment = ((d.tags ?? {}) as Json).Environment;
      return typeof environment === 'string' && PRODUCTION_ENVIRONMENT_TAG.test(environment);
    });
}

/** NAT gateways whose VPC has no AWS Network Firewall: their egress is unfiltered. */
function unfilteredNatGateways(model: StackModel): Block[] {
  const firewalledVpcs = resourcesOf(model, 'aws_networkfirewall_firewall').map((firewall) => firewall.config.vpc_id);
  return resourcesOf(model, 'aws_nat_gateway').filter((nat) => {
    const subnet = resourcesOf(model, 'aws_subnet').find((candidate) => refersTo(nat.config.subnet_id, candidate));
    return !subnet || !firewalledVpcs.includes(subnet.config.vpc_id);
  });
}

/** Workspaces of the stack whose serverless egress no restricted network policy governs. */
function workspacesWithoutServerlessEgressControl(model: StackModel): Finding[] {
  const restricted = resourcesOf(model, 'databricks_account_network_policy').filter((policy) =>
    asList<Json>(policy.config.egress).some((egress) => asList<Json>(egress.network_access).some((access) => access.restriction_mode === 'RESTRICTED_ACCESS')),
  );
  const attached = resourcesOf(model, 'databricks_workspace_network_option').some((option) =>
    restricted.some((policy) => typeof option.config.network_policy_id === 'string' && option.config.network_policy_id.includes(`\${${policy.address}.`)),
  );
  return attached ? [] : resourcesOf(model, 'databricks_mws_workspaces').map((block) => ({ block, detail: 'no restricted network policy is attached to the workspace' }));
}

export const networkRules: Rule[] = [
  {
    id: 'DBX-NET-001',
    severity: 'warning',
    reason: 'Production workspaces do not give cluster nodes unfiltered internet egress through NAT (data exfiltration path).',
    fix: 'Set network.egress to "isolated" or "firewall" (docs/network.md), or suppress DBX-NET-001 with the reason NAT is accepted.',
    check: (model) => (isProductionTagged(model) ? unfilteredNatGateways(model).map((block) => ({ block, detail: 'egress leaves through a NAT gateway no firewall inspects' })) : []),
  },
  {
    id: 'DBX-NET-002',
    severity: 'warning',
    reason: 'Production workspaces restrict serverless egress with a network policy (serverless compute runs outside the VPC).',
    fix: 'Set serverless.egress.restricted: true in the environment file (docs/network.md), or suppress DBX-NET-002 with the reason.',
    check: (model) => (isProductionTagged(model) ? workspacesWithoutServerlessEgressControl(model) : []),
  },
];
