/**
 * What a team does when it forks the blueprint (README "Replace these example values" and "Add an
 * environment"), as pure text edits: every example value in the environment files replaced, one
 * environment copied under a new name, and the new stack added to the workflows. scripts/fork-test.ts
 * applies them to a temporary copy of the repository and runs the test suite there.
 */
import { load } from 'js-yaml';
import type { LoadedConfig } from '../../environments';
import { DATABRICKS_AWS_REGIONS } from '../../environments/schema/primitives';
import { PRIVATE_LINK_SERVICES } from '../../environments/schema/private-link';

export interface Replacement {
  readonly what: string;
  readonly from: string;
  readonly to: string;
  /** A quoted literal is replaced only as a whole string; otherwise every occurrence (ids inside ARNs). */
  readonly whole: boolean;
}

/** 12 digits on their own (not the tail of a UUID such as a Databricks account id). */
const ACCOUNT_ID = /(?<![\w-])\d{12}(?![\w-])/g;
const PRIVATE_CIDR = /^10\.(\d{1,3})\.\d{1,3}\.\d{1,3}\/\d{1,2}$/;

/** Every string leaf of a value, with its key (the last path segment). */
function stringLeaves(value: unknown, key = ''): { key: string; value: string }[] {
  if (typeof value === 'string') return [{ key, value }];
  if (Array.isArray(value)) return value.flatMap((item) => stringLeaves(item, key));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, k));
  return [];
}

/**
 * A fresh value per old one, never equal to any old value (forking a fork still changes everything) and
 * never inside `inUse` (the test suite's text: a test that happened to hold the new value would pass for
 * the wrong reason, and the example-literal guard would flag it).
 */
function renamer(used: Iterable<string>, make: (n: number) => string, inUse = ''): (old: string) => string {
  const taken = new Set(used);
  const given = new Map<string, string>();
  let n = 0;
  return (old) => {
    if (!given.has(old)) {
      let candidate: string;
      do candidate = make((n += 1));
      while (taken.has(candidate) || inUse.includes(candidate));
      taken.add(candidate);
      given.set(old, candidate);
    }
    return given.get(old)!;
  };
}

/**
 * The example values of a loaded configuration and what replaces each: name prefix, Databricks and
 * AWS account ids, regions, bucket names, VPC CIDRs, workspace and deployment names, group display
 * names, tags and the state key prefix. No new value occurs in `inUse` (the fork test passes the test
 * suite's text).
 */
export function exampleValueReplacements(config: LoadedConfig, inUse = ''): Replacement[] {
  const { account, environments } = config;
  const all = stringLeaves(config);
  const out: Replacement[] = [];
  const add = (r: Replacement) => {
    if (!out.some((o) => o.from === r.from)) out.push(r);
  };
  const whole = (what: string, from: string, to: string) => add({ what, from, to, whole: true });
  const anywhere = (what: string, from: string, to: string) => add({ what, from, to, whole: false });
  const allValues = all.map((leaf) => leaf.value);

  const prefix = renamer(allValues, (n) => `fork${n}-lake`, inUse);
  whole('namePrefix', account.namePrefix, prefix(account.namePrefix));
  whole('databricksAccountId', account.databricksAccountId, renamer(allValues, (n) => `0f1e2d3c-4b5a-4697-8877-${String(n).padStart(12, '0')}`, inUse)(account.databricksAccountId));
  const bucket = renamer(allValues, (n) => `forked-bucket-${n}`, inUse);
  whole('state bucket', account.state.bucket, bucket(account.state.bucket));
  const logBucket = account.logDelivery.bucket;
  if (logBucket.mode === 'external') whole('log bucket', logBucket.name, bucket(logBucket.name));
  for (const s3Url of Object.values(account.metastoreStorageRoot ?? {})) {
    if (typeof s3Url === 'string') whole('metastore storage root', s3Url, `s3://${bucket(s3Url)}/metastore`);
  }
  // Named after the environment, so a copied environment file gets names of its own.
  for (const env of environments) {
    whole('workspaceName', env.databricks.workspaceName, renamer(allValues, (n) => `${env.name}-forked-ws${n}`, inUse)(env.databricks.workspaceName));
    whole('deploymentName', env.databricks.deploymentName, renamer(allValues, (n) => `${env.name}-forked${n}`, inUse)(env.databricks.deploymentName));
  }
  const group = renamer(allValues, (n) => `idp-group-${n}`, inUse);
  for (const { displayName } of Object.values(account.groups)) whole('group display name', displayName, group(displayName));
  const tag = renamer(allValues, (n) => `forked-tag-${n}`, inUse);
  for (const value of [account.tags, ...environments.map((e) => e.tags)].flatMap((tags) => Object.values(tags ?? {}))) {
    whole('tag value', value, tag(value));
  }
  if (account.state.keyPrefix) whole('state keyPrefix', account.state.keyPrefix, `forked-state-${account.state.keyPrefix.length}`);

  const ids = [...new Set(allValues.flatMap((value) => value.match(ACCOUNT_ID) ?? []))];
  const accountId = renamer(ids, (n) => `5${String(n * 7919).padStart(11, '0')}`, inUse);
  for (const id of ids) anywhere('AWS account id', id, accountId(id));

  const regions = [...new Set([account.aws.region, account.state.region, ...account.metastoreRegions, ...environments.map((e) => e.aws.region)])];
  // Only regions with PrivateLink service names, so an environment with PrivateLink stays valid.
  const candidates = DATABRICKS_AWS_REGIONS.filter((r) => r in PRIVATE_LINK_SERVICES && !regions.includes(r));
  regions.forEach((region, i) => {
    if (i >= candidates.length) throw new Error(`fork: no spare region for ${region}`);
    anywhere('region', region, candidates[i]);
  });

  const octets = [...new Set(allValues.flatMap((value) => PRIVATE_CIDR.exec(value)?.[1] ?? []))];
  const spare = Array.from({ length: 256 }, (_, i) => String((i + 100) % 256)).filter((o) => !octets.includes(o));
  octets.forEach((octet, i) => anywhere('VPC CIDR', `'10.${octet}.`, `'10.${spare[i]}.`));
  return out;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Applies replacements to one file's text: whole literals first (longest first), then substrings. */
export function applyReplacements(text: string, replacements: Replacement[]): string {
  const ordered = [...replacements].sort((a, b) => Number(a.whole === false) - Number(b.whole === false) || b.from.length - a.from.length);
  return ordered.reduce((result, r) => {
    const pattern = r.whole ? new RegExp(`(['"\`])${escape(r.from)}\\1`, 'g') : new RegExp(escape(r.from), 'g');
    return result.replace(pattern, r.whole ? `$1${r.to.replace(/\$/g, '$$$$')}$1` : r.to.replace(/\$/g, '$$$$'));
  }, text);
}

/** The replacements whose old value still occurs in the text (an incomplete rewrite). */
export function leftovers(text: string, replacements: Replacement[]): Replacement[] {
  return replacements.filter((r) => (r.whole ? new RegExp(`(['"\`])${escape(r.from)}\\1`).test(text) : text.includes(r.from)));
}

/**
 * A new environment file from an existing one: the name (and every string containing it, like
 * secret scope names), its AWS account ids and its VPC's second octet changed.
 */
export function copyEnvironment(text: string, from: string, to: string, usedText: string): string {
  const renamed = text.replace(new RegExp(`\\b${escape(from)}\\b`, 'g'), to);
  const ids = [...new Set(renamed.match(ACCOUNT_ID) ?? [])];
  const id = renamer(usedText.match(ACCOUNT_ID) ?? [], (n) => `6${String(n * 104729).padStart(11, '0')}`);
  const withIds = ids.reduce((result, old) => result.split(old).join(id(old)), renamed);
  const usedOctets = new Set([...usedText.matchAll(/'10\.(\d{1,3})\./g)].map((m) => m[1]));
  const free = Array.from({ length: 256 }, (_, i) => String((i + 200) % 256)).find((o) => !usedOctets.has(o));
  return withIds.replace(/'10\.\d{1,3}\./g, `'10.${free}.`);
}

type Job = { needs?: string | string[]; with?: Record<string, unknown> };

/**
 * README "Add an environment" step 2, as text edits that keep comments and layout: the stack joins
 * every flow list that names all the others (`stack: [account, dev, ...]`, dispatch `options`), and
 * a deploy job like the last environment's, renamed, follows it in the `needs:` chain.
 */
export function addStackToWorkflow(text: string, stack: string, existing: string[]): string {
  const lines = text.split('\n').map((line) => line.replace(/\[([^\]]*)\]/, (list, items: string) => {
    const names = items.split(',').map((item) => item.trim().replace(/^['"]|['"]$/g, ''));
    return existing.every((name) => names.includes(name)) ? `[${items}, ${stack}]` : list;
  }));
  const jobs = (load(text) as { jobs?: Record<string, Job> }).jobs ?? {};
  const chain = Object.entries(jobs).filter(([, job]) => typeof job.with?.stack === 'string' && existing.includes(job.with.stack as string));
  if (chain.length === existing.length && existing.length > 0) {
    const [last] = chain[chain.length - 1];
    const start = lines.findIndex((line) => line === `  ${last}:`);
    if (start < 0) throw new Error(`fork: job "${last}" is not a two-space key under jobs`);
    let end = start + 1;
    while (end < lines.length && (lines[end].trim() === '' || lines[end].startsWith('   '))) end += 1;
    while (end > start + 1 && lines[end - 1].trim() === '') end -= 1;
    const block = lines.slice(start, end).map((line) => line.replace(new RegExp(`\\b${last}\\b`, 'g'), stack).replace(/^(\s+needs:\s*).*$/, `$1${last}`));
    if (!block.some((line) => /^\s+needs:/.test(line))) block.splice(1, 0, `    needs: ${last}`);
    const separated = lines[start - 1]?.trim() === '';
    lines.splice(end, 0, ...(separated ? [''] : []), ...block);
  }
  return lines.join('\n');
}
