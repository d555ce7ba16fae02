import { ConfigError, loadConfig } from '../../environments';
import { exampleInputs, writeEnvironmentsDir } from '../support/environment-files';

/** Problems after changing the example inputs (account and environments); [] when they load. */
function problemsAfter(change: (account: any, environments: Record<string, any>) => void): string[] {
  const { account, environments } = exampleInputs();
  change(account, environments);
  try {
    loadConfig(writeEnvironmentsDir(account, environments));
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((problem) => problem.replace(/^(environment "[^"]+" \()\S*[/\\]/, '$1'));
  }
}

const someEnvironment = () => Object.keys(exampleInputs().environments)[0];

describe('pipeline identities (account.ci)', () => {
  it('the examples enable it and load', () => {
    expect(exampleInputs().account.ci).toBeDefined();
    expect(problemsAfter(() => undefined)).toEqual([]);
  });

  it('needs a read-only plan role per stack, naming the account and the CI role to trust', () => {
    const name = someEnvironment();
    const { environments } = exampleInputs();
    const problems = problemsAfter((_account, envs) => delete envs[name].aws.planRoleArn);
    expect(problems).toEqual([
      `environment "${name}" (${name}.json): aws.planRoleArn: required with account.ci; add a read-only role (e.g. with the ReadOnlyAccess policy) plans assume in AWS account ${environments[name].aws.accountId}, trusting the CI role of stack "${name}" (docs/gitops.md)`,
    ]);
    expect(problemsAfter((account) => delete account.aws.deployRoleArn)).toContainEqual(
      expect.stringMatching(/^account( \([^)]*\))?: aws\.deployRoleArn: required with account\.ci; add the role applies assume/),
    );
  });

  it('refuses a role shared by two stacks, which would read and write both states', () => {
    const [first, second] = Object.keys(exampleInputs().environments);
    const problems = problemsAfter((_account, envs) => {
      envs[second].aws.accountId = envs[first].aws.accountId;
      envs[second].aws.deployRoleArn = envs[first].aws.deployRoleArn;
      envs[second].aws.planRoleArn = envs[first].aws.planRoleArn;
    });
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(new RegExp(`^environment "${second}" .*aws\\.deployRoleArn: .* is already the role of environment "${first}" \\(aws\\.deployRoleArn\\)`)),
      expect.stringMatching(new RegExp(`^environment "${second}" .*aws\\.planRoleArn: .* is already the role of environment "${first}" \\(aws\\.planRoleArn\\)`)),
    ]));
  });

  it('refuses the same role for plans and applies, and a role outside the stack\'s account', () => {
    const name = someEnvironment();
    expect(problemsAfter((_account, envs) => (envs[name].aws.planRoleArn = envs[name].aws.deployRoleArn))).toEqual([
      expect.stringMatching(/aws\.planRoleArn: .* is already the role of environment .* \(aws\.deployRoleArn\)/),
    ]);
    expect(problemsAfter((_account, envs) => (envs[name].aws.planRoleArn = 'arn:aws:iam::999999999999:role/reader'))).toEqual([
      expect.stringMatching(/aws\.planRoleArn: arn:aws:iam::999999999999:role\/reader is not in aws\.accountId/),
    ]);
  });

  it('refuses one backend role for all stacks (state.roleArn)', () => {
    expect(problemsAfter((account) => (account.state.roleArn = `arn:aws:iam::${account.state.accountId}:role/state`))).toEqual([
      expect.stringMatching(/^account( \([^)]*\))?: state\.roleArn: must be unset with ci/),
    ]);
  });

  it('refuses a repository that is not <owner>/<repo>', () => {
    expect(problemsAfter((account) => (account.ci.githubRepository = 'https://github.com/acme/x'))).toEqual([
      expect.stringMatching(/ci\.githubRepository: must be <owner>\/<repository>/),
    ]);
  });

  it('asks nothing of stacks when the pipeline is off', () => {
    expect(problemsAfter((account, envs) => {
      delete account.ci;
      for (const env of Object.values(envs)) delete env.aws.planRoleArn;
    })).toEqual([]);
  });
});
