import type { AccountConfig, EnvironmentConfig } from '../schema';

/** One stack the pipeline plans and applies, with the AWS roles its jobs end up in. */
export interface PipelineStack {
  readonly name: string;
  readonly awsAccountId: string;
  /** Object key of the stack's state in account.state.bucket. */
  readonly stateKey: string;
  /** Role the AWS provider assumes when applying (aws.deployRoleArn). */
  readonly deployRoleArn: string;
  /** Read-only role the AWS provider assumes when planning (aws.planRoleArn). */
  readonly planRoleArn: string;
}

interface StackRoles {
  readonly label: string;
  readonly name: string;
  readonly aws: { accountId: string; deployRoleArn?: string; planRoleArn?: string };
}

const accountIdOf = (arn: string) => arn.split(':')[4];

/**
 * With account.ci, every stack the pipeline deploys needs its own deploy and plan roles in its own
 * AWS account: a role shared by two stacks would read (and write) both stacks' state, which holds
 * generated secrets. One backend role (state.roleArn) for all stacks would do the same.
 */
export function validatePipeline(account: AccountConfig, environments: EnvironmentConfig[]): string[] {
  if (!account.ci) return [];
  const problems: string[] = [];
  if (account.state.roleArn) {
    problems.push('account: state.roleArn: must be unset with ci; every stack\'s CI role reaches only its own state object (docs/gitops.md)');
  }
  const stacks: StackRoles[] = [
    { label: 'account', name: 'account', aws: account.aws },
    ...environments.map((env) => ({ label: `environment "${env.name}"`, name: env.name, aws: env.aws })),
  ];
  const owners = new Map<string, string>();
  for (const { label, name, aws } of stacks) {
    for (const field of ['deployRoleArn', 'planRoleArn'] as const) {
      const arn = aws[field];
      if (!arn) {
        const what = field === 'deployRoleArn' ? 'the role applies assume' : 'a read-only role (e.g. with the ReadOnlyAccess policy) plans assume';
        problems.push(`${label}: aws.${field}: required with account.ci; add ${what} in AWS account ${aws.accountId}, trusting the CI role of stack "${name}" (docs/gitops.md)`);
        continue;
      }
      if (accountIdOf(arn) !== aws.accountId) {
        problems.push(`${label}: aws.${field}: ${arn} is not in aws.accountId ${aws.accountId}; the provider only accepts that account`);
      }
      const owner = owners.get(arn);
      if (owner) problems.push(`${label}: aws.${field}: ${arn} is already the role of ${owner}; give every stack and mode its own role`);
      else owners.set(arn, `${label} (aws.${field})`);
    }
  }
  return problems;
}

/** The stacks the pipeline deploys (account first, then environments), once validatePipeline passed. */
export function pipelineStacks(account: AccountConfig, environments: { name: string; aws: EnvironmentConfig['aws']; stateKey: string }[], accountStateKey: string): PipelineStack[] {
  const stack = (name: string, aws: StackRoles['aws'], stateKey: string): PipelineStack => {
    if (!aws.deployRoleArn || !aws.planRoleArn) throw new Error(`stack "${name}": aws.deployRoleArn and aws.planRoleArn are required with account.ci`);
    return { name, awsAccountId: aws.accountId, stateKey, deployRoleArn: aws.deployRoleArn, planRoleArn: aws.planRoleArn };
  };
  return [stack('account', account.aws, accountStateKey), ...environments.map((env) => stack(env.name, env.aws, env.stateKey))];
}
