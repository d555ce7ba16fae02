import { DatabricksProvider } from '@cdktf/provider-databricks/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { createAccountGroups, type AccountGroupsProps } from '../../../constructs/databricks/account-groups';
import { dataOf, resourcesOf, type Synthesized } from '../../support/synth';

const APP_ID = '6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b';

function synth(props: Omit<AccountGroupsProps, 'provider'>): Synthesized {
  const stack = new TerraformStack(Testing.app(), 'account');
  const provider = new DatabricksProvider(stack, 'databricks', { alias: 'account', host: 'https://accounts.cloud.databricks.com', accountId: 'acc' });
  createAccountGroups(stack, { ...props, provider });
  return JSON.parse(Testing.synth(stack)) as Synthesized;
}

const groups = [
  { key: 'owners', displayName: 'Platform Owners', servicePrincipals: [APP_ID, 'ci deployer'] },
  { key: 'readers', displayName: 'readers', servicePrincipals: [APP_ID] },
  { key: 'quiet', displayName: 'quiet' },
];

describe('account groups and their service-principal members', () => {
  it('creates every group and one membership per (group, service principal), looking each principal up once', () => {
    const stack = synth({ groups, manage: true });
    expect(resourcesOf(stack, 'databricks_group').map(([, g]) => g.display_name).sort()).toEqual(['Platform Owners', 'quiet', 'readers']);
    const lookups = dataOf(stack, 'databricks_service_principal').map(([, sp]) => sp);
    // A UUID is an application id; anything else a display name.
    expect(lookups).toHaveLength(2);
    expect(lookups).toContainEqual({ provider: 'databricks.account', application_id: APP_ID });
    expect(lookups).toContainEqual({ provider: 'databricks.account', display_name: 'ci deployer' });
    const members = resourcesOf(stack, 'databricks_group_member').map(([, m]) => [m.group_id, m.member_id]);
    expect(members).toHaveLength(3);
    for (const [groupId, memberId] of members) {
      expect(groupId).toMatch(/^\$\{databricks_group\..+\.id\}$/);
      expect(memberId).toMatch(/^\$\{data\.databricks_service_principal\..+\.id\}$/);
    }
    expect(new Set(members.map(([, m]) => m)).size).toBe(2);
  });

  it('looks up only the groups that need an id when an identity provider syncs them', () => {
    const stack = synth({ groups, manage: false });
    expect(resourcesOf(stack, 'databricks_group')).toEqual([]);
    expect(dataOf(stack, 'databricks_group').map(([, g]) => g.display_name).sort()).toEqual(['Platform Owners', 'readers']);
    expect(resourcesOf(stack, 'databricks_group_member').every(([, m]) => /^\$\{data\.databricks_group\./.test(m.group_id))).toBe(true);
  });

  it('references a service principal created in the same stack instead of looking it up', () => {
    const stack = synth({ groups: [groups[0]], manage: true, servicePrincipalIds: { 'ci deployer': '${databricks_service_principal.ci.id}' } });
    expect(dataOf(stack, 'databricks_service_principal').map(([, sp]) => sp.application_id)).toEqual([APP_ID]);
    expect(resourcesOf(stack, 'databricks_group_member').map(([, m]) => m.member_id)).toContain('${databricks_service_principal.ci.id}');
  });

  it('creates nothing for members when no group has any', () => {
    const stack = synth({ groups: [groups[2]], manage: true });
    expect(resourcesOf(stack, 'databricks_group_member')).toEqual([]);
    expect(dataOf(stack, 'databricks_service_principal')).toEqual([]);
  });
});
