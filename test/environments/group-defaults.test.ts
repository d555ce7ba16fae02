/**
 * No default names a group key (issue 13, "a leaner house"): a fork that renames every group keeps a
 * working configuration. Owner, token users, baseline-policy users and cluster owners derive from the
 * group entries (account.groups: workspaceAccess ADMIN, createsClusters) or are required data.
 */
import { ConfigError } from '../../environments/lib/errors';
import { validateGroupReferences, withGroupDefaults } from '../../environments/lib/groups';
import { accountSchema, environmentSchema } from '../../environments/schema';
import { environmentFixture, fixtureConfig } from '../support/fixtures';
import { forkAccount, renamed } from '../support/fork-groups';

const problemsOf = (make: () => unknown): string[] => {
  try {
    make();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('schema defaults name no group key', () => {
  it('leaves every group list of an environment empty until the account fills it in', () => {
    const env = environmentSchema.parse(environmentFixture('alpha'));
    expect(env.workspaceSecurity.tokens.allowedGroups).toEqual([]);
    expect(env.clusterPolicy.groups).toEqual([]);
    expect(env.nodeTrafficEncryption.clusterOwnerGroups).toEqual([]);
  });

  it('derives the owner group from the one group with workspaceAccess ADMIN', () => {
    const account = accountSchema.parse(forkAccount());
    const admins = Object.keys(renamed).filter((key) => renamed[key].workspaceAccess === 'ADMIN');
    expect(account.ownerGroup).toBe(admins[0]);
    // An explicit owner wins.
    expect(accountSchema.parse(forkAccount(renamed, { ownerGroup: 'readers' })).ownerGroup).toBe('readers');
  });

  it('fills token users with the owner group and cluster users and owners with the createsClusters groups', () => {
    const account = accountSchema.parse(forkAccount());
    const creators = Object.keys(renamed).filter((key) => renamed[key].createsClusters);
    const env = withGroupDefaults(account, environmentSchema.parse(environmentFixture('alpha')));
    expect(env.workspaceSecurity.tokens.allowedGroups).toEqual([account.ownerGroup]);
    expect(env.clusterPolicy.groups).toEqual(creators);
    expect(env.nodeTrafficEncryption.clusterOwnerGroups).toEqual(creators);
    // Written lists stay as they are.
    const written = withGroupDefaults(account, environmentSchema.parse(environmentFixture('alpha', { clusterPolicy: { groups: ['readers'] }, workspaceSecurity: { tokens: { allowedGroups: ['builders'] } } })));
    expect(written.clusterPolicy.groups).toEqual(['readers']);
    expect(written.workspaceSecurity.tokens.allowedGroups).toEqual(['builders']);
  });
});

describe('group references that cannot be resolved are refused', () => {
  it('requires ownerGroup when no group or several groups have workspaceAccess ADMIN', () => {
    const twoAdmins = { ...renamed, readers: { ...renamed.readers, workspaceAccess: 'ADMIN' as const } };
    expect(problemsOf(() => fixtureConfig({ account: forkAccount(twoAdmins) })).join('\n')).toContain(
      'ownerGroup: required: 2 groups (platformOwners, readers) have workspaceAccess ADMIN, so the owner cannot be derived; set the key of the owning group',
    );
    const noAdmin = { ...renamed, platformOwners: { ...renamed.platformOwners, workspaceAccess: 'USER' as const } };
    expect(problemsOf(() => fixtureConfig({ account: forkAccount(noAdmin) })).join('\n')).toContain('ownerGroup: required: no group has workspaceAccess ADMIN');
  });

  it('names the field when an environment keeps a group key the fork renamed', () => {
    const problems = problemsOf(() => fixtureConfig({ account: forkAccount(), environments: [environmentFixture('alpha', { clusterPolicy: { groups: ['dataEngineers'] } })] }));
    expect(problems).toEqual([expect.stringContaining('clusterPolicy.groups.0: "dataEngineers" is not a key of account.groups (platformOwners, builders, readers)')]);
  });

  it('refuses node-traffic encryption without any cluster owner', () => {
    const noCreators = { ...renamed, builders: { ...renamed.builders, createsClusters: false } };
    expect(problemsOf(() => fixtureConfig({ account: forkAccount(noCreators) }))).toEqual([expect.stringContaining('nodeTrafficEncryption.clusterOwnerGroups: no group owns clusters')]);
    // The rule itself, called directly: the exact text, and the baseline policy's users as readers only
    // while the policy exists.
    const account = accountSchema.parse(forkAccount(noCreators));
    const references = (overrides: Parameters<typeof environmentFixture>[1]) => validateGroupReferences(account, environmentSchema.parse(environmentFixture('alpha', overrides)));
    expect(references({})).toEqual([
      'environment "alpha": nodeTrafficEncryption.clusterOwnerGroups: no group owns clusters; name keys of account.groups ' +
        `(${Object.keys(noCreators).join(', ')}) or set createsClusters: true on a group in account.groups`,
    ]);
    expect(references({ clusterPolicy: { enabled: true, groups: ['readers'] } })).toEqual([]);
    expect(references({ clusterPolicy: { enabled: false, groups: ['readers'] } })).toEqual(references({}));
    // Naming the owners, or turning the feature off, is enough.
    expect(problemsOf(() => fixtureConfig({ account: forkAccount(noCreators), environments: [environmentFixture('alpha', { nodeTrafficEncryption: { clusterOwnerGroups: ['builders'] } })] }))).toEqual([]);
    expect(problemsOf(() => fixtureConfig({ account: forkAccount(noCreators), environments: [environmentFixture('alpha', { nodeTrafficEncryption: { enabled: false } })] }))).toEqual([]);
  });

  it('refuses createsClusters on a group without workspace access', () => {
    const hidden = { ...renamed, builders: { ...renamed.builders, workspaceAccess: 'NONE' as const } };
    expect(problemsOf(() => fixtureConfig({ account: forkAccount(hidden) })).join('\n')).toContain('groups.builders.createsClusters: needs workspace access');
  });
});
