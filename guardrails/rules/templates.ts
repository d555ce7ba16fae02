import { TerraformElement, Tokenization } from 'cdktf';
import type { IConstruct } from 'constructs';
import { liveTemplateSequences } from '../../constructs/terraform-literal';
import type { Block, Json } from '../model';
import type { Rule } from '../rule';

/** cdktf's marker for a token (a reference the blueprint built) inside an unresolved string. */
const TOKEN_MARKER = '${TfToken[';

/**
 * Every literal string of a block before cdktf resolves its tokens, map keys included (Terraform
 * evaluates tag keys too). Unresolved, a reference the blueprint built is a token marker, while text
 * copied from an environment file is still the characters the user typed.
 */
function* literalTexts(value: unknown, at: string): Generator<[string, string]> {
  if (typeof value === 'string') yield [at, value];
  else if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* literalTexts(item, `${at}[${i}]`);
  else if (value && typeof value === 'object' && !Tokenization.isResolvable(value)) {
    for (const [key, item] of Object.entries(value as Json)) {
      if (key === '//') continue;
      const path = at ? `${at}.${key}` : key;
      yield [`${path} (key)`, key];
      yield* literalTexts(item, path);
    }
  }
}

function findings(blocks: Block[], userSequences: ReadonlySet<string>) {
  const seen = new Set<IConstruct>();
  return blocks.flatMap((block) => {
    if (seen.has(block.construct) || !TerraformElement.isTerraformElement(block.construct)) return [];
    seen.add(block.construct);
    return [...literalTexts(block.construct.toTerraform(), '')].flatMap(([path, text]) =>
      liveTemplateSequences(text)
        .filter((sequence) => !sequence.startsWith(TOKEN_MARKER) && userSequences.has(sequence))
        .map((sequence) => ({ block, detail: `${path} would evaluate ${JSON.stringify(sequence)} from an environment file` })),
    );
  });
}

export const templateRules: Rule[] = [
  {
    id: 'DBX-TPL-001',
    severity: 'error',
    reason: 'Text from environment files reaches Terraform only as a literal: Terraform evaluates "${...}" and "%{...}" in every JSON string.',
    fix: 'Pass user text through terraformLiteral() (constructs/terraform-literal.ts) where the construct writes it.',
    check: (model) => {
      const userSequences = new Set((model.userText ?? []).flatMap(liveTemplateSequences));
      return userSequences.size === 0 ? [] : findings(model.blocks, userSequences);
    },
  },
];
