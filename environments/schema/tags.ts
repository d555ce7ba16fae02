import { z } from 'zod';
import { tagValue } from './primitives';
import { tagKeyProblem } from './aws-names';

/** Tags every AWS resource and Databricks cluster carries, so cost can be attributed. */
export const tagsSchema = z
  .object({
    Owner: tagValue.describe('Team or person accountable for the environment'),
    CostCenter: tagValue.describe('Finance cost center billed for the environment'),
  })
  .catchall(tagValue)
  .superRefine((tags, ctx) => {
    for (const key of Object.keys(tags)) {
      const problem = tagKeyProblem(key);
      if (problem) ctx.addIssue({ code: 'custom', path: [key], message: problem });
    }
  })
  .describe('Environment is added from the environment name; Owner and CostCenter are required');
export type TagsConfig = z.infer<typeof tagsSchema>;
