import { rmSync } from 'node:fs';
import { loadConfig, type LoadedConfig, type ResolvedEnvironment } from '../../environments';
import { SAT_CHECKS, evaluateSatChecks, type SatContext } from '../../scripts/lib/sat-checks';
import { exampleInputs, writeEnvironmentsDir } from '../support/environment-files';
import { exampleConfig, synthApp, type Synthesized } from '../support/synth';

function contextOf(config: LoadedConfig, stacks: Record<string, Synthesized>, env: ResolvedEnvironment): SatContext {
  return {
    workspace: stacks[env.name],
    account: stacks.account,
    sameMetastore: config.environments.filter((other) => other.aws.region === env.aws.region).map((other) => stacks[other.name]),
  };
}

/** What each check should say, read from the loaded environment and account files. */
function expectedFrom(config: LoadedConfig, env: ResolvedEnvironment): Record<string, boolean> {
  const { account } = config;
  const { settings, hardening, usersEntitlements, ipAccessLists } = env.workspaceSecurity;
  const policy = env.clusterPolicy;
  return {
    'DP-2': policy.enabled && policy.localDiskEncryption,
    'DP-3': env.encryption.managedServices.enabled && env.encryption.storage.enabled,
    'DP-5': !settings.resultsDownload,
    'DP-6': !settings.notebookExport,
    'DP-7': !settings.notebookTableClipboard,
    'DP-8': settings.notebookResultsInCustomerAccount,
    'DP-9': !settings.fileStoreEndpoint,
    'DP-10': hardening.disableLegacyDbfs,
    'DP-13': !settings.dbfsFileBrowser,
    'GOV-3': account.logDelivery.enabled && account.logDelivery.auditLogs,
    'GOV-8': policy.enabled && policy.clusterLogs.enabled,
    'GOV-12': policy.enabled,
    'GOV-14': settings.enforceImdsV2,
    'GOV-15': settings.verboseAuditLogs,
    'GOV-16': true,
    'GOV-21': true,
    'GOV-34': account.systemSchemas.schemas.includes('access') && config.environments.some((e) => e.aws.region === env.aws.region && e.managesSystemSchemas),
    'GOV-35': hardening.restrictWorkspaceAdmins,
    'GOV-36': hardening.automaticClusterUpdate,
    'GOV-37': account.disableLegacyFeatures,
    'IA-5': true,
    'IA-8': true,
    'INFO-4': usersEntitlements.manage && !usersEntitlements.allowClusterCreate && !usersEntitlements.allowInstancePoolCreate,
    'INFO-8': settings.viewAcls,
    'INFO-9': settings.viewAcls,
    'INFO-10': settings.viewAcls,
    'INFO-11': settings.gitFolders,
    'INFO-38': (() => {
      const owner = config.environments.find((e) => e.aws.region === env.aws.region && e.managesSystemSchemas);
      const lists = owner?.metastoreArtifactAllowlists;
      return lists !== undefined && lists.jars.length + lists.mavenCoordinates.length > 0;
    })(),
    'INFO-39': hardening.complianceSecurityProfile.enabled,
    'INFO-40': hardening.enhancedSecurityMonitoring,
    'NS-3': env.privateLink.enabled,
    'NS-4': true,
    'NS-5': ipAccessLists.enabled,
    'NS-11': ipAccessLists.enabled,
  };
}

const config = exampleConfig();
const stacks = synthApp(config);

describe('SAT checks a declared configuration answers, per example environment', () => {
  it('every listed check has an expectation, and ids are unique', () => {
    const ids = SAT_CHECKS.map((check) => check.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.keys(expectedFrom(config, config.environments[0])).sort()).toEqual([...ids].sort());
  });

  const rows = config.environments.flatMap((env) => {
    const results = evaluateSatChecks(contextOf(config, stacks, env));
    const expected = expectedFrom(config, env);
    return SAT_CHECKS.map((check) => [env.name, check.id, check.title, results[check.id] ? 'passes' : 'fails', expected[check.id]] as const);
  });
  it.each(rows)('%s %s (%s) %s, as its files declare', (_env, _id, _title, verdict, expected) => {
    expect(verdict).toBe(expected ? 'passes' : 'fails');
  });
});

describe('secure by default', () => {
  /** Checks that cost money, cannot be undone, restart clusters, need account-level or network set-up, or your own libraries: opt-in. */
  const OPT_IN = ['GOV-35', 'GOV-36', 'GOV-37', 'INFO-38', 'INFO-39', 'INFO-40', 'NS-3', 'NS-5', 'NS-11'];

  it('an environment that declares no security section passes every other check', () => {
    const { account, environments } = exampleInputs();
    const [name, input] = Object.entries(environments)[0];
    const bare: Record<string, unknown> = { ...input, protect: true };
    for (const section of ['workspaceSecurity', 'clusterPolicy', 'encryption', 'privateLink', 'nodeTrafficEncryption', 'unityCatalog', 'secretScopes']) delete bare[section];
    const dir = writeEnvironmentsDir({ ...account, systemSchemas: {}, disableLegacyFeatures: false }, { [name]: bare });
    try {
      const fixture = loadConfig(dir);
      const fixtureStacks = synthApp(fixture);
      const results = evaluateSatChecks(contextOf(fixture, fixtureStacks, fixture.environments[0]));
      const failing = Object.entries(results).filter(([, passes]) => !passes).map(([id]) => id).sort();
      expect(failing).toEqual([...OPT_IN].sort());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
