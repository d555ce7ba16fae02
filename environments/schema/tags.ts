import { z } from 'zod';
import { tagValue } from './primitives';

/** Tags every AWS resource and Databricks cluster carries, so cost can be attributed. */
export const tagsSchema = z
  .object({
    Owner: tagValue.describe('Team or person accountable for the environment'),
    CostCenter: tagValue.describe('Finance cost center billed for the environment'),
  })
  .catchall(tagValue)
  .describe('Environment is added from the environment name; Owner and CostCenter are required');
export type TagsConfig = z.infer<typeof tagsSchema>;
