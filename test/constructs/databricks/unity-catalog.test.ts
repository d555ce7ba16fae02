import { dataAt, dataOf, refAt, resourceAt, resourcesOf, synthApp, statementsBySid, type Synthesized } from '../../support/synth';
import { storagePaths } from '../../../constructs/databricks/catalog-layout';
import { environmentFixture, fixtureConfig } from '../../support/fixtures';

// Specification: the default Unity Catalog model, on two fixture environments in one region.
const config = fixtureConfig({ environments: [environmentFixture('alpha'), environmentFixture('beta', { protect: false })] });
const stacks = synthApp(config);
const { namePrefix } = config.account;
// Display names by group key, as grants and owners name them.
const groups = Object.fromEntries(Object.entries(config.account.groups).map(([key, group]) => [key, group.displayName]));
const ref = (type: string, stack: Synthesized, pathSuffix: string, attribute: string) => refAt(stack, type, pathSuffix, attribute);
const grantsOf = (resource: Record<string, any>) =>
  Object.fromEntries((resource.grant as { principal: string; privileges: string[] }[]).map((g) => [g.principal, g.privileges]));

describe('account stack: metastores', () => {
  const account = stacks.account;

  it('creates exactly one metastore per region in account.metastoreRegions, owned by the admins group', () => {
    const metastores = resourcesOf(account, 'databricks_metastore').map(([, m]) => m);
    expect(metastores.map((m) => m.region).sort()).toEqual([...config.account.metastoreRegions].sort());
    for (const metastore of metastores) {
      expect(metastore.name).toBe(`${namePrefix}-shared-metastore-${metastore.region}`);
      expect(metastore.owner).toBe(groups.admins);
      expect(metastore.force_destroy).toBe(false);
      expect(metastore.lifecycle).toEqual({ prevent_destroy: true });
      expect(metastore.storage_root).toBeUndefined();
      expect(metastore.provider).toBe('databricks.account');
    }
  });

  it('no environment stack creates a metastore', () => {
    for (const env of config.environments) expect(resourcesOf(stacks[env.name], 'databricks_metastore')).toHaveLength(0);
  });
});

describe.each(config.environments.map((env) => [env.name, env] as const))('environment %s: Unity Catalog', (name, env) => {
  const stack = stacks[name];
  // The cluster-log schema and volume (test/stacks/cluster-hardening.test.ts) are not part of the catalog layout.
  const layoutResources = (type: string) => resourcesOf(stack, type).filter(([id]) => !id.startsWith('cluster-logs_'));
  const bucketRef = ref('aws_s3_bucket', stack, 'unity-catalog/bucket/bucket', 'bucket');
  const workspaceIdRef = ref('databricks_mws_workspaces', stack, 'workspace/workspace', 'workspace_id');
  const roleName = `${namePrefix}-${name}-uc-storage`;
  const roleArn = `arn:aws:iam::${env.aws.accountId}:role/${roleName}`;

  it('looks the metastore up by name and assigns the workspace to it', () => {
    const metastore = dataAt(stack, 'databricks_metastore', 'unity-catalog/metastore');
    expect(metastore).toMatchObject({ name: `${namePrefix}-shared-metastore-${env.aws.region}`, provider: 'databricks.account' });
    const assignment = resourceAt(stack, 'databricks_metastore_assignment', 'unity-catalog/metastore-assignment');
    expect(assignment.workspace_id).toBe(workspaceIdRef);
    expect(assignment.metastore_id).toMatch(/^\$\{data\.databricks_metastore\..+\.id\}$/);
    expect(JSON.stringify(stack)).not.toMatch(/terraform_remote_state/);
  });

  it('gives the account groups workspace access after the assignment', () => {
    const byGroup = Object.fromEntries(
      dataOf(stack, 'databricks_group').map(([logical, group]) => [logical, group.display_name]),
    );
    const assignments = resourcesOf(stack, 'databricks_mws_permission_assignment').map(([, a]) => a);
    const permissions = Object.fromEntries(assignments.map((a) => [byGroup[/data\.databricks_group\.([^.]+)\.id/.exec(a.principal_id)![1]], a.permissions]));
    expect(permissions).toEqual({ [groups.admins]: ['ADMIN'], [groups.dataEngineers]: ['USER'], [groups.analysts]: ['USER'] });
    for (const a of assignments) {
      expect(a.workspace_id).toBe(workspaceIdRef);
      expect(a.depends_on).toEqual([expect.stringMatching(/^databricks_metastore_assignment\./)]);
    }
  });

  it('encrypts the catalog bucket with its own key that only the UC role uses, via S3', () => {
    const encryption = resourceAt(stack, 'aws_s3_bucket_server_side_encryption_configuration', 'unity-catalog/bucket/encryption');
    expect(encryption.rule[0].apply_server_side_encryption_by_default.kms_master_key_id).toBe(ref('aws_kms_key', stack, 'unity-catalog/key/key', 'arn'));
    expect(resourceAt(stack, 'aws_s3_bucket', 'unity-catalog/bucket/bucket').bucket).toBe(`${namePrefix}-${name}-catalog-${env.aws.accountId}`);
    const statements = statementsBySid(dataAt(stack, 'aws_iam_policy_document', 'unity-catalog/key/policy'));
    expect(Object.keys(statements)).toEqual(['KeyAdministration', ...(env.encryption.accountAdministration ? ['AccountAdministration'] : []), 'UnityCatalogRoleUseViaS3']);
    const conditions = Object.fromEntries(statements.UnityCatalogRoleUseViaS3.condition.map((c: any) => [c.variable, c.values]));
    expect(conditions).toEqual({ 'aws:PrincipalArn': [roleArn], 'kms:ViaService': [`s3.${env.aws.region}.amazonaws.com`] });
  });

  it('builds the credential role from the credential external id and the UC policy with the KMS key', () => {
    const credential = resourceAt(stack, 'databricks_storage_credential', 'unity-catalog/storage-credential');
    expect(credential).toMatchObject({
      name: `${name.replace(/-/g, '_')}_catalog_storage`,
      aws_iam_role: { role_arn: roleArn },
      isolation_mode: 'ISOLATION_MODE_ISOLATED',
      owner: groups.admins,
      provider: 'databricks.workspace',
    });
    const credentialRef = ref('databricks_storage_credential', stack, 'unity-catalog/storage-credential', 'aws_iam_role');
    const trust = dataAt(stack, 'databricks_aws_unity_catalog_assume_role_policy', 'unity-catalog/role-trust');
    expect(trust).toMatchObject({ aws_account_id: env.aws.accountId, role_name: roleName, external_id: credentialRef.replace('}', '[0].external_id}') });
    const permissions = dataAt(stack, 'databricks_aws_unity_catalog_policy', 'unity-catalog/role-permissions');
    expect(permissions).toMatchObject({ aws_account_id: env.aws.accountId, role_name: roleName, bucket_name: bucketRef, kms_name: ref('aws_kms_key', stack, 'unity-catalog/key/key', 'arn') });
    const role = resourceAt(stack, 'aws_iam_role', 'unity-catalog/role');
    expect(role.name).toBe(roleName);
    expect(role.assume_role_policy).toMatch(/^\$\{data\.databricks_aws_unity_catalog_assume_role_policy\..+\.json\}$/);
    expect(resourceAt(stack, 'aws_iam_role_policy', 'unity-catalog/role-policy').policy).toMatch(/^\$\{data\.databricks_aws_unity_catalog_policy\..+\.json\}$/);
  });

  it('creates isolated external locations after IAM propagation; the provider binds them to the creating workspace', () => {
    const sleep = ref('time_sleep', stack, 'unity-catalog/propagation/wait', 'id').replace(/^\$\{(.+)\.id\}$/, '$1');
    const expected = { 'managed-storage': storagePaths.managedRoot(bucketRef), 'external-storage': storagePaths.externalRoot(bucketRef) };
    for (const [purpose, url] of Object.entries(expected)) {
      const location = resourceAt(stack, 'databricks_external_location', `unity-catalog/${purpose}-location`);
      expect(location).toMatchObject({ url, isolation_mode: 'ISOLATION_MODE_ISOLATED', owner: groups.admins, force_destroy: false });
      expect(location.credential_name).toBe(ref('databricks_storage_credential', stack, 'unity-catalog/storage-credential', 'name'));
      expect(location.depends_on).toContain(sleep);
    }
    expect(resourceAt(stack, 'databricks_storage_credential', 'unity-catalog/storage-credential').isolation_mode).toBe('ISOLATION_MODE_ISOLATED');
    // ISOLATED securables are bound to the creating workspace by the provider; a second binding is redundant.
    expect(resourcesOf(stack, 'databricks_workspace_binding')).toEqual([]);
  });

  it('creates <env>_lakehouse with raw, prepared and trusted, managed storage under the catalog bucket, isolated and bound', () => {
    const catalogName = `${name}_lakehouse`;
    const catalog = resourceAt(stack, 'databricks_catalog', 'catalogs/catalog-lakehouse');
    expect(catalog).toMatchObject({
      name: catalogName,
      isolation_mode: 'ISOLATED',
      owner: groups.admins,
      force_destroy: false,
      storage_root: storagePaths.catalog(bucketRef, catalogName),
      properties: { environment: name },
    });
    expect(catalog.lifecycle?.prevent_destroy ?? false).toBe(env.protect);
    const schemas: Record<string, any> = Object.fromEntries(layoutResources('databricks_schema').map(([, s]) => [s.name, s]));
    expect(Object.keys(schemas).sort()).toEqual(['prepared', 'raw', 'trusted']);
    for (const [schemaName, schema] of Object.entries(schemas)) {
      expect(schema.storage_root).toBe(storagePaths.schema(bucketRef, catalogName, schemaName));
      expect(schema.storage_root.startsWith(storagePaths.managedRoot(bucketRef) + '/')).toBe(true);
      expect(schema).toMatchObject({ owner: groups.admins, force_destroy: false, properties: { environment: name, layer: schemaName } });
      expect(schema.comment).toEqual(expect.any(String));
      expect(schema.lifecycle?.prevent_destroy ?? false).toBe(env.protect);
    }
    const volume = resourceAt(stack, 'databricks_volume', 'catalogs/volume-lakehouse-raw-landing');
    expect(volume).toMatchObject({ name: 'landing', volume_type: 'MANAGED', owner: groups.admins });
  });

  it('applies the default grant model, one authoritative grants resource per securable', () => {
    const grants = (path: string) => grantsOf(resourceAt(stack, 'databricks_grants', path));
    const write = ['CREATE_TABLE', 'MODIFY', 'READ_VOLUME', 'SELECT', 'USE_SCHEMA', 'WRITE_VOLUME'];
    expect(grants('catalogs/catalog-lakehouse-grants')).toEqual({
      [groups.admins]: ['ALL_PRIVILEGES'],
      [groups.dataEngineers]: ['USE_CATALOG'],
      [groups.analysts]: ['USE_CATALOG'],
    });
    expect(grants('catalogs/schema-lakehouse-raw-grants')).toEqual({ [groups.dataEngineers]: write });
    expect(grants('catalogs/schema-lakehouse-prepared-grants')).toEqual({ [groups.dataEngineers]: write });
    expect(grants('catalogs/schema-lakehouse-trusted-grants')).toEqual({
      [groups.dataEngineers]: ['SELECT', 'USE_SCHEMA'],
      [groups.analysts]: ['SELECT', 'USE_SCHEMA'],
    });
    expect(grants('catalogs/volume-lakehouse-raw-landing-grants')).toEqual({ [groups.dataEngineers]: ['READ_VOLUME', 'WRITE_VOLUME'] });
    expect(grants('unity-catalog/storage-credential-grants')).toEqual({ [groups.admins]: ['ALL_PRIVILEGES'] });
    expect(grants('unity-catalog/managed-storage-location-grants')).toEqual({ [groups.admins]: ['ALL_PRIVILEGES'] });
    expect(grants('unity-catalog/external-storage-location-grants')).toEqual({
      [groups.admins]: ['ALL_PRIVILEGES'],
      [groups.dataEngineers]: ['READ_FILES', 'WRITE_FILES'],
    });
    const securables = layoutResources('databricks_grants').map(([, g]) =>
      JSON.stringify(['catalog', 'schema', 'volume', 'storage_credential', 'external_location'].map((k) => g[k])),
    );
    expect(new Set(securables).size).toBe(securables.length);
    expect(securables).toHaveLength(8);
  });

  it('enables system schemas only from the region\'s protected owner, protected from destroy', () => {
    const systemSchemas = resourcesOf(stack, 'databricks_system_schema').map(([, s]) => s);
    const schemas = systemSchemas.map((s) => s.schema).sort();
    expect(schemas).toEqual(env.managesSystemSchemas ? [...config.account.systemSchemas.schemas].sort() : []);
    // alpha is the only protected environment of the region.
    expect(env.managesSystemSchemas).toBe(name === 'alpha');
    if (env.managesSystemSchemas) expect(env.protect).toBe(true);
    for (const schema of systemSchemas) expect(schema.lifecycle).toEqual({ prevent_destroy: true });
    // Auto-enabled by Databricks; declaring it would make destroy try to disable it.
    expect(schemas).not.toContain('billing');
  });

  it('has no Glue metastore by default', () => {
    expect(resourcesOf(stack, 'databricks_instance_profile')).toHaveLength(0);
    expect(dataAt(stack, 'databricks_aws_crossaccount_policy', 'cross-account-role/permissions').pass_roles).toBeUndefined();
  });
});
