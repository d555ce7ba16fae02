import { LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { resolveKeyAdministrators, stateKeyFor, type ResolvedEnvironment } from '../environments';
import { pipelineStacks } from '../environments/lib/pipeline';
import type { AccountConfig } from '../environments/schema';
import { CustomerManagedKey } from '../constructs/aws/customer-managed-key';
import { PipelineIdentity } from '../constructs/aws/pipeline-identity';
import { SecureBucket } from '../constructs/aws/secure-bucket';
import { stateBucketStatements, stateKeyStatements, type StateAccess } from '../constructs/aws/state-access';
import { Naming } from '../constructs/naming';
import type { AwsContext } from '../constructs/context';
import { PIPELINE_MODES } from '../constructs/pipeline-subjects';
import { awsProvider, remoteState, stackTags } from './providers';

/** The local state file, relative to the stack's folder cdktf.out/stacks/bootstrap (git-ignored). */
export const BOOTSTRAP_LOCAL_STATE = 'terraform.bootstrap.tfstate';

export interface BootstrapStackProps {
  readonly account: AccountConfig;
  readonly environments: ResolvedEnvironment[];
}

/**
 * The remote-state bucket and its key, and (with account.ci) the GitHub OIDC provider and the
 * per-stack CI roles. Deployed once by hand, with local state, before anything else
 * (`cdktf deploy bootstrap`), then handed over to the bucket with `npm run bootstrap:migrate-state`
 * (docs/day2.md#bootstrap-hand-over). Every stack's state is readable and writable only by that stack's roles (docs/gitops.md).
 */
export class BootstrapStack extends TerraformStack {
  readonly pipeline?: PipelineIdentity;

  constructor(scope: Construct, props: BootstrapStackProps) {
    super(scope, 'bootstrap');
    const { account } = props;
    // First deploy: local state (the bucket does not exist yet). After `npm run bootstrap:migrate-state`
    // the state lives in the bucket it describes, next to the other stacks' (docs/day2.md#bootstrap-hand-over).
    if (account.state.bootstrapBackend === 's3') remoteState(this, account, stateKeyFor(account, 'bootstrap'));
    else new LocalBackend(this, { path: BOOTSTRAP_LOCAL_STATE });
    const naming = new Naming(account.namePrefix, 'shared');
    const deployRoleArn = account.state.roleArn ?? account.aws.deployRoleArn;
    const tags = stackTags(account.tags, 'shared');
    awsProvider(this, {
      region: account.state.region,
      accountId: account.state.accountId,
      deployRoleArn,
      sessionName: 'cdktf-bootstrap',
      tags,
    });
    // The state's key and bucket are always protected: every stack's state depends on them.
    const context: AwsContext = { naming, awsAccountId: account.state.accountId, region: account.state.region, tags, protect: true };

    const stacks = [
      { name: 'account', stateKey: stateKeyFor(account, 'account'), deployRoleArn: account.aws.deployRoleArn },
      ...props.environments.map((env) => ({ name: env.name, stateKey: env.stateKey, deployRoleArn: env.aws.deployRoleArn })),
    ];
    if (account.ci) {
      this.pipeline = new PipelineIdentity(this, 'pipeline', {
        naming,
        awsAccountId: account.state.accountId,
        repository: account.ci.githubRepository,
        createOidcProvider: account.ci.createOidcProvider,
        stateBucketName: account.state.bucket,
        stacks: pipelineStacks(account, props.environments, stateKeyFor(account, 'account')).map((stack) => ({
          name: stack.name,
          stateKey: stack.stateKey,
          providerRoleArns: { apply: stack.deployRoleArn, plan: stack.planRoleArn },
        })),
      });
    }
    const pipeline = this.pipeline;
    const access: StateAccess[] = stacks.map((stack) => {
      const deploy = stack.deployRoleArn ? [stack.deployRoleArn] : [];
      return {
        stack: stack.name,
        stateKey: stack.stateKey,
        readers: pipeline ? [pipeline.roleArn(stack.name, 'plan')] : [],
        writers: [...deploy, ...(pipeline ? [pipeline.roleArn(stack.name, 'apply')] : [])],
      };
    });
    // Only principals named explicitly may break glass; by default nobody reads every stack's state.
    const breakGlass = account.aws.keyAdministratorArns;
    // Stacks without a deploy role run with the caller's credentials, which the key must then admit.
    const callerCredentials = stacks.some((stack) => !stack.deployRoleArn);

    // KMS and S3 reject policies naming principals that do not exist yet.
    const roles = pipeline?.allRoles ?? [];
    const key = new CustomerManagedKey(this, 'state-key', {
      context,
      purpose: 'terraform-state',
      description: 'Terraform remote state of the Databricks blueprint',
      administratorArns: resolveKeyAdministrators(account.aws.keyAdministratorArns, deployRoleArn),
      allowAccountUseViaS3: callerCredentials,
      statements: stateKeyStatements(account.state.bucket, account.state.region, access),
      dependsOn: roles,
    });
    const bucket = new SecureBucket(this, 'state-bucket', {
      bucketName: account.state.bucket,
      kmsKeyArn: key.arn,
      protect: true,
      statements: stateBucketStatements(account.state.bucket, account.state.accountId, access, breakGlass),
      policyDependsOn: roles,
    });
    if (pipeline) {
      for (const stack of stacks) {
        for (const mode of PIPELINE_MODES) {
          new TerraformOutput(this, `ci_${stack.name}_${mode}_role_arn`, {
            value: pipeline.roleArn(stack.name, mode),
            description: `GitHub environment variable AWS_ROLE_ARN of the ${mode === 'apply' ? `"${stack.name}"` : `"${stack.name}-plan" and "${stack.name}-drift"`} environment(s)`,
          });
        }
      }
    }
    new TerraformOutput(this, 'state_bucket', { value: bucket.name });
    new TerraformOutput(this, 'state_key_arn', { value: key.arn });
  }
}
