import { renderGrants } from '../../constructs/databricks/grant-model';
import { groupDisplayName, groupDisplayNames, groupReferences } from '../../environments/lib/groups';
import { environmentSchema } from '../../environments/schema';
import dev from '../../environments/dev';

const groups = { admins: 'platform-admins', dataEngineers: 'data-engineers', analysts: 'data-analysts' };

describe('group keys and display names', () => {
  it('resolves keys to the display names of the account file, in order', () => {
    expect(groupDisplayName(groups, 'analysts')).toBe('data-analysts');
    expect(groupDisplayNames(groups, ['dataEngineers', 'admins'])).toEqual(['data-engineers', 'platform-admins']);
    // Renaming a group in the account file is the only edit needed.
    expect(groupDisplayNames({ ...groups, analysts: 'bi-readers' }, ['analysts'])).toEqual(['bi-readers']);
  });

  it('refuses a display name or unknown key passed straight to a construct', () => {
    expect(() => groupDisplayName(groups, 'data-analysts')).toThrow('group "data-analysts" is not a key of account.groups (admins, dataEngineers, analysts)');
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
      { principal: 'data-analysts', privileges: ['SELECT', 'USE_SCHEMA'] },
      { principal: 'platform-admins', privileges: ['ALL_PRIVILEGES'] },
    ]);
  });

  it('lists every group reference of an environment with its field path, defaults included', () => {
    const env = environmentSchema.parse({
      ...dev,
      unityCatalog: { externalLocationGrants: [{ group: 'dataEngineers', privileges: ['READ_FILES'] }] },
    });
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
