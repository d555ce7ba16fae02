import type { AccountInput, EnvironmentInput } from '../../environments/schema';

type Inputs = { account: AccountInput & Record<string, any>; environments: Record<string, EnvironmentInput & Record<string, any>> };

/** One bad input: how to break the fixture (or raw files to add), and the exact problems it must produce. */
export interface BadInputCase {
  readonly title: string;
  readonly change?: (inputs: Inputs) => void;
  /** Raw files to add, e.g. TypeScript an environment author might write. */
  readonly files?: Record<string, string> | ((inputs: Inputs) => Record<string, string>);
  readonly problems: string[];
}

const A = 'environment "alpha" (alpha.json)';
const B = 'environment "beta" (beta.json)';
const ACCOUNT = 'account (account.json)';
const any = (value: unknown) => value as any;

/** Moves environment `from` to the file and name `to`; returns it for further changes. */
function rename(inputs: Inputs, from: string, to: string): EnvironmentInput {
  const environment = { ...inputs.environments[from], name: to };
  delete inputs.environments[from];
  inputs.environments[to] = environment;
  return environment;
}

/** A TypeScript environment file: beta's settings under another name, with `extra` merged in; "Infinity"/"NaN" become the JS values. */
function tsEnvironment(inputs: Inputs, name: string, extra: Record<string, unknown>): Record<string, string> {
  const { beta } = inputs.environments;
  const environment = { ...beta, name, databricks: { ...beta.databricks, workspaceName: `fx-${name}`, deploymentName: `fx-${name}` }, aws: { ...beta.aws, accountId: '500000000005', deployRoleArn: 'arn:aws:iam::500000000005:role/deploy' }, secretScopes: [], ...extra };
  const text = JSON.stringify(environment, null, 2).replace(/"(Infinity|NaN)"/g, '$1');
  return { [`${name}.ts`]: `export default ${text};\n` };
}

/**
 * The corpus: every class of issue #15 (crashes, template injection refused at the source, accepted
 * but wrong, unclear) plus the classic mistakes. Each entry states the complete list of problems.
 */
export const BAD_INPUT_CASES: BadInputCase[] = [
  // Crashes: refinements doing CIDR arithmetic on a value that failed its own rule.
  { title: 'a /33 VPC CIDR', change: (i) => (any(i.environments.alpha.network).vpcCidr = '10.10.0.0/33'), problems: [
      `${A}: network.vpcCidr: must be an IPv4 CIDR block with its network address, e.g. 10.10.0.0/16; got "10.10.0.0/33"`,
    ] },
  { title: 'a VPC CIDR that is not an address', change: (i) => (any(i.environments.alpha.network).vpcCidr = 'banana'), problems: [`${A}: network.vpcCidr: must be an IPv4 CIDR block with its network address, e.g. 10.10.0.0/16; got "banana"`] },
  { title: 'a subnet CIDR that is not an address', change: (i) => (any(i.environments.alpha.network).privateSubnets[0].cidr = 'banana'), problems: [
      `${A}: network.privateSubnets.0.cidr: must be an IPv4 CIDR block with its network address, e.g. 10.10.0.0/16; got "banana"`,
    ] },
  {
    title: 'a PrivateLink subnet CIDR that is not an address',
    change: (i) => (i.environments.alpha.privateLink = { enabled: true, subnets: [{ cidr: '10.10.300.0/28', availabilityZone: 'eu-west-1a' }] }),
    problems: [
      `${A}: privateLink.subnets.0.cidr: must be an IPv4 CIDR block with its network address, e.g. 10.10.0.0/16; got "10.10.300.0/28"`,
    ],
  },
  {
    title: 'an IP access list entry that is not an address',
    change: (i) => (i.environments.alpha.workspaceSecurity = { ipAccessLists: { enabled: true, allow: [{ label: 'office', addresses: ['300.1.1.1/8'] }] } }),
    problems: [
      `${A}: workspaceSecurity.ipAccessLists.allow.0.addresses.0: must be an IPv4 address (203.0.113.7) or an IPv4 CIDR with its network address (203.0.113.0/24); got "300.1.1.1/8"`,
    ],
  },
  {
    title: 'node types without hardware encryption under node-traffic mode "both"',
    change: (i) => {
      i.environments.alpha.nodeTrafficEncryption = { mode: 'both' };
      i.environments.alpha.clusterPolicy = { nodeTypes: ['m5.xlarge'], dataSecurityModes: ['SINGLE_USER'] };
    },
    problems: [
      `${A}: clusterPolicy.nodeTypes.0: m5.xlarge does not encrypt traffic between instances in hardware, which nodeTrafficEncryption.mode "both" requires; use a family of IN_TRANSIT_ENCRYPTING_FAMILIES (e.g. m6id, r6id) or mode "init-script"`,
    ],
  },
  {
    title: 'one node type without hardware encryption under node-traffic mode "nitro-only"',
    change: (i) => {
      i.environments.alpha.nodeTrafficEncryption = { mode: 'nitro-only' };
      i.environments.alpha.clusterPolicy = { nodeTypes: ['m6i.xlarge', 'm5d.large'] };
    },
    problems: [
      `${A}: clusterPolicy.nodeTypes.1: m5d.large does not encrypt traffic between instances in hardware, which nodeTrafficEncryption.mode "nitro-only" requires; use a family of IN_TRANSIT_ENCRYPTING_FAMILIES (e.g. m6id, r6id) or mode "init-script"`,
    ],
  },
  { title: 'a runtime pattern that is not a regular expression', change: (i) => (i.environments.alpha.clusterPolicy = { runtimeVersionPattern: '^(15' }), problems: [`${A}: clusterPolicy.runtimeVersionPattern: must be a valid regular expression`] },
  { title: 'an environment file whose code throws', files: { 'gamma.ts': 'const parts = ["a"];\nexport default { name: parts[3].toUpperCase() };\n' }, problems: [
      "environment \"gamma\" (gamma.ts): (file): cannot be loaded: TypeError: Cannot read properties of undefined (reading 'toUpperCase')",
    ] },
  { title: 'an environment file that throws a string', files: { 'gamma.ts': 'throw "not ready";\n' }, problems: ["environment \"gamma\" (gamma.ts): (file): cannot be loaded: threw \"not ready\""] },
  { title: 'an environment whose getter throws while validated', files: { 'gamma.ts': 'export default { get name(): string { throw new Error("computed too early"); } };\n' }, problems: ["environment \"gamma\" (gamma.ts): (file): reading its values threw: computed too early"] },
  { title: 'a TypeScript syntax error', files: { 'gamma.ts': 'export default {\n  name: "gamma",,\n};\n' }, problems: [
      "environment \"gamma\" (gamma.ts): (file): cannot be loaded: line 2, column 17: Property assignment expected. (TS1136)",
    ] },
  { title: 'invalid JSON', files: { 'gamma.json': '{ "name": "gamma", }' }, problems: [
      "environment \"gamma\" (gamma.json): (file): cannot be loaded: SyntaxError: Expected double-quoted property name in JSON at position 19",
    ] },
  { title: 'a file that exports nothing', files: { 'gamma.ts': 'const gamma = { name: "gamma" };\nvoid gamma;\n' }, problems: [
      "environment \"gamma\" (gamma.ts): (file): must export its configuration as `export default <object>`; it exports nothing",
    ] },

  // Template sequences where the characters are not allowed at all.
  { title: 'a tag key with an interpolation', change: (i) => (i.environments.alpha.tags['${var.db_password}'] = 'x'), problems: [
      `${A}: tags.\${var.db_password}: tag key "\${var.db_password}" contains characters AWS tags do not allow (letters, digits, spaces and _ . : / = + - @)`,
    ] },
  { title: 'a tag value with a template directive', change: (i) => (i.environments.alpha.tags.Team = '%{ if true }x%{ endif }'), problems: [`${A}: tags.Team: contains characters AWS tags do not allow`] },
  {
    title: 'an IP access list label with an interpolation',
    change: (i) => (i.environments.alpha.workspaceSecurity = { ipAccessLists: { enabled: true, allow: [{ label: '${var.x}', addresses: ['203.0.113.0/24'] }] } }),
    problems: [`${A}: workspaceSecurity.ipAccessLists.allow.0.label: must be letters, digits, spaces, _ . or -`],
  },
  { title: 'a schema property with an interpolation', change: (i) => (i.environments.alpha.unityCatalog = { catalogs: [{ name: 'lake', schemas: [{ name: 'raw', properties: { owner: '${var.x}' } }] }] }), problems: [`${A}: unityCatalog.catalogs.0.schemas.0.properties.owner: contains characters AWS tags do not allow`] },

  // Accepted but wrong before: names that collide or break the service's rules.
  {
    title: 'catalogs colliding in one metastore (alpha + eu_lake vs alpha-eu + lake)',
    change: (i) => {
      i.environments.alpha.unityCatalog = { catalogs: [{ name: 'eu_lake', schemas: [{ name: 'raw' }] }] };
      rename(i, 'beta', 'alpha-eu').unityCatalog = { catalogs: [{ name: 'lake', schemas: [{ name: 'raw' }] }] };
    },
    problems: [
      `${A}: unityCatalog.catalogs.0.name: catalog "alpha_eu_lake" is already used by environment "alpha-eu" (unityCatalog.catalogs.0.name) in the eu-west-1 metastore; names in one namespace must be unique, rename one`,
    ],
  },
  { title: 'a secret scope named like the generated one', change: (i) => {
      i.environments.alpha.nodeTrafficEncryption = { mode: 'init-script' };
      i.environments.alpha.clusterPolicy = { dataSecurityModes: ['SINGLE_USER'] };
      any(i.environments.alpha.secretScopes)[0].name = 'fx-alpha-node-traffic-encryption';
    }, problems: [
      `${A}: secretScopes.0.name: secret scope "fx-alpha-node-traffic-encryption" is already created by nodeTrafficEncryption in workspace fx-alpha; names in one namespace must be unique, rename one`,
    ] },
  { title: 'a state bucket starting with xn--', change: (i) => (i.account.state.bucket = 'xn--state-bucket'), problems: [`${ACCOUNT}: state.bucket: must not start with "xn--" (reserved by S3); got "xn--state-bucket"`] },
  { title: 'a state bucket formatted as an IP address', change: (i) => (i.account.state.bucket = '192.168.5.4'), problems: [`${ACCOUNT}: state.bucket: must not be formatted as an IP address; got "192.168.5.4"`] },
  { title: 'a state bucket of 64 characters', change: (i) => (i.account.state.bucket = `fx-${'s'.repeat(61)}`), problems: [
      `${ACCOUNT}: state.bucket: must be 3 to 63 characters (S3 bucket naming rules); "fx-sssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss" has 64`,
    ] },
  { title: 'a state bucket ending in -s3alias', change: (i) => (i.account.state.bucket = 'fx-state-s3alias'), problems: [`${ACCOUNT}: state.bucket: must not end with "-s3alias" (reserved by S3); got "fx-state-s3alias"`] },
  { title: 'a state bucket with adjacent dots', change: (i) => (i.account.state.bucket = 'fx..state'), problems: [`${ACCOUNT}: state.bucket: must not contain two adjacent dots; got "fx..state"`] },
  { title: 'an external log bucket starting with sthree-', change: (i) => (i.account.logDelivery = { bucket: { mode: 'external', name: 'sthree-logs', accountId: '100000000001' } }), problems: [`${ACCOUNT}: logDelivery.bucket.name: must not start with "sthree-" (reserved by S3); got "sthree-logs"`] },
  { title: 'an external log bucket that is the state bucket', change: (i) => (i.account.logDelivery = { bucket: { mode: 'external', name: 'fx-terraform-state-100000000001', accountId: '100000000001' } }), problems: [
      `${ACCOUNT}: logDelivery.bucket.name: bucket "fx-terraform-state-100000000001" is already created by state.bucket in S3 (global); names in one partition must be unique, rename one`,
    ] },
  { title: 'a name prefix that makes every generated bucket start with xn--', change: (i) => (i.account.namePrefix = 'xn--fx'), problems: [
      `${ACCOUNT}: namePrefix: bucket name must not start with "xn--" (reserved by S3); got "xn--fx-account-logs-100000000001"; the name is <namePrefix>-<environment>-<purpose>-<AWS account>: change account.namePrefix`,
      `${A}: name: bucket name must not start with "xn--" (reserved by S3); got "xn--fx-alpha-root-200000000002"; the name is <namePrefix>-<environment>-<purpose>-<AWS account>: change account.namePrefix or the environment name`,
      `${A}: name: bucket name must not start with "xn--" (reserved by S3); got "xn--fx-alpha-catalog-200000000002"; the name is <namePrefix>-<environment>-<purpose>-<AWS account>: change account.namePrefix or the environment name`,
      `${B}: name: bucket name must not start with "xn--" (reserved by S3); got "xn--fx-beta-root-300000000003"; the name is <namePrefix>-<environment>-<purpose>-<AWS account>: change account.namePrefix or the environment name`,
      `${B}: name: bucket name must not start with "xn--" (reserved by S3); got "xn--fx-beta-catalog-300000000003"; the name is <namePrefix>-<environment>-<purpose>-<AWS account>: change account.namePrefix or the environment name`,
    ] },
  { title: 'a state key outside keyPrefix', change: (i) => (i.environments.alpha.state = { key: 'other/alpha.tfstate' }), problems: [
      `${A}: state.key: "other/alpha.tfstate" is outside account.state.keyPrefix "fx"; use "fx/alpha.tfstate" or leave it out`,
    ] },
  { title: 'a state key escaping keyPrefix with ..', change: (i) => (i.environments.alpha.state = { key: 'fx/../alpha.tfstate' }), problems: [
      `${A}: state.key: "fx/../alpha.tfstate" is outside account.state.keyPrefix "fx"; use "fx/alpha.tfstate" or leave it out`,
    ] },
  { title: 'two stacks sharing a state key', change: (i) => (i.environments.beta.state = { key: 'fx/alpha.tfstate' }), problems: ["stack \"beta\": state.key: \"fx/alpha.tfstate\" is already the state key of stack \"alpha\""] },
  {
    title: 'an existing managed-services key in another region',
    change: (i) => (i.environments.alpha.encryption = { managedServices: { existingKeyArn: 'arn:aws:kms:us-east-1:200000000002:key/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' } }),
    problems: [
      `${A}: encryption.managedServices.existingKeyArn: is in region us-east-1; the key must be in the workspace region eu-west-1`,
    ],
  },
  {
    title: 'an existing storage key in another region',
    change: (i) => (i.environments.alpha.encryption = { storage: { existingKeyArn: 'arn:aws:kms:eu-central-1:200000000002:key/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' } }),
    problems: [
      `${A}: encryption.storage.existingKeyArn: is in region eu-central-1; the key must be in the workspace region eu-west-1`,
    ],
  },
  { title: 'an environment deploy role in another AWS account', change: (i) => (i.environments.alpha.aws.deployRoleArn = 'arn:aws:iam::999999999999:role/deploy'), problems: [
      `${A}: aws.deployRoleArn: is in AWS account 999999999999, but the provider only allows aws.accountId 200000000002; use a role in 200000000002`,
    ] },
  { title: 'an account deploy role in another AWS account', change: (i) => (i.account.aws.deployRoleArn = 'arn:aws:iam::999999999999:role/deploy'), problems: [
      `${ACCOUNT}: aws.deployRoleArn: is in AWS account 999999999999, but the provider only allows aws.accountId 100000000001; use a role in 100000000001`,
      `${ACCOUNT}: state.accountId: the bootstrap stack would assume arn:aws:iam::999999999999:role/deploy (AWS account 999999999999) to create the state bucket in account 100000000001; set state.roleArn to a role in 100000000001`,
    ] },
  {
    title: 'a state bucket in another account without a state role',
    change: (i) => (i.account.state.accountId = '400000000004'),
    problems: [
      `${ACCOUNT}: state.accountId: the bootstrap stack would assume arn:aws:iam::100000000001:role/deploy (AWS account 100000000001) to create the state bucket in account 400000000004; set state.roleArn to a role in 400000000004`,
    ],
  },
  { title: 'a tag key starting with aws:', change: (i) => (i.environments.alpha.tags['aws:createdBy'] = 'me'), problems: [
      `${A}: tags.aws:createdBy: tag key "aws:createdBy" starts with "aws:", a prefix AWS reserves for its own tags`,
    ] },
  { title: 'a tag key of 129 characters', change: (i) => (i.environments.alpha.tags[`k${'e'.repeat(128)}`] = 'x'), problems: [
      `${A}: tags.keeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee: tag key "keeeeeeeeeeeeeeeeeee…" has 129 characters; AWS allows at most 128`,
    ] },
  {
    title: 'allow lists adding up to every address',
    change: (i) => (i.environments.alpha.workspaceSecurity = { ipAccessLists: { enabled: true, allow: [{ label: 'low', addresses: ['0.0.0.0/1'] }, { label: 'high', addresses: ['128.0.0.0/1'] }] } }),
    problems: [
      `${A}: workspaceSecurity.ipAccessLists.allow: together allow every IPv4 address (0.0.0.0/1, 128.0.0.0/1); set enabled: false instead`,
    ],
  },
  { title: 'a log prefix of *', change: (i) => (i.account.logDelivery = { prefix: '*' }), problems: [
      `${ACCOUNT}: logDelivery.prefix: must be path segments of letters, digits and ! _ . ' ( ) - joined by single "/" (no empty, "." or ".." segments); got "*"`,
    ] },
  { title: 'a budget of a tenth of a cent', change: (i) => (i.environments.alpha.budget = { amountUsd: 0.001, recipients: ['a@example.com'] }), problems: [`${A}: budget.amountUsd: must be at least 0.01 (one cent)`] },
  { title: 'a budget in fractions of a cent', change: (i) => (i.environments.alpha.budget = { amountUsd: 10.005, recipients: ['a@example.com'] }), problems: [`${A}: budget.amountUsd: must be whole cents (at most two decimal places)`] },
  {
    title: 'an existing VPC with two security groups',
    change: (i) =>
      (i.environments.alpha.network = {
        mode: 'existing', vpcId: 'vpc-0abc12345def67890', privateSubnetIds: ['subnet-0aaaaaaaaaaaaaaaa', 'subnet-0bbbbbbbbbbbbbbbb'], securityGroupIds: ['sg-0aaaaaaaaaaaaaaaa', 'sg-0bbbbbbbbbbbbbbbb'],
      }),
    problems: [
      `${A}: network.securityGroupIds: must name exactly one security group: the restricted cross-account policy is scoped to one`,
    ],
  },
  { title: '.. in volumePath', change: (i) => (i.environments.alpha.nodeTrafficEncryption = { mode: 'init-script', volumePath: '/Volumes/alpha_lakehouse/raw/landing/../../other' }), problems: [
      `${A}: nodeTrafficEncryption.volumePath: must not contain "." or ".." segments (the allowlist would cover another folder)`,
    ] },
  { title: 'an environment named shared', change: (i) => rename(i, 'beta', 'shared'), problems: ["environment \"shared\" (shared.json): name: \"shared\" is reserved for a shared stack"] },

  // Unclear before: numbers that are not finite.
  { title: 'a budget of Infinity (in a .ts file)', files: (i) => tsEnvironment(i, 'gamma', { budget: { amountUsd: 'Infinity', recipients: ['a@example.com'] } }), problems: ["environment \"gamma\" (gamma.ts): budget.amountUsd: must be a finite number; got Infinity"] },
  { title: 'maxWorkers of NaN (in a .ts file)', files: (i) => tsEnvironment(i, 'gamma', { clusterPolicy: { maxWorkers: 'NaN' } }), problems: ["environment \"gamma\" (gamma.ts): clusterPolicy.maxWorkers: must be a finite number; got NaN"] },

  // The classic mistakes.
  { title: 'a misspelt field', change: (i) => ((any(i.environments.alpha).protct = false), delete i.environments.alpha.protect), problems: [`${A}: protct: unknown field (did you mean "protect"?)`] },
  { title: 'a missing required field', change: (i) => delete any(i.environments.alpha).tags.Owner, problems: [`${A}: tags.Owner: is required (string)`] },
  { title: 'a VPC prefix outside Databricks limits', change: (i) => (any(i.environments.alpha.network).vpcCidr = '10.0.0.0/8'), problems: [`${A}: network.vpcCidr: must be between /16 and /25 (Databricks limit); got /8`] },
  { title: 'a subnet outside the VPC', change: (i) => (any(i.environments.alpha.network).privateSubnets[0].cidr = '10.99.0.0/19'), problems: [`${A}: network.privateSubnets.0.cidr: 10.99.0.0/19 is outside the VPC CIDR 10.10.0.0/16`] },
  { title: 'overlapping subnets', change: (i) => (any(i.environments.alpha.network).privateSubnets[1].cidr = '10.10.0.0/20'), problems: [`${A}: network.privateSubnets.1.cidr: 10.10.0.0/20 overlaps 10.10.0.0/19 (privateSubnets.0)`] },
  { title: 'an availability zone outside the region', change: (i) => (any(i.environments.alpha.network).privateSubnets[1].availabilityZone = 'us-east-1b'), problems: [`${A}: network.privateSubnets.1.availabilityZone: us-east-1b is not in region eu-west-1`] },
  { title: 'a region without Databricks', change: (i) => (any(i.environments.alpha.aws).region = 'mars-north-1'), problems: [
      `${A}: aws.region: must be a region where Databricks runs on AWS (us-east-1, us-east-2, us-west-1, us-west-2, ca-central-1, sa-east-1, eu-west-1, eu-west-2, eu-west-3, eu-central-1, ap-south-1, ap-southeast-1, ap-southeast-2, ap-northeast-1, ap-northeast-2); got "mars-north-1"`,
    ] },
  {
    title: 'a region without a metastore',
    change: (i) => {
      i.environments.alpha.aws.region = 'eu-central-1';
      for (const subnet of [...any(i.environments.alpha.network).privateSubnets, ...any(i.environments.alpha.network).publicSubnets]) subnet.availabilityZone = subnet.availabilityZone.replace('eu-west-1', 'eu-central-1');
    },
    problems: [`${A}: aws.region: eu-central-1 has no metastore; add it to account.metastoreRegions`],
  },
  {
    title: 'overlapping VPCs in one account and region',
    change: (i) => {
      i.environments.beta.aws = { ...i.environments.alpha.aws };
      i.environments.beta.network = structuredClone(i.environments.alpha.network);
    },
    problems: [
      `${B}: network.vpcCidr: 10.10.0.0/16 overlaps 10.10.0.0/16 of environment "alpha" in AWS account 200000000002 eu-west-1`,
    ],
  },
  { title: 'a repeated deployment name', change: (i) => (i.environments.beta.databricks.deploymentName = 'fx-alpha'), problems: [`${B}: databricks.deploymentName: "fx-alpha" is already used by environment "alpha"`] },
  { title: 'an environment name that is not its file name', change: (i) => (i.environments.beta.name = 'gamma'), problems: [`${B}: name: must equal the file name "beta"; got "gamma"`] },
  { title: 'an unknown privilege', change: (i) => (i.environments.alpha.unityCatalog = { catalogs: [{ name: 'lake', schemas: [{ name: 'raw', grants: [{ group: 'analysts', privileges: ['READ_EVERYTHING'] as never }] }] }] }), problems: [
      `${A}: unityCatalog.catalogs.0.schemas.0.grants.0.privileges.0: unknown privilege "READ_EVERYTHING" (known: ALL_PRIVILEGES, APPLY_TAG, BROWSE, CREATE_EXTERNAL_LOCATION, CREATE_EXTERNAL_TABLE, CREATE_EXTERNAL_VOLUME, CREATE_FOREIGN_SECURABLE, CREATE_FUNCTION, CREATE_MANAGED_STORAGE, CREATE_MATERIALIZED_VIEW, CREATE_MODEL, CREATE_SCHEMA, CREATE_TABLE, CREATE_VOLUME, EXECUTE, EXTERNAL_USE_LOCATION, EXTERNAL_USE_SCHEMA, MANAGE, MODIFY, READ_FILES, READ_VOLUME, REFRESH, SELECT, USE_CATALOG, USE_SCHEMA, WRITE_FILES, WRITE_VOLUME)`,
    ] },
  { title: 'a group display name instead of its key', change: (i) => (any(i.environments.alpha.secretScopes)[0].acls[0].group = 'fx-engineers'), problems: [
      `${A}: secretScopes.0.acls.0.group: "fx-engineers" is not a key of account.groups (admins, dataEngineers, analysts); use the key "dataEngineers" for group "fx-engineers"`,
    ] },
  { title: 'a catalog declared twice', change: (i) => (i.environments.alpha.unityCatalog = { catalogs: [{ name: 'lake', schemas: [{ name: 'raw' }] }, { name: 'lake', schemas: [{ name: 'raw' }] }] }), problems: [`${A}: unityCatalog.catalogs.1.name: "lake" is declared twice`] },
  { title: 'an uppercase schema name', change: (i) => (i.environments.alpha.unityCatalog = { catalogs: [{ name: 'lake', schemas: [{ name: 'Raw' }] }] }), problems: [
      `${A}: unityCatalog.catalogs.0.schemas.0.name: must be a lowercase SQL identifier: letters, digits and underscores, starting with a letter`,
    ] },
  { title: 'customer-managed keys on the PREMIUM tier', change: (i) => (i.environments.alpha.databricks.pricingTier = 'PREMIUM'), problems: [
      `${A}: databricks.pricingTier: customer-managed keys need the ENTERPRISE tier; got PREMIUM (or disable encryption.managedServices and encryption.storage)`,
    ] },
  { title: 'a grace period as long as the rotation', change: (i) => (i.environments.alpha.nodeTrafficEncryption = { rotationPeriodDays: 30, gracePeriodDays: 30 }), problems: [`${A}: nodeTrafficEncryption.gracePeriodDays: must be shorter than rotationPeriodDays (30); got 30`] },
  { title: 'a token lifetime of zero days', change: (i) => (i.environments.alpha.workspaceSecurity = { tokens: { maxLifetimeDays: 0 } }), problems: [`${A}: workspaceSecurity.tokens.maxLifetimeDays: must be at least 1 day`] },
  { title: 'a compliance profile without a standard', change: (i) => (i.environments.alpha.workspaceSecurity = { hardening: { complianceSecurityProfile: { enabled: true }, enhancedSecurityMonitoring: true, automaticClusterUpdate: true } }), problems: [
      `${A}: workspaceSecurity.hardening.complianceSecurityProfile.standards: name at least one compliance standard when the profile is enabled`,
    ] },
  { title: 'eleven budget thresholds',
    change: (i) => (i.environments.alpha.budget = { amountUsd: 100, recipients: ['a@example.com'], alertThresholdsPercent: [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110] }),
    problems: [`${A}: budget.alertThresholdsPercent: must list at most 10 thresholds (each becomes its own budget)`],
  },
  { title: 'a log prefix with a leading slash', change: (i) => (i.account.logDelivery = { prefix: '/logs' }), problems: [`${ACCOUNT}: logDelivery.prefix: must not start or end with "/"; got "/logs"`] },
  { title: 'a secret scope declared twice', change: (i) => i.environments.alpha.secretScopes!.push({ name: 'alpha-apps' }), problems: [`${A}: secretScopes.1.name: scope "alpha-apps" is declared twice`] },
  { title: 'an account id that is not 12 digits', change: (i) => (i.environments.alpha.aws.accountId = '12345'), problems: [`${A}: aws.accountId: must be a 12-digit AWS account id`] },
];
