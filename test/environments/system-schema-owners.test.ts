import { systemSchemaEnvironments, validateUnityCatalog } from '../../environments/lib/validate-unity-catalog';
import type { AccountConfig, EnvironmentConfig } from '../../environments/schema';

// Fixture regions and names of their own: two metastore regions, three environments.
const env = (name: string, region: string, options: { protect?: boolean; claims?: boolean } = {}) =>
  ({ name, aws: { region }, protect: options.protect ?? true, unityCatalog: { enablesSystemSchemas: options.claims ?? false } }) as EnvironmentConfig;
const environments = [env('zeta', 'us-east-1', { protect: false }), env('alpha', 'us-east-1'), env('mid', 'ap-south-1')];
const account = (owners: Record<string, string>, regions = ['us-east-1', 'ap-south-1']) =>
  ({ metastoreRegions: regions, systemSchemas: { schemas: [], environments: owners }, artifactAllowlists: {} }) as unknown as AccountConfig;

describe('system schema owners', () => {
  it('defaults to the only protected environment of each region, whatever the file order', () => {
    expect(Object.fromEntries(systemSchemaEnvironments(account({}), environments))).toEqual({ 'ap-south-1': 'mid', 'us-east-1': 'alpha' });
    expect(Object.fromEntries(systemSchemaEnvironments(account({}), [...environments].reverse()))).toEqual({ 'ap-south-1': 'mid', 'us-east-1': 'alpha' });
    expect(validateUnityCatalog(account({}), environments)).toEqual([]);
  });

  it('never picks by name: several protected environments and no choice leave the region without an owner', () => {
    const twoProtected = [env('zeta', 'us-east-1'), env('alpha', 'us-east-1')];
    expect(systemSchemaEnvironments(account({}), twoProtected).has('us-east-1')).toBe(false);
    expect(systemSchemaEnvironments(account({}), [env('zeta', 'us-east-1', { claims: true }), env('alpha', 'us-east-1')]).get('us-east-1')).toBe('zeta');
  });

  it('uses the configured owner of a region and the default in the others', () => {
    const chosen = [env('zeta', 'us-east-1'), env('alpha', 'us-east-1'), env('mid', 'ap-south-1')];
    const owners = systemSchemaEnvironments(account({ 'us-east-1': 'zeta' }), chosen);
    expect(owners.get('us-east-1')).toBe('zeta');
    expect(owners.get('ap-south-1')).toBe('mid');
    expect(validateUnityCatalog(account({ 'us-east-1': 'zeta' }), chosen)).toEqual([]);
  });

  it('refuses an unprotected owner', () => {
    expect(validateUnityCatalog(account({ 'us-east-1': 'zeta' }), environments)).toEqual([
      expect.stringContaining('account: systemSchemas.environments.us-east-1: environment "zeta" has protect: false'),
    ]);
  });

  it('has no owner for a region without environments', () => {
    expect(systemSchemaEnvironments(account({}), [env('alpha', 'us-east-1')]).has('ap-south-1')).toBe(false);
  });

  it('refuses an owner in a region without a metastore, an unknown environment, and one in another region', () => {
    expect(validateUnityCatalog(account({ 'eu-north-1': 'alpha' }), environments)).toEqual([
      'account: systemSchemas.environments.eu-north-1: eu-north-1 has no metastore (account.metastoreRegions)',
    ]);
    expect(validateUnityCatalog(account({ 'us-east-1': 'omega' }), environments)).toEqual([
      'account: systemSchemas.environments.us-east-1: no environment is named "omega"',
    ]);
    expect(validateUnityCatalog(account({ 'ap-south-1': 'alpha' }), environments)).toEqual([
      'account: systemSchemas.environments.ap-south-1: environment "alpha" runs in us-east-1, not ap-south-1',
    ]);
  });

  it('reports every bad entry', () => {
    expect(validateUnityCatalog(account({ 'us-east-1': 'omega', 'ap-south-1': 'alpha' }), environments)).toHaveLength(2);
  });
});
