import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import type { z } from 'zod';
import { ConfigError, describeIssues } from './lib/errors';
import { describeThrown, readData, UNREADABLE } from './lib/read-data';
import { accountSchema, environmentSchema, type AccountConfig, type EnvironmentConfig } from './schema';
import { validateEnvironmentSet } from './lib/validate-set';
import { withGroupDefaults } from './lib/groups';
import { systemSchemaEnvironments } from './lib/validate-unity-catalog';
import { mergedArtifactAllowlists, type MetastoreArtifactLists } from './lib/artifact-allowlists';
import { LockFileError, readLocks, unretiredDeletions } from './lib/address-lock-files';
import { validateRetirements } from './lib/validate-retired';
import { adoptedRootBuckets, readAdoption, type Adoption } from './lib/adoption';

export { ConfigError } from './lib/errors';

/** An environment after validation, with every account-level default resolved. */
export interface ResolvedEnvironment extends EnvironmentConfig {
  readonly databricksAccountId: string;
  readonly stateKey: string;
  readonly keyAdministratorArns: string[];
  /** This environment's stack enables the metastore's system schemas (one environment per region). */
  readonly managesSystemSchemas: boolean;
  /**
   * The merged allowlists of the region's metastore (account file, every environment of the region, their
   * node-traffic scripts): set only on the system-schema owner, which applies them. Others apply none.
   */
  readonly metastoreArtifactAllowlists?: MetastoreArtifactLists;
  /** Relative path of the file it came from, for error messages. */
  readonly sourceFile: string;
  /** Existing objects to import (`npm run adopt`, environments/imports/<name>.json). */
  readonly adoption?: Adoption;
}

export interface LoadOptions {
  /**
   * Refuse an environment whose file is gone while its address lock says it was never retired.
   * Default: true; only `npm run lock:update -- --init` (a fork's first lock) turns it off.
   */
  readonly checkRetirements?: boolean;
}

export interface LoadedConfig {
  readonly account: AccountConfig;
  readonly environments: ResolvedEnvironment[];
}

/** Files in the environments folder that are not environments. */
const NOT_ENVIRONMENTS = new Set(['index', 'schema', 'account']);

/** The folder main.ts reads: BLUEPRINT_ENVIRONMENTS_DIR (benchmarks, tests) or this folder. */
export function environmentsDir(): string {
  return process.env.BLUEPRINT_ENVIRONMENTS_DIR ? path.resolve(process.env.BLUEPRINT_ENVIRONMENTS_DIR) : __dirname;
}

export function stateKeyFor(account: AccountConfig, stack: string): string {
  return `${account.state.keyPrefix}/${stack}.tfstate`;
}

/**
 * Loads account.(ts|json) and every other *.ts / *.json data file of `dir`, validates each
 * and then the set. Throws ConfigError listing every problem; nothing is returned half-valid.
 */
export function loadConfig(folder: string = environmentsDir(), options: LoadOptions = {}): LoadedConfig {
  // require() resolves relative paths against this module, not the caller's working directory.
  const dir = path.resolve(folder);
  const files = readdirSync(dir)
    .filter((file) => /\.(ts|json)$/.test(file) && !file.endsWith('.d.ts'))
    .sort();
  const problems: string[] = [];
  const relative = (file: string) => path.relative(process.cwd(), path.join(dir, file)) || file;

  const accountFile = files.find((file) => path.parse(file).name === 'account');
  if (!accountFile) throw new ConfigError([`${relative('account.ts')}: missing (the account file is required)`]);
  const accountSubject = `account (${relative(accountFile)})`;
  const accountInput = readData(path.join(dir, accountFile), accountSubject, problems);
  const accountResult = accountInput === UNREADABLE ? undefined : safeParse(accountSchema, accountInput, accountSubject, problems);
  if (accountResult && !accountResult.success) {
    problems.push(...describeIssues(accountSubject, accountResult.error, { schema: accountSchema, input: accountInput }));
  }

  const environments: { config: EnvironmentConfig; file: string; adoption?: Adoption }[] = [];
  for (const file of files) {
    const stem = path.parse(file).name;
    if (NOT_ENVIRONMENTS.has(stem)) continue;
    const subject = `environment "${stem}" (${relative(file)})`;
    const input = readData(path.join(dir, file), subject, problems);
    if (input === UNREADABLE) continue;
    const result = safeParse(environmentSchema, input, subject, problems);
    if (!result) continue;
    if (!result.success) {
      problems.push(...describeIssues(subject, result.error, { schema: environmentSchema, input }));
    } else if (result.data.name !== stem) {
      problems.push(`${subject}: name: must equal the file name "${stem}"; got "${result.data.name}"`);
    } else {
      environments.push({ config: result.data, file: relative(file), adoption: readAdoption(dir, stem, problems) });
    }
  }
  if (options.checkRetirements ?? true) problems.push(...retirementProblems(dir, files.map((file) => path.parse(file).name)));
  if (problems.length > 0 || !accountResult?.success) throw new ConfigError(problems);
  if (environments.length === 0) throw new ConfigError([`${relative('.')}: no environment files found`]);

  const account = accountResult.data;
  // Group defaults come from the account's group entries (no default names a group key).
  for (const environment of environments) environment.config = withGroupDefaults(account, environment.config);
  const configs = environments.map((e) => e.config);
  const stateKeys = new Map<string, string>([['account', stateKeyFor(account, 'account')]]);
  for (const config of configs) stateKeys.set(config.name, config.state.key ?? stateKeyFor(account, config.name));
  const rootBuckets = adoptedRootBuckets(environments.map(({ config, adoption }) => [config.name, adoption] as const));
  problems.push(...validateEnvironmentSet(account, configs, stateKeys, rootBuckets));
  problems.push(...validateRetirements(account, configs));
  // Set-level rules know environments by name; add the file, as the per-file messages do.
  const withFile = (problem: string) => {
    if (problem.startsWith('account: ')) return `${accountSubject}${problem.slice('account'.length)}`;
    const owner = environments.find(({ config }) => problem.startsWith(`environment "${config.name}": `));
    return owner ? `environment "${owner.config.name}" (${owner.file})${problem.slice(`environment "${owner.config.name}"`.length)}` : problem;
  };
  if (problems.length > 0) throw new ConfigError(problems.map(withFile));

  const systemSchemaOwners = systemSchemaEnvironments(account, configs);
  const allowlists = mergedArtifactAllowlists(account, configs);
  return {
    account,
    environments: environments.map(({ config, file, adoption }) => ({
      ...config,
      ...retiredOverrides(config),
      databricksAccountId: account.databricksAccountId,
      stateKey: stateKeys.get(config.name)!,
      keyAdministratorArns: resolveKeyAdministrators(config.aws.keyAdministratorArns, config.aws.deployRoleArn),
      managesSystemSchemas: systemSchemaOwners.get(config.aws.region) === config.name,
      ...(systemSchemaOwners.get(config.aws.region) === config.name && allowlists.has(config.aws.region)
        ? { metastoreArtifactAllowlists: allowlists.get(config.aws.region) }
        : {}),
      sourceFile: file,
      ...(adoption ? { adoption } : {}),
    })),
  };
}

/**
 * `retired: true` lifts destroy protection for this environment only. Keys keep the deletion window
 * they had while protected (30 days unless set), so a retired key stays recoverable that long.
 */
function retiredOverrides(config: EnvironmentConfig): Partial<EnvironmentConfig> {
  if (!config.retired) return {};
  // AWS KMS: the longest deletion window (PendingWindowInDays 7..30, AWS KMS ScheduleKeyDeletion API reference).
  const window = config.encryption.deletionWindowDays ?? (config.protect ? 30 : undefined);
  return { protect: false, encryption: { ...config.encryption, deletionWindowDays: window } };
}

/** Lock files that cannot be read, and environment files deleted without retiring first. */
function retirementProblems(dir: string, environmentNames: string[]): string[] {
  try {
    return unretiredDeletions(dir, environmentNames, readLocks(dir));
  } catch (error) {
    if (error instanceof LockFileError) return [error.message];
    throw error;
  }
}

export function resolveKeyAdministrators(explicit: string[], deployRoleArn: string | undefined): string[] {
  return explicit.length > 0 ? explicit : deployRoleArn ? [deployRoleArn] : [];
}

/**
 * zod's safeParse, except that a value whose code throws while being read (a getter, a Proxy)
 * becomes one problem instead of a crash.
 */
function safeParse<T extends z.ZodType>(schema: T, input: unknown, subject: string, problems: string[]): ReturnType<T['safeParse']> | undefined {
  try {
    return schema.safeParse(input) as ReturnType<T['safeParse']>;
  } catch (error) {
    problems.push(`${subject}: (file): reading its values threw: ${describeThrown(error)}`);
    return undefined;
  }
}
