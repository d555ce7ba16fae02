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
const accountIds = (text: string) => [...text.matchAll(ACCOUNT_ID)].map(([id]) => id);
const PRIVATE_CIDR = /^10\.(\d{1,3})\.\d{1,3}\.\d{1,3}\/\d{1,2}$/;

/** Every string in a value, at any depth (`Object()` boxes null, numbers and booleans: no values). */
function strings(value: unknown): string[] {
  return typeof value === 'string' ? [value] : Object.values(Object(value)).flatMap(strings);
}

/**
 * A fresh value per old one, never equal to any old value (forking a fork still changes everything) and
 * never inside `inUse` (the test suite's text: a test that happened to hold the new value would pass for
 * the wrong reason, and the example-literal guard would flag it).
 */
function renamer(used: Iterable<string>, make: (n: number) => string, inUse?: string): (old: string) => string {
  const taken = new Set(used);
  const given = new Map<string, string>();
  let n = 0;
  return (old) => {
    if (!given.has(old)) {
      let candidate: string;
      do candidate = make((n += 1));
      while (taken.has(candidate) || inUse?.includes(candidate));
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
export function exampleValueReplacements(config: LoadedConfig, inUse?: string): Replacement[] {
  const { account, environments } = config;
  const allValues = strings(config);
  const out: Replacement[] = [];
  // One replacement per old value; a substring one wins over a whole one (a tag equal to a region or an
  // account id): it also replaces the quoted literal, where a whole one would miss the ARNs.
  const add = (r: Replacement) => {
    const same = out.findIndex((o) => o.from === r.from);
    if (same === -1) out.push(r);
    else if (!r.whole) out[same] = r;
  };
  const whole = (what: string, from: string, to: string) => add({ what, from, to, whole: true });
  const anywhere = (what: string, from: string, to: string) => add({ what, from, to, whole: false });

  const prefix = renamer(allValues, (n) => `fork${n}-lake`, inUse);
  whole('namePrefix', account.namePrefix, prefix(account.namePrefix));
  whole('databricksAccountId', account.databricksAccountId, renamer(allValues, (n) => `0f1e2d3c-4b5a-4697-8877-${String(n).padStart(12, '0')}`, inUse)(account.databricksAccountId));
  const bucket = renamer(allValues, (n) => `forked-bucket-${n}`, inUse);
  whole('state bucket', account.state.bucket, bucket(account.state.bucket));
  const logBucket = account.logDelivery.bucket;
  if (logBucket.mode === 'external') whole('log bucket', logBucket.name, bucket(logBucket.name));
  // A partial record holds only the regions it names: every value is a URL.
  for (const s3Url of Object.values(account.metastoreStorageRoot) as string[]) whole('metastore storage root', s3Url, `s3://${bucket(s3Url)}/metastore`);
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
  // Never empty: the schema's default is 'databricks'.
  whole('state keyPrefix', account.state.keyPrefix, `forked-state-${account.state.keyPrefix.length}`);

  const ids = [...new Set(allValues.flatMap(accountIds))];
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

/**
 * Applies replacements to one file's text, longest old value first: a value that contains another (a
 * bucket named after an account id) is replaced before the shorter one could break it up.
 */
export function applyReplacements(text: string, replacements: Replacement[]): string {
  const ordered = [...replacements].sort((a, b) => b.from.length - a.from.length);
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
  const ids = [...new Set(accountIds(renamed))];
  const id = renamer(accountIds(usedText), (n) => `6${String(n * 104729).padStart(11, '0')}`);
  const withIds = ids.reduce((result, old) => result.split(old).join(id(old)), renamed);
  const usedOctets = new Set([...usedText.matchAll(/'10\.(\d{1,3})\./g)].map((m) => m[1]));
  const free = Array.from({ length: 256 }, (_, i) => String((i + 200) % 256)).find((o) => !usedOctets.has(o));
  return withIds.replace(/'10\.\d{1,3}\./g, `'10.${free}.`);
}

/** An item of a block sequence holding a plain name: `- dev`, `- 'dev'`; its indentation and the name. */
const BLOCK_ITEM = /^(\s*)- (['"]?)([\w.-]+)\2(\s+#.*)?$/;

type Job = { needs?: string | string[]; with?: Record<string, unknown> };

/**
 * README "Add an environment" step 2, as text edits that keep comments and layout: the stack joins
 * every list that names all the others, in flow style (`stack: [account, dev, ...]`, dispatch
 * `options`) or block style (`- dev` lines), and a deploy job like the last environment's follows it.
 * The copy is the last stack's job (jobs two-space keys, their entries four) with its stack name
 * replaced, also in its key (`deploy-prod` -> `deploy-qa`; a key without the name becomes the new
 * stack's name), and needs the last job and whatever else that job needs besides other stacks' jobs.
 */
export function addStackToWorkflow(text: string, stack: string, existing: string[]): string {
  if (existing.length === 0) throw new Error('fork: no existing stack to add the new one after');
  const namesAll = (names: string[]) => existing.every((name) => names.includes(name));
  const flow = text.split('\n').map((line) => line.replace(/\[([^\]]*)\]/, (list, items: string) => {
    const names = items.split(',').map((item) => item.trim().replace(/['"]/g, ''));
    return namesAll(names) ? `[${items}, ${stack}]` : list;
  }));
  // Past either end, flow[i] is undefined, tested as the text "undefined": never an item.
  const isItem = (i: number) => BLOCK_ITEM.test(flow[i]);
  const lines = flow.flatMap((line, last) => {
    if (!isItem(last) || isItem(last + 1)) return [line];
    let first = last;
    while (isItem(first - 1)) first -= 1;
    const run = flow.slice(first, last + 1).map((item) => BLOCK_ITEM.exec(item)!);
    return namesAll(run.map((item) => item[3])) ? [line, `${run[0][1]}- ${stack}`] : [line];
  });

  const jobs = (load(text) as { jobs?: Record<string, Job> }).jobs ?? {};
  const chain = Object.entries(jobs).filter(([, job]) => typeof job.with?.stack === 'string' && existing.includes(job.with.stack));
  if (chain.length !== existing.length) return lines.join('\n');
  const [last, job] = chain[chain.length - 1];
  const start = lines.indexOf(`  ${last}:`);
  if (start === -1) throw new Error(`fork: job "${last}" is not a two-space key under jobs`);
  let end = start + 1;
  while (end < lines.length && (lines[end].trim() === '' || lines[end].startsWith('   '))) end += 1;
  while (lines[end - 1].trim() === '') end -= 1;

  const rename = (line: string) => line.replace(new RegExp(`\\b${escape(String(job.with!.stack))}\\b`, 'g'), stack);
  const key = rename(last) === last ? stack : rename(last);
  const block = [`  ${key}:`, ...lines.slice(start + 1, end).map(rename)];
  const others = chain.map(([name]) => name);
  const needs = [...[job.needs ?? []].flat().filter((name) => !others.includes(name)), last];
  const needsLine = `    needs: ${needs.length === 1 ? last : `[${needs.join(', ')}]`}`;
  const at = block.findIndex((line) => line.startsWith('    needs:'));
  if (at === -1) block.splice(1, 0, needsLine);
  else {
    // A block-style list's items follow the key, deeper or at its indentation.
    const after = block.findIndex((line, i) => i > at && !line.startsWith('    - ') && !line.startsWith('     '));
    block.splice(at, (after === -1 ? block.length : after) - at, needsLine);
  }
  lines.splice(end, 0, ...(lines[start - 1].trim() === '' ? [''] : []), ...block);
  return lines.join('\n');
}
