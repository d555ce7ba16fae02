/**
 * The shared-namespace names the blueprint will create (environments/lib/names.ts), called directly on
 * parsed fixtures: which names the account and each environment claim, in which namespace, and which
 * field a fix would change; then the problems validateNames derives from them. Names follow
 * constructs/naming.ts (<prefix>-<environment>-<purpose>[-<AWS account>], SQL names with underscores).
 */
import { nameClaims, validateNames, type NameClaim } from '../../environments/lib/names';
import { accountSchema, environmentSchema, type AccountConfig, type AccountInput, type EnvironmentConfig, type EnvironmentInput } from '../../environments/schema';
import { accountFixture, environmentFixture, FIXTURE, type DeepPartial } from '../support/fixtures';

const account = (overrides?: DeepPartial<AccountInput>): AccountConfig => accountSchema.parse(accountFixture(overrides));
const environment = (name: string, overrides?: DeepPartial<EnvironmentInput>): EnvironmentConfig => environmentSchema.parse(environmentFixture(name, overrides));
const claimsOf = (owner: string, claims: NameClaim[]) => claims.filter((c) => c.owner === owner).map(({ kind, scope, name, field }) => ({ kind, scope, name, field }));
const p = FIXTURE.namePrefix;
const EXTERNAL_LOGS = { mode: 'external', name: 'fx-log-archive', accountId: '222222222222' } as const;

describe('names the account claims', () => {
  const logBucket = `${p}-account-logs-${FIXTURE.accountId}`;

  it('the state bucket; with log delivery its bucket, its delivery role and one location per delivered log type', () => {
    expect(claimsOf('account', nameClaims(account(), []))).toEqual([
      { kind: 'bucket', scope: 'S3 (global)', name: FIXTURE.stateBucket, field: 'state.bucket' },
      { kind: 'bucket', scope: 'S3 (global)', name: logBucket, field: 'namePrefix' },
      { kind: 'IAM role', scope: `AWS account ${FIXTURE.accountId}`, name: `${p}-account-log-delivery`, field: 'namePrefix' },
      { kind: 'log delivery location', scope: `bucket ${logBucket}`, name: 'databricks/billable-usage/', field: 'logDelivery.prefix' },
      { kind: 'log delivery location', scope: `bucket ${logBucket}`, name: 'databricks/audit-logs/', field: 'logDelivery.prefix' },
    ]);
  });

  it('an external log bucket by its own name, locations under the configured prefix, only the delivered types', () => {
    const acc = account({ logDelivery: { bucket: EXTERNAL_LOGS, prefix: 'org/dbx', billableUsage: false } });
    expect(claimsOf('account', nameClaims(acc, []))).toEqual([
      { kind: 'bucket', scope: 'S3 (global)', name: FIXTURE.stateBucket, field: 'state.bucket' },
      { kind: 'bucket', scope: 'S3 (global)', name: EXTERNAL_LOGS.name, field: 'logDelivery.bucket.name' },
      { kind: 'IAM role', scope: `AWS account ${FIXTURE.accountId}`, name: `${p}-account-log-delivery`, field: 'namePrefix' },
      { kind: 'log delivery location', scope: `bucket ${EXTERNAL_LOGS.name}`, name: 'org/dbx/audit-logs/', field: 'logDelivery.prefix' },
    ]);
    // Every claim has an owner: without environments the whole list is the account's.
    expect(nameClaims(account({ logDelivery: { enabled: false } }), [])).toEqual([
      { kind: 'bucket', scope: 'S3 (global)', name: FIXTURE.stateBucket, owner: 'account', field: 'state.bucket' },
    ]);
  });
});

describe('names an environment claims', () => {
  const env = environment('team-a');
  const acct = env.aws.accountId;
  const metastore = `the ${FIXTURE.region} metastore`;
  const workspace = `workspace ${env.databricks.deploymentName}`;
  const base = [
    { kind: 'bucket', scope: 'S3 (global)', name: `${p}-team-a-root-${acct}`, field: 'name' },
    { kind: 'bucket', scope: 'S3 (global)', name: `${p}-team-a-catalog-${acct}`, field: 'name' },
    { kind: 'IAM role', scope: `AWS account ${acct}`, name: `${p}-team-a-crossaccount`, field: 'name' },
    { kind: 'IAM role', scope: `AWS account ${acct}`, name: `${p}-team-a-uc-storage`, field: 'name' },
    { kind: 'storage credential', scope: metastore, name: 'team_a_catalog_storage', field: 'name' },
    { kind: 'external location', scope: metastore, name: 'team_a_managed_storage', field: 'name' },
    { kind: 'external location', scope: metastore, name: 'team_a_external_storage', field: 'name' },
  ];
  const catalogs = (e: EnvironmentConfig) => e.unityCatalog.catalogs.map((c, i) => ({ kind: 'catalog', scope: metastore, name: `team_a_${c.name}`, field: `unityCatalog.catalogs.${i}.name` }));
  const owner = 'environment "team-a"';

  it('an adopted root bucket by the name it keeps, in place of the generated one', () => {
    const adopted = new Map([['team-a', 'fx-adopted-root'], ['other', 'fx-other-root']]);
    expect(claimsOf(owner, nameClaims(account({ logDelivery: { enabled: false } }), [env], adopted))).toEqual([
      { kind: 'bucket', scope: 'S3 (global)', name: 'fx-adopted-root', field: 'imports.root-bucket' },
      ...base.slice(1),
      ...catalogs(env),
    ]);
  });

  it('buckets, roles, the storage credential, external locations and catalogs; with Glue its data role', () => {
    expect(claimsOf(owner, nameClaims(account({ logDelivery: { enabled: false } }), [env]))).toEqual([...base, ...catalogs(env)]);
    const glue = environment('team-a', { unityCatalog: { glueMetastore: { enabled: true } }, workspaceSecurity: { hardening: { disableLegacyAccess: false } } });
    expect(claimsOf(owner, nameClaims(account(), [glue]))).toEqual([
      ...base.slice(0, 4),
      { kind: 'IAM role', scope: `AWS account ${acct}`, name: `${p}-team-a-glue-data`, field: 'name' },
      ...base.slice(4),
      ...catalogs(glue),
    ]);
  });

  it('its secret scopes, and the node-traffic scope while an init script uses the shared secret', () => {
    const scopes = { secretScopes: [{ name: 'team-jobs' }, { name: 'team-etl' }] } as DeepPartial<EnvironmentInput>;
    const secretScopes = (e: EnvironmentConfig) => claimsOf(owner, nameClaims(account(), [e])).filter((c) => c.kind === 'secret scope');
    const nodeTraffic = { kind: 'secret scope', scope: workspace, name: `${p}-team-a-node-traffic-encryption`, field: 'nodeTrafficEncryption' };
    const listed = [
      { kind: 'secret scope', scope: workspace, name: 'team-jobs', field: 'secretScopes.0.name' },
      { kind: 'secret scope', scope: workspace, name: 'team-etl', field: 'secretScopes.1.name' },
    ];
    expect(secretScopes(environment('team-a', scopes))).toEqual(listed);
    for (const mode of ['init-script', 'both'] as const) {
      expect(secretScopes(environment('team-a', { ...scopes, nodeTrafficEncryption: { mode } } as DeepPartial<EnvironmentInput>))).toEqual([nodeTraffic, ...listed]);
    }
    expect(secretScopes(environment('team-a', { nodeTrafficEncryption: { enabled: false, mode: 'init-script' } }))).toEqual([]);
  });

  it('its own log delivery locations in the account bucket, only when both files enable delivery', () => {
    const locations = (acc: AccountConfig, e: EnvironmentConfig) => claimsOf(owner, nameClaims(acc, [e])).filter((c) => c.kind === 'log delivery location');
    const own = environment('team-a', { logDelivery: { enabled: true } } as DeepPartial<EnvironmentInput>);
    const inBucket = (bucket: string, prefix: string, folders: string[]) =>
      folders.map((folder) => ({ kind: 'log delivery location', scope: `bucket ${bucket}`, name: `${prefix}/environments/team-a/${folder}/`, field: 'logDelivery' }));
    expect(locations(account(), own)).toEqual(inBucket(`${p}-account-logs-${FIXTURE.accountId}`, 'databricks', ['billable-usage', 'audit-logs']));
    expect(locations(account({ logDelivery: { bucket: EXTERNAL_LOGS, prefix: 'org/dbx' } }), own)).toEqual(inBucket(EXTERNAL_LOGS.name, 'org/dbx', ['billable-usage', 'audit-logs']));
    const auditOnly = environment('team-a', { logDelivery: { enabled: true, billableUsage: false } } as DeepPartial<EnvironmentInput>);
    expect(locations(account(), auditOnly)).toEqual(inBucket(`${p}-account-logs-${FIXTURE.accountId}`, 'databricks', ['audit-logs']));
    expect(locations(account(), env)).toEqual([]);
    expect(locations(account({ logDelivery: { enabled: false } }), own)).toEqual([]);
  });
});

describe('problems with the claimed names', () => {
  it('names the earlier owner across account and environment, and says partition for buckets', () => {
    const env = environment('alpha');
    const root = `${p}-alpha-root-${env.aws.accountId}`;
    expect(validateNames(account({ state: { bucket: root } }), [env])).toEqual([
      `environment "alpha": name: bucket "${root}" is already used by account (state.bucket) in S3 (global); names in one partition must be unique, rename one`,
    ]);
  });

  it('gives the generated-name hint only for generated names', () => {
    // A name the user wrote (the schema refuses it in a file; here the account is built directly).
    const acc: AccountConfig = { ...account({ logDelivery: { enabled: false } }), state: { ...account().state, bucket: 'xn--fx-state' } };
    expect(validateNames(acc, [])).toEqual(['account: state.bucket: bucket name must not start with "xn--" (reserved by S3); got "xn--fx-state"']);
  });
});
