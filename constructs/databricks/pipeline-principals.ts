import { GroupMember } from '@cdktf/provider-databricks/lib/group-member';
import { ServicePrincipal } from '@cdktf/provider-databricks/lib/service-principal';
import { ServicePrincipalFederationPolicy } from '@cdktf/provider-databricks/lib/service-principal-federation-policy';
import { ServicePrincipalRole } from '@cdktf/provider-databricks/lib/service-principal-role';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import type { StackContext } from '../context';
import { GITHUB_OIDC_ISSUER, githubSubjects, PIPELINE_MODES, type PipelineMode } from '../pipeline-subjects';

export interface PipelinePrincipalsProps {
  /**
   * The account stack's context: names the principals; its Databricks account id is the audience of the
   * federated tokens (the workflows request it through DATABRICKS_TOKEN_AUDIENCE); its account provider creates them.
   */
  readonly context: StackContext;
  /** `<owner>/<repo>` whose workflows may act as the principals. */
  readonly repository: string;
  /** Stacks the pipeline deploys (account first). */
  readonly stacks: readonly string[];
  /** Account group whose members administer workspaces and own the metastores (account.groups.admins). */
  readonly adminGroupId: string;
}

/**
 * A service principal per stack and mode, reachable only from that stack's GitHub environments
 * through workload identity federation (GitHub OIDC token exchanged for a Databricks OAuth token):
 * no client secret exists. Databricks has no read-only role that can refresh account objects
 * (workspaces, credentials, networks) and workspace settings, so plan principals carry the same
 * roles as apply principals; what keeps them from unreviewed code is the `<stack>-plan`
 * environment's required reviewers (docs/gitops.md, trust model).
 */
export class PipelinePrincipals extends Construct {
  readonly principals = new Map<string, Record<PipelineMode, ServicePrincipal>>();

  constructor(scope: Construct, id: string, props: PipelinePrincipalsProps) {
    super(scope, id);
    const { naming, databricksAccountId, accountProvider: provider } = props.context;
    for (const stack of props.stacks) {
      const byMode = {} as Record<PipelineMode, ServicePrincipal>;
      for (const mode of PIPELINE_MODES) {
        const prefix = `${stack}-${mode}`;
        const principal = new ServicePrincipal(this, prefix, {
          provider,
          displayName: naming.name(`ci-${stack}-${mode}`),
        });
        githubSubjects(props.repository, stack, mode).forEach((subject, index) => {
          new ServicePrincipalFederationPolicy(this, `${prefix}-federation-${index}`, {
            provider,
            servicePrincipalId: Token.asNumber(principal.id),
            description: `GitHub Actions ${subject}`,
            oidcPolicy: {
              issuer: GITHUB_OIDC_ISSUER,
              // Databricks docs, "Enable workload identity federation for GitHub Actions": the
              // account id is the default audience; named here so it matches DATABRICKS_TOKEN_AUDIENCE.
              audiences: [databricksAccountId],
              subject,
            },
          });
        });
        // Creating workspaces, credentials and metastore assignments is account-admin only
        // (databricks/terraform-provider-databricks docs, r/service_principal_role "account_admin").
        new ServicePrincipalRole(this, `${prefix}-account-admin`, { provider, servicePrincipalId: principal.id, role: 'account_admin' });
        // The admins group is workspace ADMIN and owns the metastores: workspace settings and Unity Catalog.
        new GroupMember(this, `${prefix}-admins`, { provider, groupId: props.adminGroupId, memberId: principal.id });
        byMode[mode] = principal;
      }
      this.principals.set(stack, byMode);
    }
  }
}
