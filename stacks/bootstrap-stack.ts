import { LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { resolveKeyAdministrators, type ResolvedEnvironment } from '../environments';
import type { AccountConfig } from '../environments/schema';
import { CustomerManagedKey, KEY_USE_ACTIONS } from '../constructs/aws/customer-managed-key';
import { accountIdOf, awsPrincipals, viaService } from '../constructs/aws/policy';
import { SecureBucket } from '../constructs/aws/secure-bucket';
import { Naming } from '../constructs/naming';
import { awsProvider, stackTags } from './providers';

export interface BootstrapStackProps {
  readonly account: AccountConfig;
  readonly environments: ResolvedEnvironment[];
}

/**
 * The remote-state bucket and its key. Deployed once, with local state, before anything else
 * (`cdktf deploy bootstrap`); keep its terraform.bootstrap.tfstate somewhere safe or import it later.
 */
export class BootstrapStack extends TerraformStack {
  constructor(scope: Construct, props: BootstrapStackProps) {
    super(scope, 'bootstrap');
    const { account } = props;
    new LocalBackend(this, { path: 'terraform.bootstrap.tfstate' });
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
