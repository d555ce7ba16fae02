/**
 * The edits of the fork test (scripts/lib/fork.ts) on fixture environments and hand-written text: which
 * values are replaced, by what, how a replacement is applied, and how an environment and a workflow job
 * are copied. test/scripts/fork.test.ts applies them to the example files.
 */
import { load } from 'js-yaml';
import { DATABRICKS_AWS_REGIONS } from '../../environments/schema/primitives';
import { addStackToWorkflow, applyReplacements, copyEnvironment, exampleValueReplacements, leftovers, type Replacement } from '../../scripts/lib/fork';
import { accountFixture, environmentFixture, fixtureAccountId, fixtureConfig, FIXTURE } from '../support/fixtures';

const whole = (what: string, from: string, to: string): Replacement => ({ what, from, to, whole: true });
const anywhere = (what: string, from: string, to: string): Replacement => ({ what, from, to, whole: false });

describe('exampleValueReplacements', () => {
  const alpha = environmentFixture('alpha');
  // A deployment name equal to the workspace name: one replacement serves both.
  const beta = environmentFixture('beta', { databricks: { workspaceName: 'fx-beta', deploymentName: 'fx-beta' } });
  const account = accountFixture({
    logDelivery: { bucket: { mode: 'external', name: 'fx-logs', accountId: FIXTURE.accountId } },
    metastoreStorageRoot: { [FIXTURE.region]: 's3://fx-metastore/root' },
  });
  const octet = (env: typeof alpha) => (env.network.mode === 'create' ? env.network.vpcCidr.split('.')[1] : '');

  it('replaces every example value by a fresh one, in this order and format', () => {
    expect(exampleValueReplacements(fixtureConfig({ account, environments: [alpha, beta] }))).toEqual([
      whole('namePrefix', FIXTURE.namePrefix, 'fork1-lake'),
      whole('databricksAccountId', FIXTURE.databricksAccountId, '0f1e2d3c-4b5a-4697-8877-000000000001'),
      whole('state bucket', FIXTURE.stateBucket, 'forked-bucket-1'),
      whole('log bucket', 'fx-logs', 'forked-bucket-2'),
      whole('metastore storage root', 's3://fx-metastore/root', 's3://forked-bucket-3/metastore'),
      whole('workspaceName', alpha.databricks.workspaceName, 'alpha-forked-ws1'),
      whole('deploymentName', alpha.databricks.deploymentName, 'alpha-forked1'),
      whole('workspaceName', 'fx-beta', 'beta-forked-ws1'),
      whole('group display name', FIXTURE.groups.admins, 'idp-group-1'),
      whole('group display name', FIXTURE.groups.dataEngineers, 'idp-group-2'),
      whole('group display name', FIXTURE.groups.analysts, 'idp-group-3'),
      // The owner tag is shared by the account and both environments: replaced once.
      whole('tag value', account.tags!.Owner, 'forked-tag-1'),
      whole('tag value', account.tags!.CostCenter, 'forked-tag-2'),
      whole('tag value', alpha.tags!.CostCenter, 'forked-tag-3'),
      whole('tag value', beta.tags!.CostCenter, 'forked-tag-4'),
      whole('state keyPrefix', account.state.keyPrefix!, `forked-state-${account.state.keyPrefix!.length}`),
      anywhere('AWS account id', FIXTURE.accountId, '500000007919'),
      anywhere('AWS account id', fixtureAccountId('alpha'), '500000015838'),
      anywhere('AWS account id', fixtureAccountId('beta'), '500000023757'),
      anywhere('region', FIXTURE.region, 'us-east-1'),
      anywhere('VPC CIDR', `'10.${octet(alpha)}.`, "'10.100."),
      anywhere('VPC CIDR', `'10.${octet(beta)}.`, "'10.101."),
    ]);
  });

  it('never gives a value that occurs in the text it is told is in use (the test suite), so no test holds a fork value', () => {
    const plain = exampleValueReplacements(fixtureConfig({ account, environments: [alpha] }));
    const inUse = plain.filter((r) => r.what !== 'region' && r.what !== 'VPC CIDR' && r.what !== 'state keyPrefix').map((r) => `expect('${r.to}')`).join('\n');
    const avoiding = exampleValueReplacements(fixtureConfig({ account, environments: [alpha] }), inUse);
    expect(avoiding.map((r) => r.from)).toEqual(plain.map((r) => r.from));
    for (const r of avoiding.filter((r) => r.what !== 'region' && r.what !== 'VPC CIDR' && r.what !== 'state keyPrefix')) {
      expect([r.what, inUse.includes(r.to)]).toEqual([r.what, false]);
    }
    expect(avoiding.find((r) => r.what === 'namePrefix')?.to).toBe('fork2-lake');
  });

  it('never gives a value that is already in use, so forking a fork still changes everything', () => {
    const forked = accountFixture({ namePrefix: 'fork1-lake', tags: { Owner: 'forked-tag-1', CostCenter: 'FX-1' } });
    const replacements = exampleValueReplacements(fixtureConfig({ account: forked, environments: [alpha] }));
    expect(replacements.find((r) => r.what === 'namePrefix')).toEqual(whole('namePrefix', 'fork1-lake', 'fork2-lake'));
    // forked-tag-1 (in use) is skipped; the environment's own tags follow.
    expect(replacements.filter((r) => r.what === 'tag value').map((r) => [r.from, r.to])).toEqual([
      ['forked-tag-1', 'forked-tag-2'], ['FX-1', 'forked-tag-3'], [alpha.tags!.Owner, 'forked-tag-4'], [alpha.tags!.CostCenter, 'forked-tag-5'],
    ]);
  });

  it('leaves out what the configuration does not have: a created log bucket, no metastore root', () => {
    const replacements = exampleValueReplacements(fixtureConfig({ environments: [alpha] }));
    expect(replacements.map((r) => r.what)).not.toEqual(expect.arrayContaining(['log bucket']));
    expect(replacements.map((r) => r.what)).not.toEqual(expect.arrayContaining(['metastore storage root']));
  });

  it('lets a tag equal to a region or an AWS account id go with that value everywhere, ARNs included', () => {
    const tagged = environmentFixture('alpha', { tags: { Region: FIXTURE.region, Account: fixtureAccountId('alpha') } });
    const replacements = exampleValueReplacements(fixtureConfig({ environments: [tagged] }));
    const forRegion = replacements.filter((r) => r.from === FIXTURE.region);
    const forAccount = replacements.filter((r) => r.from === fixtureAccountId('alpha'));
    expect(forRegion).toEqual([anywhere('region', FIXTURE.region, 'us-east-1')]);
    expect(forAccount).toEqual([anywhere('AWS account id', fixtureAccountId('alpha'), expect.stringMatching(/^5\d{11}$/))]);
    const file = `tags: { Region: '${FIXTURE.region}', Account: '${fixtureAccountId('alpha')}' }, role: 'arn:aws:iam::${fixtureAccountId('alpha')}:role/x', topic: 'arn:aws:sns:${FIXTURE.region}:${fixtureAccountId('alpha')}:t'`;
    const forked = applyReplacements(file, replacements);
    expect(forked).toBe(`tags: { Region: 'us-east-1', Account: '${forAccount[0].to}' }, role: 'arn:aws:iam::${forAccount[0].to}:role/x', topic: 'arn:aws:sns:us-east-1:${forAccount[0].to}:t'`);
    expect(leftovers(forked, replacements)).toEqual([]);
  });

  it('moves VPCs to second octets nobody uses, also when a fork of a fork already sits at 10.100', () => {
    const at = (name: string, octet: number) => environmentFixture(name, {
      network: {
        mode: 'create',
        vpcCidr: `10.${octet}.0.0/16`,
        privateSubnets: [{ cidr: `10.${octet}.0.0/19`, availabilityZone: `${FIXTURE.region}a` }, { cidr: `10.${octet}.32.0/19`, availabilityZone: `${FIXTURE.region}b` }],
        publicSubnets: [{ cidr: `10.${octet}.128.0/24`, availabilityZone: `${FIXTURE.region}a` }],
      },
    });
    const replacements = exampleValueReplacements(fixtureConfig({ environments: [at('alpha', 100), at('beta', 102)] }));
    expect(replacements.filter((r) => r.what === 'VPC CIDR')).toEqual([anywhere('VPC CIDR', "'10.100.", "'10.101."), anywhere('VPC CIDR', "'10.102.", "'10.103.")]);
  });

  it('refuses when no region with PrivateLink service names is left to move to', () => {
    const config = fixtureConfig({ environments: [alpha] });
    const crowded = { ...config, account: { ...config.account, metastoreRegions: [...DATABRICKS_AWS_REGIONS] } };
    expect(() => exampleValueReplacements(crowded)).toThrow(`fork: no spare region for ${FIXTURE.region}`);
  });
});

describe('applyReplacements and leftovers', () => {
  it('replaces a whole literal only as a whole quoted string, in any quotes', () => {
    const text = `a: 'fx', b: "fx", c: \`fx\`, d: 'fx-admins', e: 'fx"`;
    expect(applyReplacements(text, [whole('namePrefix', 'fx', 'new')])).toBe(`a: 'new', b: "new", c: \`new\`, d: 'fx-admins', e: 'fx"`);
    expect(leftovers(`d: 'fx-admins', e: 'fx"`, [whole('namePrefix', 'fx', 'new')])).toEqual([]);
    expect(leftovers('x: "fx"', [whole('namePrefix', 'fx', 'new')])).toEqual([whole('namePrefix', 'fx', 'new')]);
  });

  it('replaces longer values first, so a value holding another (a bucket named after an account id) is replaced whole', () => {
    const id = anywhere('AWS account id', '111111111111', '599999999999');
    const bucket = whole('state bucket', 'fx-state-111111111111', 'forked-bucket-1');
    expect(applyReplacements("bucket: 'fx-state-111111111111', id: '111111111111'", [id, bucket])).toBe("bucket: 'forked-bucket-1', id: '599999999999'");
    expect(applyReplacements('abc ab', [anywhere('short', 'ab', 'X'), anywhere('long', 'abc', 'Y')])).toBe('Y X');
    expect(applyReplacements("'ab' 'abc'", [whole('short', 'ab', 'X'), whole('long', 'abc', 'Y')])).toBe("'X' 'Y'");
  });

  it('takes values literally: regex characters in the old one, $ patterns in the new one', () => {
    expect(applyReplacements("'a.b' 'axb' a.b axb", [whole('w', 'a.b', '$1$&'), anywhere('s', 'a.b', '$$')])).toBe("'$1$&' 'axb' $$ axb");
    expect(leftovers('axb', [anywhere('s', 'a.b', 'z')])).toEqual([]);
    expect(leftovers("'axb'", [whole('w', 'a.b', 'z')])).toEqual([]);
  });
});

describe('copyEnvironment', () => {
  const source = "export default { name: 'alpha', scope: 'alpha-jobs', note: 'alphabet', role: 'arn:aws:iam::222222222222:role/x', id: '222222222222', vpc: '10.5.0.0/16', subnet: '10.5.32.0/19' };";

  it('renames whole words, gives fresh AWS account ids and a free second octet', () => {
    const used = "'10.200.0.0/16' '10.201.0.0/16' 600000104729";
    expect(copyEnvironment(source, 'alpha', 'gamma', used)).toBe(
      "export default { name: 'gamma', scope: 'gamma-jobs', note: 'alphabet', role: 'arn:aws:iam::600000209458:role/x', id: '600000209458', vpc: '10.202.0.0/16', subnet: '10.202.32.0/19' };",
    );
  });

  it('gives each distinct account id its own replacement', () => {
    const copy = copyEnvironment("a: '333333333333', b: '444444444444', c: '333333333333'", 'x', 'y', '');
    expect(copy).toBe("a: '600000104729', b: '600000209458', c: '600000104729'");
  });

  it('moves a VPC whose second octet has two or three digits, and copies a file without account ids', () => {
    const copy = copyEnvironment("{ name: 'alpha', vpc: '10.100.0.0/16', subnets: ['10.100.0.0/19', '10.20.0.0/19'] }", 'alpha', 'gamma', "'10.200.0.0/16'");
    expect(copy).toBe("{ name: 'gamma', vpc: '10.201.0.0/16', subnets: ['10.201.0.0/19', '10.201.0.0/19'] }");
  });
});

describe('addStackToWorkflow', () => {
  const existing = ['account', 'one', 'two'];
  const job = (stack: string, needs?: string) => [`  ${stack}:`, ...(needs ? [`    needs: ${needs}`] : []), '    uses: ./apply.yml', '    with:', `      stack: ${stack}`];

  it('extends only the lists that name every existing stack, keeping their quoting', () => {
    const text = "stack: ['account', \"one\", two]\nother: [account, one]\nnone: []";
    expect(addStackToWorkflow(text, 'three', existing)).toBe("stack: ['account', \"one\", two, three]\nother: [account, one]\nnone: []");
  });

  it('chains the new job after the last one, keeps the blank line between jobs and drops trailing blanks of the copy', () => {
    const text = ['jobs:', ...job('account'), '', ...job('one', 'account'), '', ...job('two', 'one'), '', '', '  report:', '    runs-on: ubuntu-latest', ''].join('\n');
    const result = addStackToWorkflow(text, 'three', existing);
    expect(result).toBe(['jobs:', ...job('account'), '', ...job('one', 'account'), '', ...job('two', 'one'), '', ...job('three', 'two'), '', '', '  report:', '    runs-on: ubuntu-latest', ''].join('\n'));
  });

  it('adds a needs line when the job it copies has none, and no blank line when the jobs have none', () => {
    const text = ['jobs:', ...job('account')].join('\n');
    expect(addStackToWorkflow(text, 'dev', ['account'])).toBe(['jobs:', ...job('account'), '  dev:', '    needs: account', '    uses: ./apply.yml', '    with:', '      stack: dev'].join('\n'));
  });

  it('adds no job unless every existing stack has one', () => {
    const text = ['jobs:', ...job('account'), ...job('one', 'account')].join('\n');
    expect(addStackToWorkflow(text, 'three', existing)).toBe(text);
    expect((load(addStackToWorkflow(text, 'three', existing)) as { jobs: object }).jobs).not.toHaveProperty('three');
  });

  it('refuses a job it cannot find as a two-space key under jobs', () => {
    const text = ['jobs:', ...job('account').map((line) => `  ${line}`)].join('\n');
    expect(() => addStackToWorkflow(text, 'dev', ['account'])).toThrow('fork: job "account" is not a two-space key under jobs');
  });
});
