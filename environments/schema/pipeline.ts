import { z } from 'zod';

/**
 * The GitOps pipeline's identities (docs/gitops.md): one GitHub repository whose workflows get
 * per-stack AWS roles (bootstrap stack) and Databricks service principals (account stack) through
 * OIDC, without stored credentials. Omit it to deploy by hand only.
 */
export const pipelineSchema = z.strictObject({
  githubRepository: z
    .string()
    // GitHub owner and repository name characters (GitHub docs, "About repositories").
    .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/, 'must be <owner>/<repository>, e.g. "acme/databricks-platform"')
    .describe('Repository whose workflows plan and apply; trust policies and federation policies name it'),
  createOidcProvider: z
    .boolean()
    .default(true)
    .describe('Create the IAM OIDC provider for GitHub in the state account. Set false when the account already has one. Default: true'),
});

export type PipelineConfig = z.infer<typeof pipelineSchema>;
