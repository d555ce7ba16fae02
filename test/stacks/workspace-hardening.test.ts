import { WORKSPACE_CONF_KEYS, WORKSPACE_USERS_GROUP, type WorkspaceAdminSettings } from '../../constructs/databricks/workspace-admin-settings';
import { environmentSchema } from '../../environments/schema';
import { dataAt, exampleConfig, resourcesOf, synthApp, type Synthesized } from '../support/synth';

const base = exampleConfig();
const examples = synthApp(base);
const template = base.environments[0];

/** One fixture environment (the first example's infrastructure) with its own workspaceSecurity section. */
function synthWith(workspaceSecurity: unknown): Synthesized {
  const env = { ...template, workspaceSecurity: environmentSchema.shape.workspaceSecurity.parse(workspaceSecurity) };
  return synthApp({ account: base.account, environments: [env] }, { only: [env.name] })[env.name];
}

const confOf = (stack: Synthesized): Record<string, string> => {
  const confs = resourcesOf(stack, 'databricks_workspace_conf');
  // The provider docs advise one workspace_conf per workspace: every key lives in the same resource.
  expect(confs).toHaveLength(1);
  return confs[0][1].custom_config;
};
const entitlementsOf = (stack: Synthesized) => resourcesOf(stack, 'databricks_entitlements').map(([, e]) => e);

/** The secure value of every workspace-conf key (SRA admin_configuration and SAT checks DP-5..13, GOV-14/15, INFO-8..11). */
const SECURE_CONF = {
  enableResultsDownloading: 'false',
  enableExportNotebook: 'false',
  enableNotebookTableClipboard: 'false',
  storeInteractiveNotebookResultsInCustomerAccount: 'true',
  enableFileStoreEndpoint: 'false',
  enableDbfsFileBrowser: 'false',
  enableUploadDataUis: 'false',
  enforceUserIsolation: 'true',
  enableEnforceImdsV2: 'true',
  enableVerboseAuditLogs: 'true',
  enableJobViewAcls: 'true',
  enforceClusterViewAcls: 'true',
  enforceWorkspaceViewAcls: 'true',
  enableProjectTypeInWorkspace: 'true',
};

describe('workspace admin settings (databricks_workspace_conf)', () => {
  const defaults = synthWith({});

  it('an environment without a workspaceSecurity section gets every secure value', () => {
    expect(confOf(defaults)).toMatchObject(SECURE_CONF);
  });

  it('does not set the legacy init-script keys: new workspaces cannot run legacy init scripts since 2023-02-21', () => {
    const keys = Object.keys(confOf(defaults));
    expect(keys).not.toContain('enableDeprecatedGlobalInitScripts');
    expect(keys).not.toContain('enableDeprecatedClusterNamedInitScripts');
  });

  it('each setting can be opted out of on its own, flipping only its keys', () => {
    const secure = environmentSchema.shape.workspaceSecurity.parse({}).settings;
    const flipped = Object.fromEntries(Object.entries(secure).map(([field, value]) => [field, !value]));
    const conf = confOf(synthWith({ settings: flipped }));
    for (const [field, keys] of Object.entries(WORKSPACE_CONF_KEYS) as [keyof WorkspaceAdminSettings, readonly string[]][]) {
      for (const key of keys) {
        expect({ field, key, value: conf[key] }).toEqual({ field, key, value: String(flipped[field]) });
        expect(conf[key]).not.toBe((SECURE_CONF as Record<string, string>)[key]);
      }
    }
  });

  it.each(base.environments.map((env) => [env.name, env] as const))('%s: the conf carries the environment file\'s settings', (name, env) => {
    const conf = confOf(examples[name]);
    for (const [field, keys] of Object.entries(WORKSPACE_CONF_KEYS) as [keyof WorkspaceAdminSettings, readonly string[]][]) {
      for (const key of keys) expect({ key, value: conf[key] }).toEqual({ key, value: String(env.workspaceSecurity.settings[field]) });
    }
  });
});

describe('entitlements of the workspace "users" group', () => {
  it('by default every user keeps workspace and SQL access but may not create clusters or pools without a policy', () => {
    const stack = synthWith({});
    expect(dataAt(stack, 'databricks_group', 'users-entitlements/users')).toMatchObject({ display_name: WORKSPACE_USERS_GROUP, provider: 'databricks.workspace' });
    expect(entitlementsOf(stack)).toEqual([
      expect.objectContaining({ workspace_access: true, databricks_sql_access: true, allow_cluster_create: false, allow_instance_pool_create: false, provider: 'databricks.workspace' }),
    ]);
  });

  it('opt-outs: cluster and pool creation for everyone, no SQL, or leave the group alone', () => {
    expect(entitlementsOf(synthWith({ usersEntitlements: { allowClusterCreate: true, allowInstancePoolCreate: true, databricksSqlAccess: false } }))).toEqual([
      expect.objectContaining({ workspace_access: true, databricks_sql_access: false, allow_cluster_create: true, allow_instance_pool_create: true }),
    ]);
    expect(entitlementsOf(synthWith({ usersEntitlements: { manage: false } }))).toEqual([]);
  });

  it.each(base.environments.map((env) => [env.name, env] as const))('%s: follows the environment file', (name, env) => {
    const wanted = env.workspaceSecurity.usersEntitlements;
    const found = entitlementsOf(examples[name]);
    if (!wanted.manage) return expect(found).toEqual([]);
    expect(found).toEqual([
      expect.objectContaining({
        workspace_access: true,
        databricks_sql_access: wanted.databricksSqlAccess,
        allow_cluster_create: wanted.allowClusterCreate,
        allow_instance_pool_create: wanted.allowInstancePoolCreate,
      }),
    ]);
  });
});
