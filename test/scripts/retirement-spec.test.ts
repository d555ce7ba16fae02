/**
 * The reviewed allowance of a retirement and the phase targets the retire workflow destroys, on a
 * hand-written plan (no synthesis): what the pipeline refuses is what keeps a destroy reviewed.
 */
import { allowanceFileName, allowanceMismatch, parseAllowance, phaseTargets, renderAllowance, retirementPlan, type RetirementPlan } from '../../scripts/lib/retirement';

/** Built inside each test: Stryker's per-test coverage does not see code run at module or describe level. */
const planOf = (): RetirementPlan => retirementPlan('fx', {
  resource: {
    databricks_schema: { s: { provider: 'databricks.workspace' } },
    databricks_mws_workspaces: { w: { provider: 'databricks.account' } },
    aws_kms_key: { k: {} },
  },
}, { stack: 'fx', retired: true, addresses: ['aws_kms_key.k'] }, { stateBucket: 'st', stateKey: 'fx.tfstate' });

describe('the committed allowance file', () => {
  it('lives under retirements/ next to the environment files, named after the stack', () => {
    expect(allowanceFileName('fx')).toBe('retirements/fx.allow');
  });

  it('is a comment naming the stack and the command, then one address per line', () => {
    const plan = planOf();
    expect(renderAllowance(plan)).toBe(
      '# Plan-guard allowance for retiring fx; written by npm run retire -- fx, reviewed in its pull request.\n' +
      `${plan.allow.join('\n')}\n`,
    );
    expect(parseAllowance(renderAllowance(plan))).toEqual(plan.allow);
  });

  it('reads addresses trimmed, skipping blank lines and comments, including indented ones', () => {
    expect(parseAllowance('# header\n\n  aws_kms_key.k  \n   # note\n\t\ndatabricks_schema.s\n')).toEqual(['aws_kms_key.k', 'databricks_schema.s']);
    expect(parseAllowance('')).toEqual([]);
  });
});

describe('a stale allowance', () => {
  it('fits when it holds exactly the guarded addresses, in any order', () => {
    const plan = planOf();
    expect(allowanceMismatch(plan, [...plan.allow].reverse())).toEqual([]);
  });

  it('names what it lacks and what it has too much, with counts', () => {
    const plan = planOf();
    const [first, second, ...rest] = plan.allow;
    expect(allowanceMismatch(plan, [...rest, 'aws_s3_bucket.gone', 'aws_kms_key.old'])).toEqual([
      `missing 2 guarded address(es) the destroy deletes: ${first}, ${second}`,
      '2 address(es) the stack no longer has: aws_s3_bucket.gone, aws_kms_key.old',
    ]);
    expect(allowanceMismatch(plan, [])).toEqual([`missing ${plan.allow.length} guarded address(es) the destroy deletes: ${plan.allow.join(', ')}`]);
    expect(allowanceMismatch(plan, [...plan.allow, 'aws_s3_bucket.gone'])).toEqual(['1 address(es) the stack no longer has: aws_s3_bucket.gone']);
  });
});

describe('phase targets', () => {
  it('targets each phase, and nothing in the last one (everything left)', () => {
    const plan = planOf();
    expect(phaseTargets(plan, 1)).toEqual(['databricks_schema.s']);
    expect(phaseTargets(plan, 2)).toEqual(['databricks_mws_workspaces.w']);
    expect(phaseTargets(plan, 3)).toEqual([]);
  });

  it('lists each phase\'s targets sorted, whatever the order of the stack', () => {
    const stack = { resource: {
      databricks_schema: { b: { provider: 'databricks.workspace' }, a: { provider: 'databricks.workspace' } },
      databricks_catalog: { z: { provider: 'databricks.workspace' } },
      databricks_mws_workspaces: { w: { provider: 'databricks.account' } },
    } };
    const plan = retirementPlan('fx', stack, { stack: 'fx', retired: true, addresses: ['databricks_schema.b', 'aws_s3_bucket.gone'] }, { stateBucket: 'st', stateKey: 'k' });
    expect(plan.phases[0].targets).toEqual(['databricks_catalog.z', 'databricks_schema.a', 'databricks_schema.b']);
    // The lock's addresses and the guarded ones of the stack, once each, sorted.
    expect(plan.allow).toEqual(['aws_s3_bucket.gone', 'databricks_catalog.z', 'databricks_mws_workspaces.w', 'databricks_schema.a', 'databricks_schema.b']);
  });

  it.each([[0], [4], [1.5], [-1], [Number.NaN]])('refuses phase %p: there are three', (number) => {
    const plan = planOf();
    expect(() => phaseTargets(plan, number)).toThrow(new RangeError(`phase must be 1 to 3; got ${number}`));
  });

  it('refuses an earlier phase without targets: an untargeted destroy would take everything at once', () => {
    const accountOnly = retirementPlan('fx', { resource: { databricks_mws_workspaces: { w: { provider: 'databricks.account' } } } }, { stack: 'fx', retired: true, addresses: [] }, { stateBucket: 'st', stateKey: 'k' });
    expect(() => phaseTargets(accountOnly, 1)).toThrow(new RangeError(
      'phase 1 (workspace objects (Unity Catalog securables, secrets, policies, settings)) has no resource to target in stack "fx": an untargeted destroy would take everything at once',
    ));
    expect(phaseTargets(accountOnly, 2)).toEqual(['databricks_mws_workspaces.w']);
  });
});

describe('what a retirement keeps', () => {
  it('tells the operator what survives and how to recover or finish it', () => {
    const plan = planOf();
    expect(plan.kept).toEqual([
      "s3://st/fx.tfstate: the stack's state, emptied by the destroy; delete it by hand once the pull request removing the environment is merged",
      expect.stringMatching(/^the account stack .* and the bootstrap stack .*: shared, untouched$/),
      expect.stringMatching(/^non-empty S3 buckets: force_destroy stays false, so the destroy stops at a bucket that still holds data/),
      expect.stringMatching(/^KMS keys: scheduled for deletion .*`aws kms cancel-key-deletion` recovers one in that window$/),
    ]);
  });
});
