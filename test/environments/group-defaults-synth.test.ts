/**
 * A fork with renamed groups (test/support/fork-groups.ts) synthesizes with the groups its entries name:
 * the owner and the createsClusters groups reach the metastore, token, policy and secret permissions.
 * Synthesizes a fixture app, so it stays out of the environments mutation group (group-defaults.test.ts
 * holds the pure specifications).
 */
import { environmentFixture, fixtureConfig } from '../support/fixtures';
import { forkAccount, renamed } from '../support/fork-groups';
import { resourcesOf, synthApp } from '../support/synth';

describe('a fork with renamed groups synthesizes with the groups its entries name', () => {
  const config = fixtureConfig({ account: forkAccount(), environments: [environmentFixture('alpha', { nodeTrafficEncryption: { mode: 'init-script' }, clusterPolicy: { dataSecurityModes: ['SINGLE_USER'] } })] });
  const stacks = synthApp(config);
  const name = (key: string) => renamed[key].displayName;
  const owner = name(config.account.ownerGroup);
  const creators = Object.keys(renamed).filter((key) => renamed[key].createsClusters).map(name);
  const permissions = resourcesOf(stacks.alpha, 'databricks_permissions').map(([, resource]) => resource);

  it('gives the owner group the metastore and the token permission', () => {
    const [[, metastore]] = resourcesOf(stacks.account, 'databricks_metastore');
    expect(metastore.owner).toBe(owner);
    const tokens = permissions.find((resource) => resource.authorization === 'tokens');
    expect(tokens?.access_control).toEqual([{ group_name: owner, permission_level: 'CAN_USE' }]);
  });

  it('gives the createsClusters groups the baseline policy and READ on the node-traffic secrets; the owner MANAGE', () => {
    const policy = permissions.find((resource) => resource.cluster_policy_id);
    expect(policy?.access_control).toEqual(creators.map((group_name) => ({ group_name, permission_level: 'CAN_USE' })));
    const acls = resourcesOf(stacks.alpha, 'databricks_secret_acl').map(([, acl]) => [acl.principal, acl.permission]);
    expect(acls.sort()).toEqual([...creators.map((group) => [group, 'READ']), [owner, 'MANAGE']].sort());
  });
});
