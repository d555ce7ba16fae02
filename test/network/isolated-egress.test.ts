import { loadConfig } from '../../environments';
import { DATABRICKS_CONTROL_PLANE_AWS_ACCOUNT, DATABRICKS_REGIONS } from '../../environments/schema';
import { writeEnvironmentsDir } from '../support/environment-files';
import { fixtureAccount, FIXTURE_REGION, isolatedEnvironment, natEnvironment } from '../support/network-fixture';
import { resourceAt, resourcesOf, synthApp, type Synthesized } from '../support/synth';

function synthSpec(env = isolatedEnvironment()): Synthesized {
  return synthApp(loadConfig(writeEnvironmentsDir(fixtureAccount(), { spec: env }))).spec;
}

type Statement = { Sid: string; Effect: string; Principal: unknown; Action: string[]; Resource: string | string[]; Condition?: Record<string, Record<string, string[]>> };
const statementsOf = (policy: string): Record<string, Statement> =>
  Object.fromEntries((JSON.parse(policy).Statement as Statement[]).map((s) => [s.Sid, s]));
const arns = (...buckets: string[]) => buckets.flatMap((b) => [`arn:aws:s3:::${b}`, `arn:aws:s3:::${b}/*`]);

describe('egress "isolated"', () => {
  const stack = synthSpec();
  const env = isolatedEnvironment();
  const vpcCidr = (env.network as { vpcCidr: string }).vpcCidr;
  const accountId = env.aws.accountId;
  const region = DATABRICKS_REGIONS[FIXTURE_REGION]!;
  const databricksRoot = `arn:aws:iam::${DATABRICKS_CONTROL_PLANE_AWS_ACCOUNT}:root`;

  test('has no NAT gateway, internet gateway, elastic IP or default route', () => {
    for (const type of ['aws_nat_gateway', 'aws_internet_gateway', 'aws_eip', 'aws_egress_only_internet_gateway']) {
      expect(resourcesOf(stack, type)).toEqual([]);
    }
    const routes = resourcesOf(stack, 'aws_route').map(([, route]) => route);
    expect(routes.filter((route) => route.destination_cidr_block === '0.0.0.0/0')).toEqual([]);
  });

  test('the workspace security group reaches only itself, the VPC and the S3 prefix list', () => {
    const sg = `\${aws_security_group.${resourcesOf(stack, 'aws_security_group').find(([, g]) => g.name.endsWith('-workspace'))![0]}.id}`;
    const egress = resourcesOf(stack, 'aws_vpc_security_group_egress_rule').map(([, r]) => r).filter((r) => r.security_group_id === sg);
    expect(egress.length).toBeGreaterThan(0);
    for (const rule of egress) {
      const destinations = [rule.cidr_ipv4, rule.referenced_security_group_id, rule.prefix_list_id].filter(Boolean);
      expect(destinations).toHaveLength(1);
      if (rule.cidr_ipv4) expect(rule.cidr_ipv4).toBe(vpcCidr);
      if (rule.referenced_security_group_id) expect(rule.referenced_security_group_id).toBe(sg);
      if (rule.prefix_list_id) expect(rule).toMatchObject({ ip_protocol: 'tcp', from_port: 443, to_port: 443 });
    }
    expect(egress.some((r) => r.from_port === 3306)).toBe(false);
    const prefixList = Object.entries(stack.data?.aws_ec2_managed_prefix_list ?? {});
    expect(prefixList.map(([, d]) => d.name)).toEqual([`com.amazonaws.${FIXTURE_REGION}.s3`]);
    expect(egress.find((r) => r.prefix_list_id)!.prefix_list_id).toBe(`\${data.aws_ec2_managed_prefix_list.${prefixList[0][0]}.id}`);
  });

  test('back-end PrivateLink endpoints exist (the only path to the control plane)', () => {
    const services = resourcesOf(stack, 'aws_vpc_endpoint').map(([, e]) => e.service_name);
    expect(services).toEqual(expect.arrayContaining([region.workspace, region.relay]));
  });

  test('the S3 endpoint policy allows only the workspace buckets and Databricks\' regional buckets, statement by statement', () => {
    const s3 = resourceAt(stack, 'aws_vpc_endpoint', 'network/s3-endpoint');
    const statements = statementsOf(s3.policy);
    expect(Object.keys(statements).sort()).toEqual(['DatabricksArtifacts', 'DatabricksDatasetsAndSystemTables', 'DatabricksLogs', 'WorkspaceStorage']);
    expect(Object.values(statements).every((s) => s.Effect === 'Allow')).toBe(true);

    // The workspace buckets are exactly the buckets this stack creates.
    const buckets = resourcesOf(stack, 'aws_s3_bucket').map(([, b]) => b.bucket as string);
    expect(buckets.length).toBeGreaterThan(0);
    expect([...statements.WorkspaceStorage.Resource].sort()).toEqual(arns(...buckets).sort());
    expect(statements.WorkspaceStorage.Principal).toEqual({ AWS: [`arn:aws:iam::${accountId}:root`, databricksRoot] });
    expect(statements.WorkspaceStorage.Action).toEqual(expect.arrayContaining(['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:ListBucket']));

    expect(statements.DatabricksArtifacts.Resource).toEqual(arns(...region.artifactBuckets));
    expect(statements.DatabricksArtifacts.Action.some((a) => /Put|Delete/.test(a))).toBe(false);
    // The one wildcard principal is pinned to buckets Databricks owns.
    expect(statements.DatabricksArtifacts.Principal).toBe('*');
    expect(statements.DatabricksArtifacts.Condition).toEqual({ StringEquals: { 'aws:ResourceAccount': [DATABRICKS_CONTROL_PLANE_AWS_ACCOUNT] } });

    expect(statements.DatabricksDatasetsAndSystemTables.Resource).toEqual(arns(region.datasetsBucket, region.systemTablesBucket));
    expect(statements.DatabricksDatasetsAndSystemTables.Principal).toEqual({ AWS: [databricksRoot] });
    expect(statements.DatabricksDatasetsAndSystemTables.Action.some((a) => /Put|Delete/.test(a))).toBe(false);

    expect(statements.DatabricksLogs.Resource).toEqual(arns(region.logBucket));
    expect(statements.DatabricksLogs.Principal).toEqual({ AWS: [databricksRoot] });
    expect(statements.DatabricksLogs.Action).not.toContain('s3:GetObject');
  });

  test('the STS endpoint serves only the workspace account and Databricks', () => {
    const statements = statementsOf(resourceAt(stack, 'aws_vpc_endpoint', 'network/sts-endpoint').policy);
    expect(Object.keys(statements).sort()).toEqual(['DatabricksSessions', 'WorkspaceAccountSessions']);
    expect(statements.WorkspaceAccountSessions.Principal).toEqual({ AWS: [`arn:aws:iam::${accountId}:root`] });
    const databricksPrincipals = (statements.DatabricksSessions.Principal as { AWS: string[] }).AWS;
    expect(databricksPrincipals.every((p) => p.startsWith(`arn:aws:iam::${DATABRICKS_CONTROL_PLANE_AWS_ACCOUNT}:`))).toBe(true);
    for (const statement of Object.values(statements)) expect(statement.Action.every((a) => a.startsWith('sts:') && a !== 'sts:*')).toBe(true);
  });

  test('the Kinesis endpoint only writes to Databricks\' streams in the region', () => {
    const statements = statementsOf(resourceAt(stack, 'aws_vpc_endpoint', 'network/kinesis-streams-endpoint').policy);
    expect(Object.keys(statements)).toEqual(['DatabricksStreams']);
    expect(statements.DatabricksStreams).toMatchObject({
      Effect: 'Allow',
      Principal: { AWS: [databricksRoot] },
      Resource: [`arn:aws:kinesis:${FIXTURE_REGION}:${DATABRICKS_CONTROL_PLANE_AWS_ACCOUNT}:stream/*`],
    });
    expect(statements.DatabricksStreams.Action.sort()).toEqual(['kinesis:DescribeStream', 'kinesis:PutRecord', 'kinesis:PutRecords']);
  });
});

describe('egress "nat" keeps today\'s network', () => {
  const stack = synthSpec(natEnvironment());

  test('routes through NAT and leaves the endpoints without policies', () => {
    expect(resourcesOf(stack, 'aws_nat_gateway').length).toBeGreaterThan(0);
    expect(resourcesOf(stack, 'aws_route').some(([, r]) => r.destination_cidr_block === '0.0.0.0/0' && r.nat_gateway_id)).toBe(true);
    for (const [, endpoint] of resourcesOf(stack, 'aws_vpc_endpoint')) expect(endpoint.policy).toBeUndefined();
  });
});
