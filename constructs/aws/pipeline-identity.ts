import { DataAwsIamOpenidConnectProvider } from '@cdktf/provider-aws/lib/data-aws-iam-openid-connect-provider';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import type { Naming } from '../naming';
import { AWS_STS_AUDIENCE, GITHUB_OIDC_HOST, GITHUB_OIDC_ISSUER, githubSubjects, PIPELINE_MODES, type PipelineMode } from '../pipeline-subjects';
import { condition, roleArnFor, type PolicyStatement } from './policy';

/** One stack as the pipeline sees it: its state object and the roles its provider assumes. */
export interface PipelineStackTarget {
  readonly name: string;
  /** Object key of the stack's state in the state bucket. */
  readonly stateKey: string;
  /** Role the stack's AWS provider assumes per mode: the deploy role to apply, a read-only role to plan. */
  readonly providerRoleArns: Record<PipelineMode, string>;
}

export interface PipelineIdentityProps {
  readonly naming: Naming;
  /** AWS account the roles live in (the state account). */
  readonly awsAccountId: string;
  /** `<owner>/<repo>` whose workflows may assume the roles. */
  readonly repository: string;
  /** Create the account's GitHub OIDC provider (one per account and URL), or look the existing one up. */
  readonly createOidcProvider: boolean;
  readonly stateBucketName: string;
  readonly stacks: readonly PipelineStackTarget[];
}

/** The S3 objects of one stack's state: the state itself and the S3-native lock file next to it. */
export function stateObjects(bucketName: string, stateKey: string): { state: string; lock: string } {
  // use_lockfile writes <key>.tflock (Terraform docs, S3 backend "State Locking").
  return { state: `arn:aws:s3:::${bucketName}/${stateKey}`, lock: `arn:aws:s3:::${bucketName}/${stateKey}.tflock` };
}

/**
 * GitHub Actions' identities in the state account: the OIDC provider and, per stack, a plan role
 * (reads its own state, assumes the stack's read-only role) and an apply role (reads and writes its
 * own state and lock file, assumes the stack's deploy role). Nothing else: no other stack's state,
 * no resource permissions of its own. The KMS key and bucket policies name these roles per stack.
 */
export class PipelineIdentity extends Construct {
  readonly roles = new Map<string, Record<PipelineMode, IamRole>>();
  readonly oidcProviderArn: string;
  private readonly naming: Naming;
  private readonly awsAccountId: string;

  constructor(scope: Construct, id: string, props: PipelineIdentityProps) {
    super(scope, id);
    this.naming = props.naming;
    this.awsAccountId = props.awsAccountId;
    this.oidcProviderArn = props.createOidcProvider
      ? new IamOpenidConnectProvider(this, 'github-oidc', {
        url: GITHUB_OIDC_ISSUER,
        clientIdList: [AWS_STS_AUDIENCE],
        // No thumbprint_list: AWS validates GitHub's certificate against its own trust store for this
        // issuer, and the argument is optional (hashicorp/aws docs, r/iam_openid_connect_provider).
        tags: { Name: props.naming.name('github-oidc') },
      }).arn
      : new DataAwsIamOpenidConnectProvider(this, 'github-oidc', { url: GITHUB_OIDC_ISSUER }).arn;

    const bucketArn = `arn:aws:s3:::${props.stateBucketName}`;
    for (const stack of props.stacks) {
      const objects = stateObjects(props.stateBucketName, stack.stateKey);
      const byMode = {} as Record<PipelineMode, IamRole>;
      for (const mode of PIPELINE_MODES) {
        const trust = new DataAwsIamPolicyDocument(this, `${stack.name}-${mode}-trust`, {
          statement: [{
            sid: 'GitHubActionsOidc',
            effect: 'Allow',
            actions: ['sts:AssumeRoleWithWebIdentity'],
            principals: [{ type: 'Federated', identifiers: [this.oidcProviderArn] }],
            condition: [
              condition('StringEquals', `${GITHUB_OIDC_HOST}:aud`, AWS_STS_AUDIENCE),
              // Exact subjects (no wildcards): only jobs in this stack's GitHub environments.
              condition('StringEquals', `${GITHUB_OIDC_HOST}:sub`, ...githubSubjects(props.repository, stack.name, mode)),
            ],
          }],
        });
        const role = new IamRole(this, `${stack.name}-${mode}`, {
          name: this.roleName(stack.name, mode),
          description: `GitHub Actions ${mode} of stack ${stack.name} (${props.repository})`,
          assumeRolePolicy: trust.json,
          // One hour covers a plan or an apply; the credentials expire with it.
          maxSessionDuration: 3600,
        });
        const statements: PolicyStatement[] = [
          // Terraform's S3 backend lists the bucket on init (workspaces); listing reveals key names only.
          { sid: 'ListStateBucket', effect: 'Allow', actions: ['s3:ListBucket'], resources: [bucketArn] },
          mode === 'apply'
            ? { sid: 'ReadWriteOwnState', effect: 'Allow', actions: ['s3:GetObject', 's3:PutObject'], resources: [objects.state] }
            : { sid: 'ReadOwnState', effect: 'Allow', actions: ['s3:GetObject'], resources: [objects.state] },
          // Plans run with -lock=false: the plan role never writes, not even the lock file.
          ...(mode === 'apply'
            ? [{ sid: 'LockOwnState', effect: 'Allow', actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], resources: [objects.lock] }]
            : []),
          { sid: 'AssumeStackProviderRole', effect: 'Allow', actions: ['sts:AssumeRole'], resources: [stack.providerRoleArns[mode]] },
        ];
        const policy = new DataAwsIamPolicyDocument(this, `${stack.name}-${mode}-policy`, { statement: statements });
        new IamRolePolicy(this, `${stack.name}-${mode}-permissions`, { name: 'state-and-provider-role', role: role.id, policy: policy.json });
        byMode[mode] = role;
      }
      this.roles.set(stack.name, byMode);
    }
  }

  /**
   * The role's ARN as a plain string (its name is fixed), so that policies can compare it with other
   * ARNs at synth time. Policies naming it must depend on `allRoles`: AWS rejects unknown principals.
   */
  roleArn(stack: string, mode: PipelineMode): string {
    if (!this.roles.get(stack)?.[mode]) throw new Error(`PipelineIdentity: no ${mode} role for stack "${stack}"`);
    return roleArnFor(this.awsAccountId, this.roleName(stack, mode));
  }

  get allRoles(): IamRole[] {
    return [...this.roles.values()].flatMap((byMode) => PIPELINE_MODES.map((mode) => byMode[mode]));
  }

  private roleName(stack: string, mode: PipelineMode): string {
    return this.naming.name(`ci-${stack}-${mode}`);
  }
}
