import { renderGrants } from '../../constructs/databricks/grant-model';
import { unityCatalogSpec } from '../../stacks/unity-catalog-props';
import {
  defaultGrants,
  groupDisplayName,
  groupDisplayNames,
  groupReferences,
  grantsOrDefault,
  validateGroupReferences,
  workspaceAssignments,
} from '../../environments/lib/groups';
import { accountSchema, environmentSchema, type AccountInput, type GroupInput } from '../../environments/schema';

// A fixture account of its own: group keys and names here are not the examples'.
const groupInputs: Record<string, GroupInput> = {
  owners: { displayName: 'Platform Owners', workspaceAccess: 'ADMIN', defaultGrants: { catalog: ['ALL_PRIVILEGES'], storageCredential: ['ALL_PRIVILEGES'] } },
  builders: {
    displayName: 'builders',
    defaultGrants: { catalog: ['USE_CATALOG'], schema: ['USE_SCHEMA', 'MODIFY'], publishedSchema: ['USE_SCHEMA', 'SELECT'], volume: ['READ_VOLUME', 'WRITE_VOLUME'] },
  },
  auditors: { displayName: 'auditors', workspaceAccess: 'NONE', defaultGrants: { publishedSchema: ['SELECT', 'USE_SCHEMA'] } },
};
const accountInput: AccountInput = {
  namePrefix: 'fx',
  databricksAccountId: '11111111-2222-4333-8444-555555555555',
  aws: { accountId: '111111111111', region: 'us-east-1' },
  metastoreRegions: ['us-east-1'],
  groups: groupInputs,
  ownerGroup: 'owners',
  state: { bucket: 'fx-state-111111111111', region: 'us-east-1', accountId: '111111111111' },
  tags: { Owner: 'fx', CostCenter: 'fx' },
};
const account = accountSchema.parse(accountInput);
const groups = account.groups;

const environmentInput = {
  name: 'qa',
  aws: { accountId: '222222222222', region: 'us-east-1', deployRoleArn: 'arn:aws:iam::222222222222:role/deploy' },
  databricks: { workspaceName: 'fx-qa', deploymentName: 'fx-qa' },
  network: {
    mode: 'create',
    vpcCidr: '10.0.0.0/16',
    privateSubnets: [{ cidr: '10.0.0.0/19', availabilityZone: 'us-east-1a' }, { cidr: '10.0.32.0/19', availabilityZone: 'us-east-1b' }],
    publicSubnets: [{ cidr: '10.0.128.0/24', availabilityZone: 'us-east-1a' }],
  },
  tags: { Owner: 'fx', CostCenter: 'fx' },
  workspaceSecurity: { tokens: { allowedGroups: ['owners'] } },
  clusterPolicy: { groups: ['builders'] },
  nodeTrafficEncryption: { clusterOwnerGroups: ['builders'] },
};
const env = (overrides: Record<string, unknown> = {}) => environmentSchema.parse({ ...environmentInput, ...overrides });

describe('the group model is data', () => {
  it('takes any group keys: display name, workspace access and default grants per group, defaults filled in', () => {
    expect(Object.keys(groups)).toEqual(['owners', 'builders', 'auditors']);
    expect(groups.builders.workspaceAccess).toBe('USER');
    expect(groups.builders.defaultGrants.storageCredential).toEqual([]);
    expect(groups.owners.members.servicePrincipals).toEqual([]);
  });

  it('adding a group is one entry: it gets its workspace access and default grants', () => {
    const added = accountSchema.parse({ ...accountInput, groups: { ...groupInputs, scientists: { displayName: 'data-scientists', defaultGrants: { catalog: ['USE_CATALOG', 'BROWSE'] } } } });
    expect(workspaceAssignments(added.groups)).toContainEqual({ key: 'scientists', displayName: 'data-scientists', permission: 'USER' });
    expect(defaultGrants(added.groups, 'catalog')).toContainEqual({ group: 'scientists', privileges: ['USE_CATALOG', 'BROWSE'] });
    const spec = unityCatalogSpec(added, env());
    expect(spec.catalogs[0].grants).toContainEqual({ principal: 'data-scientists', privileges: ['USE_CATALOG', 'BROWSE'] });
  });

  it('assigns every group except NONE to the workspace, with its permission', () => {
    expect(workspaceAssignments(groups)).toEqual([
      { key: 'owners', displayName: 'Platform Owners', permission: 'ADMIN' },
      { key: 'builders', displayName: 'builders', permission: 'USER' },
    ]);
  });

  it('derives the default grants of each securable from the groups, skipping groups without privileges there', () => {
    expect(defaultGrants(groups, 'catalog')).toEqual([{ group: 'owners', privileges: ['ALL_PRIVILEGES'] }, { group: 'builders', privileges: ['USE_CATALOG'] }]);
    expect(defaultGrants(groups, 'publishedSchema').map((g) => g.group)).toEqual(['builders', 'auditors']);
    expect(defaultGrants(groups, 'externalLocation')).toEqual([]);
  });

  it('uses explicit grants instead of the defaults, resolved to display names', () => {
    expect(grantsOrDefault(groups, [{ group: 'auditors', privileges: ['SELECT'] }], 'schema')).toEqual([{ principal: 'auditors', privileges: ['SELECT'] }]);
    expect(grantsOrDefault(groups, undefined, 'storageCredential')).toEqual([{ principal: 'Platform Owners', privileges: ['ALL_PRIVILEGES'] }]);
    // An explicit empty list means "no grants", not "the defaults".
    expect(grantsOrDefault(groups, [], 'catalog')).toEqual([]);
  });

  it('maps an environment to UnityCatalog props: owner display name, published layers with the published defaults', () => {
    const spec = unityCatalogSpec(account, env());
    expect(spec.ownerGroup).toBe('Platform Owners');
    const [catalog] = spec.catalogs;
    const byName = Object.fromEntries(catalog.schemas.map((s) => [s.name, s]));
    expect(byName.raw.grants).toEqual([{ principal: 'builders', privileges: ['USE_SCHEMA', 'MODIFY'] }]);
    expect(byName.trusted.grants).toEqual([
      { principal: 'builders', privileges: ['USE_SCHEMA', 'SELECT'] },
      { principal: 'auditors', privileges: ['SELECT', 'USE_SCHEMA'] },
    ]);
    expect(byName.raw.volumes[0].grants).toEqual([{ principal: 'builders', privileges: ['READ_VOLUME', 'WRITE_VOLUME'] }]);
    expect(spec.storageGrants.externalLocation).toEqual([]);
  });
});

describe('account.groups validation', () => {
  const problems = (patch: Record<string, unknown>) => {
    const result = accountSchema.safeParse({ ...accountInput, ...patch });
    return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('requires the owner group to be a key of groups', () => {
    expect(problems({ ownerGroup: 'admins' })).toEqual(['ownerGroup: "admins" is not a key of groups (owners, builders, auditors)']);
  });

  it('refuses a write privilege in the published defaults, for schemas and volumes', () => {
    const bad = { ...groupInputs, builders: { displayName: 'builders', defaultGrants: { publishedSchema: ['SELECT', 'MODIFY'], publishedVolume: ['WRITE_VOLUME'] } } };
    expect(problems({ groups: bad })).toEqual([
      expect.stringMatching(/^groups\.builders\.defaultGrants\.publishedSchema\.1: MODIFY writes or administers; a published layer is read-only/),
      expect.stringMatching(/^groups\.builders\.defaultGrants\.publishedVolume\.0: WRITE_VOLUME writes or administers/),
    ]);
  });

  it.each([['ALL_PRIVILEGES'], ['MANAGE'], ['CREATE_TABLE'], ['WRITE_VOLUME']])('refuses %s in the published schema defaults', (privilege) => {
    expect(problems({ groups: { ...groupInputs, auditors: { displayName: 'auditors', defaultGrants: { publishedSchema: [privilege] } } } })).toHaveLength(1);
  });

  it('refuses privileges that do not apply to the securable, two groups with one display name, and bad keys', () => {
    expect(problems({ groups: { ...groupInputs, auditors: { displayName: 'auditors', defaultGrants: { volume: ['SELECT'] } } } })).toEqual([
      expect.stringMatching(/^groups\.auditors\.defaultGrants\.volume\.0: SELECT does not apply to a volume/),
    ]);
    expect(problems({ groups: { ...groupInputs, auditors: { displayName: 'builders' } } })).toEqual(['groups.auditors.displayName: "builders" is already the display name of group "builders"']);
    expect(problems({ groups: { ...groupInputs, 'data-team': { displayName: 'x' } } })[0]).toMatch(/must be a group key/);
    expect(problems({ groups: {} })[0]).toMatch(/needs at least one group/);
  });

  it('refuses a repeated service principal member', () => {
    const sp = '0a1b2c3d-0000-4000-8000-000000000001';
    expect(problems({ groups: { ...groupInputs, owners: { displayName: 'o', members: { servicePrincipals: [sp, sp] } } } })).toEqual([
      'groups.owners.members.servicePrincipals: must not repeat a service principal',
    ]);
  });
});

describe('group references of an environment', () => {
  it('lists every reference with its field path, defaults included', () => {
    const parsed = env({ unityCatalog: { externalLocationGrants: [{ group: 'auditors', privileges: ['READ_FILES'] }] } });
    expect(groupReferences(parsed).map(([field, group]) => [field, group])).toEqual([
      ['workspaceSecurity.tokens.allowedGroups.0', 'owners'],
      ['clusterPolicy.groups.0', 'builders'],
      ['nodeTrafficEncryption.clusterOwnerGroups.0', 'builders'],
      ['unityCatalog.externalLocationGrants.0.group', 'auditors'],
    ]);
  });

  it('includes every secret-scope ACL, which needs workspace access', () => {
    const scope = { name: 'qa-jobs', acls: [{ group: 'owners', permission: 'MANAGE' }, { group: 'auditors', permission: 'READ' }] };
    const parsed = env({ secretScopes: [scope] });
    expect(groupReferences(parsed).filter(([field]) => field.startsWith('secretScopes.'))).toEqual([
      ['secretScopes.0.acls.0.group', 'owners', true],
      ['secretScopes.0.acls.1.group', 'auditors', true],
    ]);
    expect(validateGroupReferences(account, parsed)).toEqual([
      'environment "qa": secretScopes.0.acls.1.group: group "auditors" has workspaceAccess NONE in account.groups, so workspace ACLs cannot name it; give it USER access or remove it here',
    ]);
  });

  it('points a display name at its key and refuses unknown keys', () => {
    const parsed = env({ clusterPolicy: { groups: ['Platform Owners', 'nobody'] } });
    expect(validateGroupReferences(account, parsed)).toEqual([
      'environment "qa": clusterPolicy.groups.0: "Platform Owners" is not a key of account.groups (owners, builders, auditors); use the key "owners" for group "Platform Owners"',
      'environment "qa": clusterPolicy.groups.1: "nobody" is not a key of account.groups (owners, builders, auditors)',
    ]);
  });

  it('lets a group without workspace access hold grants but not workspace ACLs', () => {
    expect(validateGroupReferences(account, env({ unityCatalog: { storageCredentialGrants: [{ group: 'auditors', privileges: ['READ_FILES'] }] } }))).toEqual([]);
    expect(validateGroupReferences(account, env({ workspaceSecurity: { tokens: { allowedGroups: ['auditors'] } } }))).toEqual([
      'environment "qa": workspaceSecurity.tokens.allowedGroups.0: group "auditors" has workspaceAccess NONE in account.groups, so workspace ACLs cannot name it; give it USER access or remove it here',
    ]);
  });
});

describe('display names', () => {
  it('resolves keys in order and refuses a display name or an inherited property passed straight to a construct', () => {
    expect(groupDisplayNames(groups, ['builders', 'owners'])).toEqual(['builders', 'Platform Owners']);
    expect(() => groupDisplayName(groups, 'Platform Owners')).toThrow('group "Platform Owners" is not a key of account.groups (owners, builders, auditors)');
    expect(() => groupDisplayName(groups, 'toString')).toThrow('is not a key of account.groups');
  });

  it('renders grants sorted by principal, privileges deduplicated and sorted', () => {
    expect(renderGrants([{ principal: 'b', privileges: ['SELECT', 'USE_SCHEMA', 'SELECT'] }, { principal: 'a', privileges: ['ALL_PRIVILEGES'] }])).toEqual([
      { principal: 'a', privileges: ['ALL_PRIVILEGES'] },
      { principal: 'b', privileges: ['SELECT', 'USE_SCHEMA'] },
    ]);
  });
});
