import { z } from 'zod';
import { awsRegion, dnsLabel } from './primitives';

/**
 * System schemas an account admin can enable per metastore (databricks_system_schema, provider 1.99).
 * `billing` is not among them: Databricks enables it on every metastore by itself and the provider docs
 * say not to declare it (destroying the resource would try to disable it).
 */
export const SYSTEM_SCHEMAS = ['access', 'compute', 'lakeflow', 'marketplace', 'query', 'serving', 'storage'] as const;
/** Schemas Databricks enables on its own; naming one gets a specific error. */
const AUTO_ENABLED_SYSTEM_SCHEMAS: readonly string[] = ['billing'];

/**
 * System tables are enabled per metastore but through a workspace provider, and destroying the resource
 * disables the schema for every workspace: exactly one environment per region manages them.
 */
export const systemSchemasSchema = z
  .strictObject({
    schemas: z
      .array(
        z.enum(SYSTEM_SCHEMAS, {
          error: (issue) =>
            AUTO_ENABLED_SYSTEM_SCHEMAS.includes(issue.input as string)
              ? `"${String(issue.input)}" is enabled by Databricks on every metastore; do not list it`
              : `must be one of ${SYSTEM_SCHEMAS.join(', ')}; got ${JSON.stringify(issue.input)}`,
        }),
      )
      .default([...SYSTEM_SCHEMAS])
      .refine((schemas) => new Set(schemas).size === schemas.length, 'must not repeat a schema')
      .describe(`System schemas to enable on every metastore. Default: ${SYSTEM_SCHEMAS.join(', ')}`),
    environments: z
      .partialRecord(awsRegion, dnsLabel(16))
      .default({})
      .describe(
        'Protected environment whose stack enables the system schemas, per region. Default: the region\'s only protected environment (required when it has several)',
      ),
  })
  .prefault({});
export type SystemSchemasConfig = z.infer<typeof systemSchemasSchema>;
