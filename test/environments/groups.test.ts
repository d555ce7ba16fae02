import { renderGrants } from '../../constructs/databricks/grant-model';
import { groupDisplayName, groupDisplayNames, groupReferences } from '../../environments/lib/groups';
import { environmentSchema } from '../../environments/schema';
import { environmentFixture } from '../support/fixtures';

const groups = { admins: 'fx-admins', dataEngineers: 'fx-engineers', analysts: 'fx-analysts' };

describe('group keys and display names', () => {
  it('resolves keys to the display names of the account file, in order', () => {
    expect(groupDisplayName(groups, 'analysts')).toBe('fx-analysts');
    expect(groupDisplayNames(groups, ['dataEngineers', 'admins'])).toEqual(['fx-engineers', 'fx-admins']);
    // Renaming a group in the account file is the only edit needed.
    expect(groupDisplayNames({ ...groups, analysts: 'bi-readers' }, ['analysts'])).toEqual(['bi-readers']);
  });

  it('refuses a display name or unknown key passed straight to a construct', () => {
    expect(() => groupDisplayName(groups, 'fx-analysts')).toThrow('group "fx-analysts" is not a key of account.groups (admins, dataEngineers, analysts)');
    expect(() => groupDisplayName(groups, 'toString')).toThrow('is not a key of account.groups');
  });

  it('renders grants with display names, sorted by display name, privileges deduplicated and sorted', () => {
    const rendered = renderGrants(
      [
        { group: 'analysts', privileges: ['SELECT', 'USE_SCHEMA', 'SELECT'] },
        { group: 'admins', privileges: ['ALL_PRIVILEGES'] },
      ],
      groups,
    );
    expect(rendered).toEqual([
      { principal: 'fx-admins', privileges: ['ALL_PRIVILEGES'] },
      { principal: 'fx-analysts', privileges: ['SELECT', 'USE_SCHEMA'] },
    ]);
  });

  it('lists every group reference of an environment with its field path, defaults included', () => {
    const env = environmentSchema.parse(environmentFixture('alpha', {
      workspaceSecurity: { tokens: { allowedGroups: ['admins', 'dataEngineers'] } },
      secretScopes: [{ name: 'alpha-jobs', acls: [{ group: 'dataEngineers', permission: 'WRITE' }], secrets: [{ key: 'k', source: 'generated' }] }],
      clusterPolicy: { groups: ['dataEngineers', 'analysts'] },
      unityCatalog: { externalLocationGrants: [{ group: 'dataEngineers', privileges: ['READ_FILES'] }] },
    }));
    expect(groupReferences(env)).toEqual([
      ['workspaceSecurity.tokens.allowedGroups.0', 'admins'],
      ['workspaceSecurity.tokens.allowedGroups.1', 'dataEngineers'],
      ['secretScopes.0.acls.0.group', 'dataEngineers'],
      ['clusterPolicy.groups.0', 'dataEngineers'],
      ['clusterPolicy.groups.1', 'analysts'],
      ['nodeTrafficEncryption.clusterOwnerGroups.0', 'dataEngineers'],
      ['unityCatalog.externalLocationGrants.0.group', 'dataEngineers'],
    ]);
  });
});
