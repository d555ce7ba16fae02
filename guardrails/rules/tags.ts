import { asList, type Block, type Json, type StackModel } from '../model';
import type { Rule } from '../rule';

export const REQUIRED_TAGS = ['Environment', 'Owner', 'CostCenter'];

/** Generated resource classes expose `tagsInput` exactly when the Terraform type has `tags`. */
const isTaggable = (block: Block) => block.kind === 'resource' && block.type.startsWith('aws_') && 'tagsInput' in block.construct;

/** `default_tags` of the AWS provider the resource uses (`provider = "aws.<alias>"` or the default one). */
function defaultTags(model: StackModel, block: Block): Json {
  const alias = typeof block.config.provider === 'string' ? block.config.provider.split('.')[1] ?? 'default' : 'default';
  const provider = model.blocks.find((b) => b.kind === 'provider' && b.type === 'aws' && b.name === alias);
  return Object.assign({}, ...asList<Json>(provider?.config.default_tags).map((d) => (d.tags ?? {}) as Json));
}

export const tagRules: Rule[] = [
  {
    id: 'DBX-TAG-001',
    severity: 'error',
    reason: 'Every taggable AWS resource carries Environment, Owner and CostCenter, so cost can be attributed.',
    fix: 'Create the AWS provider with awsProvider(..., { tags }) (default_tags) or set the tags on the resource.',
    check: (model) => model.blocks.filter(isTaggable).flatMap((block) => {
      const tags = { ...defaultTags(model, block), ...((block.config.tags ?? {}) as Json) };
      const missing = REQUIRED_TAGS.filter((tag) => typeof tags[tag] !== 'string' || tags[tag] === '');
      return missing.length === 0 ? [] : [{ block, detail: `missing tags: ${missing.join(', ')}` }];
    }),
  },
];
