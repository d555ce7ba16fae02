import { loadConfig } from '../../environments';
import type { EnvironmentInput } from '../../environments/schema';
import { nccName } from '../../constructs/databricks/serverless-network';
import { writeEnvironmentsDir } from '../support/environment-files';
import { fixtureAccount, FIXTURE_REGION, natEnvironment } from '../support/network-fixture';
import { dataOf, refAt, resourceAt, resourcesOf, synthApp } from '../support/synth';

const serverlessEnvironment = (serverless: Record<string, unknown>): EnvironmentInput => ({ ...natEnvironment(), serverless } as EnvironmentInput);

function synth(env: EnvironmentInput, accountChanges: Record<string, unknown> = { serverlessNetworkConnectivity: true }) {
  const account = { ...fixtureAccount(), ...accountChanges };
  return { stacks: synthApp(loadConfig(writeEnvironmentsDir(account, { spec: env }))), account };
}

describe('serverless network security', () => {
  const { stacks, account } = synth(
    serverlessEnvironment({
      networkConnectivity: true,
      egress: { restricted: true, allowedDomains: ['api.partner.example'], allowedBuckets: [{ bucket: 'partner-drop-zone', region: 'eu-west-1' }] },
    }),
  );
  const stack = stacks.spec;
  const bucketRef = (suffix: string) => refAt(stack, 'aws_s3_bucket', suffix, 'bucket');

  test('the account stack creates one NCC per metastore region, named for lookup', () => {
    const nccs = resourcesOf(stacks.account, 'databricks_mws_network_connectivity_config').map(([, n]) => [n.name, n.region]);
    expect(nccs).toEqual(account.metastoreRegions.map((region) => [nccName(account.namePrefix, region), region]));
  });

  test('the workspace binds its region\'s NCC and reaches its buckets through an S3 private endpoint rule', () => {
    const [[lookupName, lookup]] = dataOf(stack, 'databricks_mws_network_connectivity_config');
    expect(lookup.name).toBe(nccName(account.namePrefix, FIXTURE_REGION));
    const nccId = `\${data.databricks_mws_network_connectivity_config.${lookupName}.network_connectivity_config_id}`;
    const workspaceId = refAt(stack, 'databricks_mws_workspaces', 'workspace/workspace', 'workspace_id');
    expect(resourceAt(stack, 'databricks_mws_ncc_binding', 'ncc-binding')).toMatchObject({ network_connectivity_config_id: nccId, workspace_id: workspaceId });
    const rule = resourceAt(stack, 'databricks_mws_ncc_private_endpoint_rule', 's3-private-endpoint');
    expect(rule).toMatchObject({ network_connectivity_config_id: nccId, endpoint_service: `com.amazonaws.${FIXTURE_REGION}.s3` });
    expect(rule.resource_names).toEqual([bucketRef('root-bucket/bucket'), bucketRef('unity-catalog/bucket/bucket')]);
  });

  test('the network policy restricts egress to the catalogs\' storage plus the declared destinations, and is attached', () => {
    const policy = resourceAt(stack, 'databricks_account_network_policy', 'egress-policy');
    expect(policy.network_policy_id).toBe(`${account.namePrefix}-spec`);
    expect(policy.network_policy_id.length).toBeLessThanOrEqual(32);
    const access = policy.egress.network_access;
    expect(access.restriction_mode).toBe('RESTRICTED_ACCESS');
    expect(access.policy_enforcement).toEqual({ enforcement_mode: 'ENFORCED' });
    expect(access.allowed_internet_destinations).toEqual([{ destination: 'api.partner.example', internet_destination_type: 'DNS_NAME' }]);
    expect(access.allowed_storage_destinations).toEqual([
      { bucket_name: bucketRef('unity-catalog/bucket/bucket'), region: FIXTURE_REGION, storage_destination_type: 'AWS_S3' },
      { bucket_name: 'partner-drop-zone', region: 'eu-west-1', storage_destination_type: 'AWS_S3' },
    ]);
    expect(resourceAt(stack, 'databricks_workspace_network_option', 'network-option')).toMatchObject({
      workspace_id: refAt(stack, 'databricks_mws_workspaces', 'workspace/workspace', 'workspace_id'),
      network_policy_id: refAt(stack, 'databricks_account_network_policy', 'egress-policy', 'network_policy_id'),
    });
  });

  test('a metastore root in the region joins the private buckets and the storage destinations', () => {
    const root = 'spec-metastore-root-bucket';
    const { stacks: withRoot } = synth(serverlessEnvironment({ networkConnectivity: true, egress: { restricted: true, enforcement: 'dry-run' } }), {
      serverlessNetworkConnectivity: true,
      metastoreStorageRoot: { [FIXTURE_REGION]: `s3://${root}/metastore` },
    });
    expect(resourceAt(withRoot.spec, 'databricks_mws_ncc_private_endpoint_rule', 's3-private-endpoint').resource_names).toContain(root);
    const access = resourceAt(withRoot.spec, 'databricks_account_network_policy', 'egress-policy').egress.network_access;
    expect(access.allowed_storage_destinations.map((d: { bucket_name: string }) => d.bucket_name)).toContain(root);
    expect(access.policy_enforcement).toEqual({ enforcement_mode: 'DRY_RUN' });
    expect(access.allowed_internet_destinations).toEqual([]);
  });

  test('by default serverless is left alone and the account creates no NCC', () => {
    const { stacks: plain } = synth(natEnvironment(), {});
    for (const type of ['databricks_mws_network_connectivity_config', 'databricks_mws_ncc_binding', 'databricks_account_network_policy', 'databricks_workspace_network_option']) {
      expect(resourcesOf(plain.spec, type)).toEqual([]);
      expect(resourcesOf(plain.account, type)).toEqual([]);
    }
  });

  test('validation: NCC binding needs the account\'s NCCs; destinations need restricted egress', () => {
    expect(() => synth(serverlessEnvironment({ networkConnectivity: true }), {})).toThrow(
      'serverless.networkConnectivity: needs account.serverlessNetworkConnectivity: true',
    );
    expect(() => synth(serverlessEnvironment({ egress: { allowedDomains: ['pypi.org'] } }))).toThrow(
      'serverless.egress.restricted: must be true when allowedDomains or allowedBuckets are listed',
    );
  });
});
