/** Markdown summary of a plan-guard result: job summary and pull-request comment. */
import { describeChange, type GuardedChange, type PlanGuardResult } from './plan-guard';

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * A code span that no plan text can break out of: addresses may hold for_each keys with backticks,
 * and the summary is posted as a comment. The fence is one backtick longer than any run inside.
 */
export function code(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text.replace(/[\r\n]+/g, ' ')}${pad}${fence}`;
}

const line = (change: GuardedChange, suffix = '') => `- ${code(change.address)}: ${describeChange(change)}. ${change.why}${suffix}`;

export function renderMarkdown(result: PlanGuardResult, context: { allowSource?: string } = {}): string {
  const lines: string[] = [];
  const failures = result.blocked.length + result.unrecognised.length;
  lines.push(result.passed
    ? `## ✅ Plan guard: passed${result.warnings.length ? ` with ${plural(result.warnings.length, 'warning')}` : ''}`
    : `## ❌ Plan guard: ${plural(failures, 'blocked change')}`);
  lines.push('');

  const { totals } = result;
  const types = Object.keys(result.countsByType);
  const version = result.terraformVersion ? `Terraform ${result.terraformVersion}: ` : '';
  if (types.length === 0) {
    lines.push(`${version}no changes.`);
  } else {
    const summary = `${totals.add} to add, ${totals.change} to change, ${totals.replace} to replace, ${totals.delete} to delete`;
    lines.push(`${version}${summary}${totals.forget ? `, ${totals.forget} to forget` : ''}.`);
    lines.push('');
    // The Forget column only appears when needed: removed blocks with destroy = false are rare.
    const withForget = totals.forget > 0;
    lines.push(`| Resource type | Add | Change | Replace | Delete |${withForget ? ' Forget |' : ''}`);
    lines.push(`|---|---:|---:|---:|---:|${withForget ? '---:|' : ''}`);
    for (const type of types) {
      const c = result.countsByType[type];
      lines.push(`| ${code(type)} | ${c.add} | ${c.change} | ${c.replace} | ${c.delete} |${withForget ? ` ${c.forget} |` : ''}`);
    }
  }

  const section = (title: string, items: string[]) => {
    if (items.length > 0) lines.push('', `### ${title}`, '', ...items);
  };
  section('Not understood (fails closed)', result.unrecognised.map((item) => `- ${code(item.address)}: ${item.problem}`));
  section('Blocked changes', result.blocked.map((change) => line(change)));
  section('Warnings: security controls and unmanaged objects', result.warnings.map((change) => line(change)));
  section('Allowed by reviewer', result.allowedByReviewer.map(
    (change) => line(change, ` (allowed${context.allowSource ? ` by ${context.allowSource}` : ' by reviewer'})`),
  ));
  section('Unused --allow addresses', result.unusedAllows.map(
    (address) => `- ${code(address)}: no blocked deletion or replacement at this address`,
  ));
  if (result.blocked.length > 0) {
    lines.push('', 'If the destruction is intended, apply it through the reviewed path in docs/plan-guard.md (`--allow <address>`).');
  }
  if (result.unrecognised.length > 0) {
    lines.push('', 'The guard refuses plans it does not fully understand; `--allow` cannot override this.');
  }
  return `${lines.join('\n')}\n`;
}
