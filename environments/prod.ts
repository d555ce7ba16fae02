import type { EnvironmentInput } from './schema';

const prod: EnvironmentInput = {
  name: 'prod',
  aws: {
    accountId: '432109876543',
    region: 'eu-west-1',
    deployRoleArn: 'arn:aws:iam::432109876543:role/platform-terraform-deploy',
    planRoleArn: 'arn:aws:iam::432109876543:role/platform-terraform-plan',
    keyAdministratorArns: ['arn:aws:iam::432109876543:role/platform-terraform-deploy', 'arn:aws:iam::432109876543:role/security-key-admins'],
  },
  databricks: {
    workspaceName: 'acme-prod',
    deploymentName: 'acme-prod',
  },
  network: {
    mode: 'create',
    vpcCidr: '10.30.0.0/16',
    privateSubnets: [
      { cidr: '10.30.0.0/19', availabilityZone: 'eu-west-1a' },
      { cidr: '10.30.32.0/19', availabilityZone: 'eu-west-1b' },
      { cidr: '10.30.64.0/19', availabilityZone: 'eu-west-1c' },
    ],
    // Strictest egress: no NAT or internet gateway; AWS endpoints with restrictive policies and back-end
    // PrivateLink (privateLink below) are the only ways out. See docs/network.md.
    egress: 'isolated',
  },
  tags: { Owner: 'data-platform', CostCenter: 'CC-1300', DataClassification: 'confidential' },
  protect: true,
  // Prod audit logs also land under <prefix>/environments/prod for the security team's SIEM.
  logDelivery: { enabled: true, billableUsage: false },
  budget: { amountUsd: 20000, alertThresholdsPercent: [80, 100], recipients: ['data-platform@example.com', 'finops@example.com'] },
  workspaceSecurity: {
    // Automation uses OAuth service principals; tokens only for admins, and short-lived.
    tokens: { maxLifetimeDays: 30, allowedGroups: ['admins'] },
    ipAccessLists: {
      enabled: true,
      allow: [
        { label: 'corporate-egress', addresses: ['203.0.113.0/24'] },
        { label: 'ci-runners', addresses: ['198.51.100.10', '198.51.100.11'] },
      ],
      block: [{ label: 'guest-wifi', addresses: ['203.0.113.192/26'] }],
    },
    hardening: {
      complianceSecurityProfile: { enabled: true, standards: ['HIPAA'] },
      enhancedSecurityMonitoring: true,
      automaticClusterUpdate: true,
      restrictWorkspaceAdmins: true,
    },
  },
  secretScopes: [
    {
      name: 'prod-pipelines',
      acls: [
        { group: 'admins', permission: 'MANAGE' },
        { group: 'dataEngineers', permission: 'READ' },
      ],
      secrets: [
        { key: 'warehouse-password', source: 'environment' },
        { key: 'webhook-signing-key', source: 'generated', length: 64 },
      ],
    },
  ],
  // Dedicated access mode only: the node-traffic init script comes from a workspace file, which standard
  // access mode does not run (docs/node-traffic-encryption.md#compatibility).
  clusterPolicy: { maxDbuPerHour: 100, maxWorkers: 20, dataSecurityModes: ['SINGLE_USER'] },
  privateLink: {
    enabled: true,
    subnets: [
      { cidr: '10.30.131.0/28', availabilityZone: 'eu-west-1a' },
      { cidr: '10.30.131.16/28', availabilityZone: 'eu-west-1b' },
      { cidr: '10.30.131.32/28', availabilityZone: 'eu-west-1c' },
    ],
    // Strictest: no public access; users (VPN) and the self-hosted deploy runners reach the workspace
    // through the front-end endpoint in a transit VPC (docs/network.md, "Front-end PrivateLink").
    publicAccessEnabled: false,
    frontEnd: {
      transitVpc: {
        mode: 'create',
        vpcCidr: '10.31.0.0/24',
        subnets: [
          { cidr: '10.31.0.0/28', availabilityZone: 'eu-west-1a' },
          { cidr: '10.31.0.16/28', availabilityZone: 'eu-west-1b' },
        ],
      },
      clientCidrs: ['172.16.0.0/12'],
    },
  },
  // Serverless compute: private paths to the workspace buckets through the region's NCC, and egress
  // limited to the catalogs' storage (no internet destinations).
  serverless: { networkConnectivity: true, egress: { restricted: true } },
  // Defence in depth: the init script on instance types that also encrypt in hardware.
  nodeTrafficEncryption: { mode: 'both' },
};

export default prod;
