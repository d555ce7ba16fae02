/**
 * The Terraform variable (TF_VAR_<name>) that supplies a secret whose value comes from the caller at
 * apply time. Pure, so the environment schema can refuse two secrets that map to one variable.
 */
export function secretVariableName(scope: string, key: string): string {
  return `secret_${scope}_${key}`.replace(/[^A-Za-z0-9_]/g, '_');
}
