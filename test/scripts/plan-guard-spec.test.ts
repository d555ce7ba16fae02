/**
 * The plan guard on hand-written plan documents (no fixture files, no processes): what parsePlan refuses
 * before any entry is judged, the plan-level problems, and how a guarded change is recorded and worded.
 * test/scripts/plan-guard.test.ts covers the verdicts per protected type and the saved plans.
 */
import { analysePlan, describeChange, parsePlan, PlanFormatError, type PlanResourceChange } from '../../scripts/lib/plan-guard';
import { PROTECTED_TYPES } from '../../constructs/stateful-types';

const GOOD = { address: 'aws_vpc.v', mode: 'managed', type: 'aws_vpc', change: { actions: ['create'] } };
const refusal = (json: unknown): unknown => {
  try {
    parsePlan(json);
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('parsePlan refuses what is not the JSON of a plan', () => {
  it.each([[null], [[]], ['{"format_version":"1.2"}'], [42], [{ format_version: 1.2, resource_changes: [] }], [{ format_version: null, resource_changes: [] }]])(
    '%j: format_version is missing', (json) => {
      expect(refusal(json)).toEqual(new PlanFormatError('not a Terraform plan: format_version is missing'));
    },
  );

  it('raises a PlanFormatError that names itself (the CLI maps it to exit 2)', () => {
    const error = refusal({}) as Error;
    expect(error).toBeInstanceOf(PlanFormatError);
    expect(String(error)).toBe('PlanFormatError: not a Terraform plan: format_version is missing');
  });

  it('accepts a plan of a configuration without resources: planned_values but no resource_changes', () => {
    expect(parsePlan({ format_version: '1.2', planned_values: { root_module: {} } })).toEqual({ format_version: '1.2', planned_values: { root_module: {} } });
  });

  it.each([[undefined], [[]], ['root_module'], [null]])('without resource_changes, planned_values %j is a state file or worse', (plannedValues) => {
    expect(refusal({ format_version: '1.2', planned_values: plannedValues })).toEqual(
      new PlanFormatError('not a Terraform plan: resource_changes is missing (is this a state file?)'),
    );
  });

  it.each([
    ['not an object', null],
    ['a string', 'aws_vpc.v'],
    ['a list', [GOOD]],
    ['no address', { ...GOOD, address: undefined }],
    ['a numeric address', { ...GOOD, address: 7 }],
    ['no type', { ...GOOD, type: undefined }],
    ['a list as type', { ...GOOD, type: ['aws_vpc'] }],
    ['no change', { ...GOOD, change: undefined }],
    ['a string as change', { ...GOOD, change: 'create' }],
    ['a list as change', { ...GOOD, change: ['create'] }],
    ['null as change', { ...GOOD, change: null }],
  ])('names the entry that is %s, by its index', (_label, bad) => {
    expect(refusal({ format_version: '1.2', resource_changes: [GOOD, bad] })).toEqual(
      new PlanFormatError('not a Terraform plan: resource_changes[1] lacks address, type or change'),
    );
  });
});

describe('plan-level problems', () => {
  const plan = (fields: object) => analysePlan({ format_version: '1.2', resource_changes: [], ...fields });

  it('names why the whole plan is refused', () => {
    expect(plan({ errored: true, complete: false, deferred_changes: [{}] }).unrecognised).toEqual([
      { address: '(plan)', problem: 'errored is true: planning failed, the plan is incomplete' },
      { address: '(plan)', problem: 'complete is false: changes were deferred to a later plan' },
      { address: '(plan)', problem: 'deferred_changes is not empty: changes the guard cannot see yet' },
    ]);
  });

  it('accepts an empty deferred_changes list, and refuses one it cannot read', () => {
    expect(plan({ deferred_changes: [] })).toMatchObject({ passed: true, unrecognised: [] });
    for (const deferred of [{}, 'provider_config_unknown', null]) {
      expect(plan({ deferred_changes: deferred })).toMatchObject({ passed: false, unrecognised: [{ address: '(plan)', problem: 'deferred_changes is not empty: changes the guard cannot see yet' }] });
    }
  });
});

describe('analysePlan records', () => {
  const change = (address: string, type: string, actions: string[], extra: Partial<PlanResourceChange> = {}): PlanResourceChange =>
    ({ address, mode: 'managed', type, change: { actions }, ...extra });

  it('counts per type in type order, whatever the order of the plan', () => {
    const result = analysePlan({ format_version: '1.2', resource_changes: [
      change('databricks_schema.s', 'databricks_schema', ['create']),
      change('aws_vpc.v', 'aws_vpc', ['update']),
      change('aws_kms_alias.a', 'aws_kms_alias', ['delete']),
    ] });
    expect(Object.keys(result.countsByType)).toEqual(['aws_kms_alias', 'aws_vpc', 'databricks_schema']);
  });

  it('the reason and the deposed object of a guarded change, and nothing when the plan gives none', () => {
    const result = analysePlan({ format_version: '1.2', terraform_version: '1.9.8', resource_changes: [
      change('aws_kms_key.old', 'aws_kms_key', ['delete'], { deposed: '00a1b2c3', action_reason: 'delete_because_no_resource_config' }),
      change('aws_kms_key.plain', 'aws_kms_key', ['delete']),
    ] });
    expect(result.terraformVersion).toBe('1.9.8');
    expect(result.blocked).toEqual([
      { address: 'aws_kms_key.old', type: 'aws_kms_key', kind: 'delete', actions: ['delete'], protection: PROTECTED_TYPES.aws_kms_key.kind, why: PROTECTED_TYPES.aws_kms_key.why, reason: 'delete_because_no_resource_config', deposed: '00a1b2c3' },
      { address: 'aws_kms_key.plain', type: 'aws_kms_key', kind: 'delete', actions: ['delete'], protection: PROTECTED_TYPES.aws_kms_key.kind, why: PROTECTED_TYPES.aws_kms_key.why },
    ]);
    expect('terraformVersion' in analysePlan({ format_version: '1.2', resource_changes: [] })).toBe(false);
  });

  it('passes the creation of a protected type without a warning', () => {
    expect(analysePlan({ format_version: '1.2', resource_changes: [change('aws_kms_key.k', 'aws_kms_key', ['create'])] }))
      .toMatchObject({ passed: true, blocked: [], warnings: [], totals: { add: 1, change: 0, replace: 0, delete: 0, forget: 0 } });
  });
});

describe('describeChange', () => {
  it.each([
    ['add', ['create'], 'create'],
    ['change', ['update'], 'update in place'],
    ['delete', ['delete'], 'delete'],
    ['forget', ['forget'], 'forget (removed from state, not destroyed)'],
    ['replace', ['create', 'forget'], 'replace (create before destroy)'],
  ] as const)('words %s %j as "%s"', (kind, actions, text) => {
    expect(describeChange({ kind, actions: [...actions] })).toBe(text);
  });

  it('adds the reason Terraform gives and the deposed object a failed create_before_destroy left', () => {
    expect(describeChange({ kind: 'delete', actions: ['delete'], reason: 'delete_because_no_resource_config', deposed: '00a1b2c3' }))
      .toBe('delete, reason: delete_because_no_resource_config, deposed object 00a1b2c3');
    expect(describeChange({ kind: 'delete', actions: ['delete'], deposed: '00a1b2c3' })).toBe('delete, deposed object 00a1b2c3');
  });
});
