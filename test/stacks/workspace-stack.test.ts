import { workspaceAssignments } from '../../environments/lib/groups';
import { WORKSPACE_REACHABLE_WAIT } from '../../constructs/databricks/workspace';
import { exampleConfig, refAt, resourceAt, resourcesOf, synthApp, dataAt, dataRefAt } from '../support/synth';

// Example tests: every expectation comes from the loaded example files.
const config = exampleConfig();
const stacks = synthApp(config);
const { namePrefix, state } = config.account;

describe.each(config.environments.map((env) => [env.name, env] as const))('workspace stack "%s"', (name, env) => {
  const stack = stacks[name];

  test('has its own encrypted, S3-locked remote state', () => {
    expect(stack.terraform.backend).toEqual({
      s3: {
        bucket: state.bucket,
        key: env.stateKey,
        region: state.region,
        encrypt: true,
        use_lockfile: true,
        kms_key_id: `arn:aws:kms:${state.region}:${state.accountId}:alias/${namePrefix}/shared/terraform-state`,
      },
    });
  });

  test('pins the AWS provider to the environment account with default tags and the deploy role', () => {
    const [aws] = stack.provider!.aws;
    expect(aws).toEqual({
      region: env.aws.region,
      allowed_account_ids: [env.aws.accountId],
      // With a plan role, the variable aws_role (TF_VAR_aws_role=plan in plan jobs) picks it.
      assume_role: [{
        role_arn: env.aws.planRoleArn ? `\${(var.aws_role == "plan") ? "${env.aws.planRoleArn}" : "${env.aws.deployRoleArn}"}` : env.aws.deployRoleArn,
        session_name: `cdktf-${name}`,
      }],
      default_tags: [{ tags: { ...env.tags, Environment: name, ManagedBy: 'cdktf' } }],
    });
  });

  test('has account and workspace Databricks providers without credentials', () => {
    const providers = stack.provider!.databricks;
    expect(providers).toEqual([
      { alias: 'account', host: 'https://accounts.cloud.databricks.com', account_id: env.databricksAccountId },
      // The host passes through the reachability wait, so every workspace-level call waits for it.
      { alias: 'workspace', host: refAt(stack, 'time_sleep', 'workspace/reachable', 'triggers.workspace_url') },
    ]);
    const wait = resourceAt(stack, 'time_sleep', 'workspace/reachable');
    expect(wait).toEqual({ create_duration: WORKSPACE_REACHABLE_WAIT, triggers: { workspace_url: refAt(stack, 'databricks_mws_workspaces', 'workspace/workspace', 'workspace_url') } });
    expect(JSON.stringify(stack.provider)).not.toMatch(/token|password|client_secret|secret_key/i);
  });

  test('creates the customer-managed VPC from the environment file', () => {
    const network = env.network.mode === 'create' ? env.network : undefined;
    expect(resourceAt(stack, 'aws_vpc', 'network/vpc').cidr_block).toBe(network!.vpcCidr);
    const cidrs = resourcesOf(stack, 'aws_subnet').map(([, s]) => s.cidr_block).sort();
    const privateLinkSubnets = env.privateLink.enabled ? env.privateLink.subnets : [];
    // Front-end PrivateLink and the firewall hub bring VPCs of their own (docs/network.md).
    const transit = env.privateLink.enabled && env.privateLink.frontEnd?.transitVpc.mode === 'create' ? env.privateLink.frontEnd.transitVpc.subnets : [];
    const hub = network!.firewall ? [...network!.firewall.transitSubnets, ...network!.firewall.firewallSubnets, ...network!.firewall.publicSubnets] : [];
    expect(cidrs).toEqual([...network!.privateSubnets, ...network!.publicSubnets, ...privateLinkSubnets, ...transit, ...hub].map((s) => s.cidr).sort());
    expect(resourcesOf(stack, 'aws_vpc_endpoint').map(([, e]) => e.service_name)).toEqual(
      expect.arrayContaining(['kinesis-streams', 's3', 'sts'].map((service) => `com.amazonaws.${env.aws.region}.${service}`)),
    );
  });

  test('registers credentials only after the cross-account role has propagated', () => {
    expect(resourceAt(stack, 'databricks_mws_credentials', 'workspace/credentials')).toMatchObject({
      credentials_name: `${namePrefix}-${name}-credentials`,
      role_arn: refAt(stack, 'aws_iam_role', 'cross-account-role/role', 'arn'),
      depends_on: [`time_sleep.${resourcesOf(stack, 'time_sleep')[0][0]}`],
    });
  });

  test('encrypts the root bucket with the workspace storage key and lets Databricks reach it', () => {
    const bucket = resourceAt(stack, 'aws_s3_bucket', 'workspace/root-bucket/bucket');
    expect(bucket.bucket).toBe(`${namePrefix}-${name}-root-${env.aws.accountId}`);
    const encryption = resourceAt(stack, 'aws_s3_bucket_server_side_encryption_configuration', 'root-bucket/encryption');
    const storageKey = env.encryption.shareKey ? 'keys/workspace-key' : 'keys/workspace-storage-key';
    expect(encryption.rule[0].apply_server_side_encryption_by_default).toEqual({ sse_algorithm: 'aws:kms', kms_master_key_id: refAt(stack, 'aws_kms_key', storageKey, 'arn') });
    const policy = dataAt(stack, 'aws_iam_policy_document', 'root-bucket/policy-document');
    if (env.databricks.restrictiveRootBucketPolicy) {
      // Restrictive root bucket policy: see test/stacks/root-bucket-policy.test.ts.
      expect(policy.source_policy_documents).toBeUndefined();
    } else {
      expect(policy.source_policy_documents).toEqual([dataRefAt(stack, 'databricks_aws_bucket_policy', 'root-bucket-access')]);
      // Only databricks_e2_account_id scopes the grant to our Databricks account (databricks_account_id is ignored).
      const access = dataAt(stack, 'databricks_aws_bucket_policy', 'root-bucket-access');
      expect(access.databricks_e2_account_id).toBe(env.databricksAccountId);
      expect(access).not.toHaveProperty('databricks_account_id');
    }
    expect(resourceAt(stack, 'databricks_mws_storage_configurations', 'workspace/storage').bucket_name).toBe(refAt(stack, 'aws_s3_bucket', 'root-bucket/bucket', 'bucket'));
  });

  test('workspace ACLs wait until the account groups are assigned to the workspace', () => {
    const assignments = resourcesOf(stack, 'databricks_mws_permission_assignment').map(([id]) => `databricks_mws_permission_assignment.${id}`);
    expect(assignments).toHaveLength(workspaceAssignments(config.account.groups).length);
    const acls = [...resourcesOf(stack, 'databricks_permissions'), ...resourcesOf(stack, 'databricks_secret_acl')];
    expect(acls.length).toBeGreaterThan(0);
    for (const [, acl] of acls) expect(acl.depends_on).toEqual(expect.arrayContaining(assignments));
  });

  test('creates the workspace with both customer-managed key configurations', () => {
    const workspace = resourceAt(stack, 'databricks_mws_workspaces', 'workspace/workspace');
    expect(workspace).toMatchObject({
      provider: 'databricks.account',
      account_id: env.databricksAccountId,
      workspace_name: env.databricks.workspaceName,
      deployment_name: env.databricks.deploymentName,
      aws_region: env.aws.region,
      pricing_tier: 'ENTERPRISE',
      credentials_id: refAt(stack, 'databricks_mws_credentials', 'workspace/credentials', 'credentials_id'),
      storage_configuration_id: refAt(stack, 'databricks_mws_storage_configurations', 'workspace/storage', 'storage_configuration_id'),
      network_id: refAt(stack, 'databricks_mws_networks', 'workspace/network', 'network_id'),
      custom_tags: { ...env.tags, Environment: name, ManagedBy: 'cdktf' },
    });
    const keyConfig = (suffix: string) => refAt(stack, 'databricks_mws_customer_managed_keys', suffix, 'customer_managed_key_id');
    if (env.encryption.shareKey) {
      expect(workspace.managed_services_customer_managed_key_id).toBe(keyConfig('workspace-config'));
      expect(workspace.storage_customer_managed_key_id).toBe(keyConfig('workspace-config'));
    } else {
      expect(workspace.managed_services_customer_managed_key_id).toBe(keyConfig('managed-services-config'));
      expect(workspace.storage_customer_managed_key_id).toBe(keyConfig('storage-config'));
    }
  });

  test('outputs the workspace URL and id', () => {
    expect(stack.output).toMatchObject({
      workspace_url: { value: refAt(stack, 'databricks_mws_workspaces', 'workspace/workspace', 'workspace_url') },
      workspace_id: { value: refAt(stack, 'databricks_mws_workspaces', 'workspace/workspace', 'workspace_id') },
    });
  });

  test(env.protect ? 'protects every stateful resource from destroy' : 'leaves stateful resources destroyable (protect: false)', () => {
    const stateful = ['aws_s3_bucket', 'aws_kms_key', 'databricks_mws_workspaces', 'databricks_mws_customer_managed_keys'];
    for (const type of stateful) {
      for (const [resourceName, resource] of resourcesOf(stack, type)) {
        expect([resourceName, resource.lifecycle?.prevent_destroy ?? false]).toEqual([resourceName, env.protect]);
      }
    }
    for (const [, bucket] of resourcesOf(stack, 'aws_s3_bucket')) expect(bucket.force_destroy).toBe(false);
  });
});

describe('every stack', () => {
  test.each(Object.keys(stacks))('%s: every bucket is SSE-KMS with a customer-managed key created in the stack', (name) => {
    const stack = stacks[name];
    const buckets = resourcesOf(stack, 'aws_s3_bucket');
    const encryption = resourcesOf(stack, 'aws_s3_bucket_server_side_encryption_configuration').map(([, e]) => e);
    expect(encryption).toHaveLength(buckets.length);
    const keyArns = resourcesOf(stack, 'aws_kms_key').map(([keyName]) => `\${aws_kms_key.${keyName}.arn}`);
    for (const [bucketName] of buckets) {
      const config = encryption.find((e) => e.bucket === `\${aws_s3_bucket.${bucketName}.id}`);
      expect(config?.rule[0].apply_server_side_encryption_by_default.sse_algorithm).toBe('aws:kms');
      expect(keyArns).toContain(config?.rule[0].apply_server_side_encryption_by_default.kms_master_key_id);
      expect(config?.rule[0].bucket_key_enabled).toBe(true);
    }
  });

  test.each(Object.keys(stacks))('%s: every KMS key rotates', (name) => {
    for (const [, key] of resourcesOf(stacks[name], 'aws_kms_key')) expect(key.enable_key_rotation).toBe(true);
  });
});
