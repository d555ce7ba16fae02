import { dataAt, resourceAt, resourcesOf, synthApp, statementsBySid } from '../../support/synth';
import { GLUE_CATALOG_SPARK_CONF, glueCatalogPolicy } from '../../../constructs/databricks/glue-metastore';
import { accountFixture, environmentFixture, fixtureConfig, FIXTURE } from '../../support/fixtures';

// One synthesis of a variant on fixtures: "variant" declares its own catalog, an external volume,
// explicit grants, the legacy Glue metastore and owns the system schemas; "plain" keeps the defaults.
const config = fixtureConfig({
  account: accountFixture({ systemSchemas: { environments: { [FIXTURE.region]: 'variant' } } }),
  environments: [
    environmentFixture('plain'),
    environmentFixture('variant', {
      unityCatalog: {
        catalogs: [{
          name: 'sales',
          properties: { domain: 'sales' },
          grants: [{ group: 'analysts', privileges: ['USE_CATALOG', 'BROWSE'] }],
          schemas: [
            { name: 'bronze', volumes: [{ name: 'drops', type: 'EXTERNAL' }] },
            { name: 'gold', published: true, grants: [{ group: 'analysts', privileges: ['USE_SCHEMA', 'SELECT', 'EXECUTE'] }] },
          ],
        }],
        externalLocationGrants: [{ group: 'dataEngineers', privileges: ['READ_FILES', 'CREATE_EXTERNAL_VOLUME'] }],
        glueMetastore: { enabled: true },
      },
      // The schema requires legacy access on for a Glue metastore.
      workspaceSecurity: { hardening: { disableLegacyAccess: false } },
    }),
  ],
});
const { namePrefix } = config.account;
// Display names by group key, as grants and owners name them.
const groups = Object.fromEntries(Object.entries(config.account.groups).map(([key, group]) => [key, group.displayName]));
const variant = config.environments.find((e) => e.name === 'variant')!;
const stacks = synthApp(config);
const stack = stacks.variant;
const grantsOf = (path: string) =>
  Object.fromEntries((resourceAt(stack, 'databricks_grants', path).grant as any[]).map((g) => [g.principal, g.privileges]));

it('replaces the default layout with the declared catalog, named <env>_<name>', () => {
  const catalogs = resourcesOf(stack, 'databricks_catalog').map(([, c]) => c);
  expect(catalogs.map((c) => c.name)).toEqual(['variant_sales']);
  expect(catalogs[0].properties).toEqual({ environment: 'variant', domain: 'sales' });
  // The cluster-log schema (test/stacks/cluster-hardening.test.ts) is not part of the declared layout.
  expect(resourcesOf(stack, 'databricks_schema').filter(([id]) => !id.startsWith('cluster-logs_')).map(([, s]) => s.name).sort()).toEqual(['bronze', 'gold']);
});

it('puts an external volume under the external location, outside managed storage', () => {
  const volume = resourceAt(stack, 'databricks_volume', 'catalogs/volume-sales-bronze-drops');
  expect(volume.volume_type).toBe('EXTERNAL');
  expect(volume.storage_location).toMatch(/^s3:\/\/\$\{aws_s3_bucket\..+\.bucket\}\/external\/variant_sales\/bronze\/drops$/);
});

it('uses explicit grants where declared (group keys resolved to display names) and the default model elsewhere', () => {
  expect(grantsOf('catalogs/catalog-sales-grants')).toEqual({ [groups.analysts]: ['BROWSE', 'USE_CATALOG'] });
  expect(grantsOf('catalogs/schema-sales-gold-grants')).toEqual({ [groups.analysts]: ['EXECUTE', 'SELECT', 'USE_SCHEMA'] });
  expect(grantsOf('catalogs/schema-sales-bronze-grants')).toEqual({
    [groups.dataEngineers]: ['CREATE_TABLE', 'MODIFY', 'READ_VOLUME', 'SELECT', 'USE_SCHEMA', 'WRITE_VOLUME'],
  });
  expect(grantsOf('unity-catalog/external-storage-location-grants')).toEqual({ [groups.dataEngineers]: ['CREATE_EXTERNAL_VOLUME', 'READ_FILES'] });
});

it('moves system schemas to the configured environment', () => {
  expect(resourcesOf(stack, 'databricks_system_schema').length).toBeGreaterThan(0);
  expect(resourcesOf(stacks.plain, 'databricks_system_schema')).toHaveLength(0);
});

describe('legacy Glue metastore', () => {
  const roleArn = `arn:aws:iam::${variant.aws.accountId}:role/${namePrefix}-variant-glue-data`;

  it('creates the data role for EC2 with Glue permissions on the environment account catalog', () => {
    const role = resourceAt(stack, 'aws_iam_role', 'glue-metastore/role');
    expect(role.name).toBe(`${namePrefix}-variant-glue-data`);
    const trust = statementsBySid(dataAt(stack, 'aws_iam_policy_document', 'glue-metastore/trust'));
    expect(trust.Ec2AssumeRole.principals).toEqual([{ type: 'Service', identifiers: ['ec2.amazonaws.com'] }]);
    const glue = statementsBySid(dataAt(stack, 'aws_iam_policy_document', 'glue-metastore/permissions')).GlueDataCatalog;
    expect(glue.resources).toEqual([`arn:aws:glue:${variant.aws.region}:${variant.aws.accountId}:*`]);
    expect(glue.actions).toEqual(expect.arrayContaining(['glue:GetTable', 'glue:CreateTable', 'glue:GetDatabases']));
  });

  it('registers the instance profile in the workspace and lets the cross-account role pass the role', () => {
    const profile = resourceAt(stack, 'databricks_instance_profile', 'glue-metastore/databricks-instance-profile');
    expect(profile.provider).toBe('databricks.workspace');
    expect(profile.instance_profile_arn).toMatch(/^\$\{aws_iam_instance_profile\..+\.arn\}$/);
    expect(dataAt(stack, 'databricks_aws_crossaccount_policy', 'cross-account-role/permissions').pass_roles).toEqual([roleArn]);
  });

  it('pins the instance profile and the Glue catalog setting in the baseline cluster policy', () => {
    const [[, policy]] = resourcesOf(stack, 'databricks_cluster_policy');
    const definition = JSON.parse(policy.definition);
    expect(definition['aws_attributes.instance_profile_arn']).toEqual({ type: 'fixed', value: expect.stringMatching(/^\$\{aws_iam_instance_profile\..+\.arn\}$/) });
    expect(definition['spark_conf.spark.databricks.hive.metastore.glueCatalog.enabled']).toEqual({ type: 'fixed', value: 'true' });
    expect(policy.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^databricks_instance_profile\./)]));
  });

  it('exposes the Spark setting for cluster policies', () => {
    expect(GLUE_CATALOG_SPARK_CONF).toEqual({ 'spark.databricks.hive.metastore.glueCatalog.enabled': 'true' });
    expect(glueCatalogPolicy('arn:aws:iam::1:instance-profile/x', '999999999999')).toEqual({
      'aws_attributes.instance_profile_arn': { type: 'fixed', value: 'arn:aws:iam::1:instance-profile/x' },
      'spark_conf.spark.databricks.hive.metastore.glueCatalog.enabled': { type: 'fixed', value: 'true' },
      'spark_conf.spark.hadoop.hive.metastore.glue.catalogid': { type: 'fixed', value: '999999999999' },
    });
  });
});
