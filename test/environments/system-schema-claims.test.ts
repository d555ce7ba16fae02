/**
 * validateUnityCatalog's claims on a region's system schemas (environments/lib/validate-unity-catalog.ts),
 * called directly on parsed fixtures: one claimant per region, every further claimant named at once, a claim
 * against the account file's choice, and the account file's entries checked one by one.
 */
import { systemSchemaEnvironments, validateUnityCatalog } from '../../environments/lib/validate-unity-catalog';
import { accountSchema, environmentSchema, type AccountConfig, type AccountInput, type EnvironmentConfig, type EnvironmentInput } from '../../environments/schema';
import { accountFixture, environmentFixture, FIXTURE, type DeepPartial } from '../support/fixtures';

const OTHER_REGION = 'eu-west-1';
const account = (overrides?: DeepPartial<AccountInput>): AccountConfig =>
  accountSchema.parse(accountFixture({ metastoreRegions: [FIXTURE.region, OTHER_REGION], ...overrides }));
const environment = (name: string, overrides?: DeepPartial<EnvironmentInput>): EnvironmentConfig => environmentSchema.parse(environmentFixture(name, overrides));
const claimant = (name: string, region: string = FIXTURE.region) =>
  environment(name, { aws: { region: region as never }, protect: true, unityCatalog: { enablesSystemSchemas: true } });
const duplicate = (name: string, first: string, region: string = FIXTURE.region) =>
  `environment "${name}": unityCatalog.enablesSystemSchemas: environment "${first}" already enables the system schemas of ${region}; set it in one environment per region`;

describe('claims on the system schemas of a region', () => {
  it('accepts one claimant per region, and claimants of different regions', () => {
    expect(validateUnityCatalog(account(), [claimant('alpha'), environment('beta', { protect: true })])).toEqual([]);
    expect(validateUnityCatalog(account(), [claimant('alpha'), claimant('beta', OTHER_REGION)])).toEqual([]);
  });

  it('names every claimant after the first (sorted by name), not only the second', () => {
    expect(validateUnityCatalog(account(), [claimant('gamma'), claimant('alpha'), claimant('beta')])).toEqual([
      duplicate('beta', 'alpha'),
      duplicate('gamma', 'alpha'),
    ]);
  });

  it('reports each region on its own', () => {
    const environments = [claimant('beta', OTHER_REGION), claimant('alpha'), claimant('delta', OTHER_REGION), claimant('gamma')];
    expect(validateUnityCatalog(account(), environments)).toEqual([duplicate('delta', 'beta', OTHER_REGION), duplicate('gamma', 'alpha')]);
  });

  it('refuses a claim against the account file\'s choice, and accepts the claim of the chosen environment', () => {
    const chosen = (name: string) => account({ systemSchemas: { environments: { [FIXTURE.region]: name } } });
    const environments = [claimant('alpha'), environment('beta', { protect: true })];
    expect(validateUnityCatalog(chosen('beta'), environments)).toEqual([
      `environment "alpha": unityCatalog.enablesSystemSchemas: account.systemSchemas.environments names "beta" for ${FIXTURE.region}; keep one of the two`,
    ]);
    expect(validateUnityCatalog(chosen('alpha'), environments)).toEqual([]);
    // Several claimants: the duplicates are the problem to fix first, whichever the account file names.
    expect(validateUnityCatalog(chosen('beta'), [claimant('alpha'), environment('beta', { protect: true }), claimant('gamma')])).toEqual([duplicate('gamma', 'alpha')]);
    // The choice of one region says nothing about a claim in another.
    expect(validateUnityCatalog(chosen('beta'), [environment('beta', { protect: true }), claimant('alpha', OTHER_REGION)])).toEqual([]);
  });

  it('refuses an unprotected environment in the account file with the reason, and checks every entry', () => {
    const unprotected = environment('alpha', { protect: false });
    const settings = { [FIXTURE.region]: 'alpha', [OTHER_REGION]: 'omega' };
    expect(validateUnityCatalog(account({ systemSchemas: { environments: settings } }), [unprotected])).toEqual([
      `account: systemSchemas.environments.${FIXTURE.region}: environment "alpha" has protect: false; the system schemas of a region belong to a protected environment (destroying it would disable them for every workspace of ${FIXTURE.region})`,
      `account: systemSchemas.environments.${OTHER_REGION}: no environment is named "omega"`,
    ]);
  });

  it('hands the region to the claimant before the only protected environment, and to the account file\'s choice before both', () => {
    const environments = [environment('alpha', { protect: true }), claimant('beta'), environment('gamma', { protect: false })];
    expect(systemSchemaEnvironments(account(), environments).get(FIXTURE.region)).toBe('beta');
    expect(systemSchemaEnvironments(account({ systemSchemas: { environments: { [FIXTURE.region]: 'alpha' } } }), environments).get(FIXTURE.region)).toBe('alpha');
  });
});
