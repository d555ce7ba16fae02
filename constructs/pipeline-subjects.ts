/**
 * Which GitHub Actions jobs may act for a stack, as OIDC subjects. Shared by the AWS roles
 * (bootstrap stack), the Databricks federation policies (account stack), the workflows' tests and
 * docs/gitops.md. Jobs that declare `environment:` get the subject
 * `repo:<owner>/<repo>:environment:<name>` (GitHub docs, "OpenID Connect reference", subject claims),
 * so each GitHub environment, with its own branch rule and reviewers, is one identity.
 */

/** Issuer host of GitHub Actions OIDC tokens (GitHub docs, "OpenID Connect": issuer). */
export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
export const GITHUB_OIDC_ISSUER = `https://${GITHUB_OIDC_HOST}`;
/** Audience aws-actions/configure-aws-credentials requests for AWS STS (its README, "OIDC"). */
export const AWS_STS_AUDIENCE = 'sts.amazonaws.com';

export type PipelineMode = 'plan' | 'apply';
export const PIPELINE_MODES: readonly PipelineMode[] = ['plan', 'apply'];

/**
 * GitHub environments per stack: `<stack>` applies (default branch only, reviewers where wanted),
 * `<stack>-plan` plans pull requests (required reviewers: a person reads the PR before its code runs
 * with credentials), `<stack>-drift` runs the scheduled drift plan (default branch only).
 */
export function githubEnvironments(stack: string): Record<PipelineMode, string[]> {
  return { apply: [stack], plan: [`${stack}-plan`, `${stack}-drift`] };
}

export function githubSubjects(repository: string, stack: string, mode: PipelineMode): string[] {
  return githubEnvironments(stack)[mode].map((environment) => `repo:${repository}:environment:${environment}`);
}
