import { LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { resolveKeyAdministrators, stateKeyFor, type ResolvedEnvironment } from '../environments';
import type { AccountConfig } from '../environments/schema';
import { CustomerManagedKey, KEY_USE_ACTIONS } from '../constructs/aws/customer-managed-key';
import { accountIdOf, awsPrincipals, viaService } from '../constructs/aws/policy';
import { SecureBucket } from '../constructs/aws/secure-bucket';
import { Naming } from '../constructs/naming';
import { awsProvider, remoteState, stackTags } from './providers';

/** The local state file, relative to the stack's folder cdktf.out/stacks/bootstrap (git-ignored). */
export const BOOTSTRAP_LOCAL_STATE = 'terraform.bootstrap.tfstate';

export interface BootstrapStackProps {
  readonly account: AccountConfig;
  readonly environments: ResolvedEnvironment[];
}

/**
 * The remote-state bucket and its key. Deployed once, with local state, before anything else
 * (`cdktf deploy bootstrap`), then handed over to the bucket with `npm run bootstrap:migrate-state`.
 */
export class BootstrapStack extends TerraformStack {
  constructor(scope: Construct, props: BootstrapStackProps) {
    super(scope, 'bootstrap');
    const { account } = props;
    // First deploy: local state (the bucket does not exist yet). After `npm run bootstrap:migrate-state`
    // the state lives in the bucket it describes, next to the other stacks' (docs/day2.md#bootstrap-hand-over).
    if (account.state.bootstrapBackend === 's3') remoteState(this, account, stateKeyFor(account, 'bootstrap'));
    else new LocalBackend(this, { path: BOOTSTRAP_LOCAL_STATE });
    const naming = new Naming(account.namePrefix, 'shared');
    const deployRoleArn = account.state.roleArn ?? account.aws.deployRoleArn;
    awsProvider(this, {
      region: account.state.region,
      accountId: account.state.accountId,
      deployRoleArn,
      sessionName: 'cdktf-bootstrap',
      tags: stackTags(account.tags, 'shared'),
    });

    // Deploy roles in other AWS accounts reach the state directly, so they are named explicitly.
    const stateUsers = [
      ...new Set([account.aws.deployRoleArn, ...props.environments.map((env) => env.aws.deployRoleArn)].filter(
        (arn): arn is string => arn !== undefined && accountIdOf(arn) !== account.state.accountId,
      )),
    ].sort();
    const bucketArn = `arn:aws:s3:::${account.state.bucket}`;

    const key = new CustomerManagedKey(this, 'state-key', {
      naming,
      purpose: 'terraform-state',
      description: 'Terraform remote state of the Databricks blueprint',
      awsAccountId: account.state.accountId,
      region: account.state.region,
      administratorArns: resolveKeyAdministrators(account.aws.keyAdministratorArns, deployRoleArn),
      allowAccountUseViaS3: true,
      statements: stateUsers.length === 0 ? [] : [{
        sid: 'DeployRolesUseStateKeyViaS3',
        principals: awsPrincipals(...stateUsers),
        actions: KEY_USE_ACTIONS,
        resources: ['*'],
        condition: [viaService('s3', account.state.region)],
      }],
      protect: true,
    });
    const bucket = new SecureBucket(this, 'state-bucket', {
      bucketName: account.state.bucket,
      kmsKeyArn: key.arn,
      protect: true,
      statements: stateUsers.length === 0 ? [] : [
        { sid: 'DeployRolesListState', principals: awsPrincipals(...stateUsers), actions: ['s3:ListBucket'], resources: [bucketArn] },
        {
          sid: 'DeployRolesReadWriteState',
          principals: awsPrincipals(...stateUsers),
          actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
          resources: [`${bucketArn}/${account.state.keyPrefix}/*`],
        },
      ],
    });
    new TerraformOutput(this, 'state_bucket', { value: bucket.name });
    new TerraformOutput(this, 'state_key_arn', { value: key.arn });
  }
}
