import type { z } from 'zod';

/** A user error in the environment files: printed as a short list, never as a stack trace. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** "environment "dev" (environments/dev.ts): network.vpcCidr: must be ..." */
export function describeIssues(subject: string, error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join('.') : '(file)';
    return `${subject}: ${field}: ${issue.message}`;
  });
}
