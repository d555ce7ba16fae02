import { DatabricksProvider } from '@cdktf/provider-databricks/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { WorkspaceSecurity } from '../../../constructs/databricks/workspace-security';
import { workspaceSecuritySchema } from '../../../environments/schema';
import { workspaceContextFixture } from '../../support/construct-context';

/** Synthesizes WorkspaceSecurity with the given lists; returns the ip access lists by logical name. */
function synthLists(allow: { label: string; addresses: string[] }[], block: { label: string; addresses: string[] }[]) {
  const stack = new TerraformStack(Testing.app(), 'test');
  const provider = new DatabricksProvider(stack, 'databricks', { host: 'https://example.cloud.databricks.com' });
  const config = workspaceSecuritySchema.parse({ tokens: { enabled: false }, ipAccessLists: { enabled: true, allow, block } });
  new WorkspaceSecurity(stack, 'security', {
    context: workspaceContextFixture(stack, { workspaceProvider: provider }),
    tokens: config.tokens,
    tokenGroupNames: [],
    ipAccessLists: config.ipAccessLists,
    hardening: config.hardening,
  });
  const json = JSON.parse(Testing.synth(stack)) as { resource: Record<string, Record<string, { label: string; depends_on?: string[] }>> };
  const lists = Object.entries(json.resource.databricks_ip_access_list);
  const conf = Object.keys(json.resource.databricks_workspace_conf)[0];
  return { lists, conf };
}

describe('IP access lists: the list admitting the pipeline comes first', () => {
  it('creates the first allow list alone, after the feature switch; every other list waits for it', () => {
    const { lists, conf } = synthLists(
      [{ label: 'ci-egress', addresses: ['198.51.100.10/32'] }, { label: 'office', addresses: ['203.0.113.0/24'] }],
      [{ label: 'blocked', addresses: ['203.0.113.66'] }],
    );
    const [first, ...others] = lists;
    expect(first[1].label).toBe('ci-egress');
    expect(first[1].depends_on).toEqual([`databricks_workspace_conf.${conf}`]);
    expect(others.map(([, list]) => list.label)).toEqual(['office', 'blocked']);
    for (const [, list] of others) {
      expect(list.depends_on).toEqual([`databricks_workspace_conf.${conf}`, `databricks_ip_access_list.${first[0]}`]);
    }
  });

  it('a single allow list depends only on the feature switch', () => {
    const { lists, conf } = synthLists([{ label: 'ci-egress', addresses: ['198.51.100.10/32'] }], []);
    expect(lists.map(([, list]) => list.depends_on)).toEqual([[`databricks_workspace_conf.${conf}`]]);
  });
});
