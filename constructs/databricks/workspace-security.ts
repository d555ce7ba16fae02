import { AutomaticClusterUpdateWorkspaceSetting } from '@cdktf/provider-databricks/lib/automatic-cluster-update-workspace-setting';
import { ComplianceSecurityProfileWorkspaceSetting } from '@cdktf/provider-databricks/lib/compliance-security-profile-workspace-setting';
import { DefaultNamespaceSetting } from '@cdktf/provider-databricks/lib/default-namespace-setting';
import { DisableLegacyAccessSetting } from '@cdktf/provider-databricks/lib/disable-legacy-access-setting';
import { DisableLegacyDbfsSetting } from '@cdktf/provider-databricks/lib/disable-legacy-dbfs-setting';
import { EnhancedSecurityMonitoringWorkspaceSetting } from '@cdktf/provider-databricks/lib/enhanced-security-monitoring-workspace-setting';
import { IpAccessList } from '@cdktf/provider-databricks/lib/ip-access-list';
import { Permissions } from '@cdktf/provider-databricks/lib/permissions';
import { RestrictWorkspaceAdminsSetting } from '@cdktf/provider-databricks/lib/restrict-workspace-admins-setting';
import { WorkspaceConf } from '@cdktf/provider-databricks/lib/workspace-conf';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import type { WorkspaceContext } from '../context';

/** A named IP access list. */
export interface IpAccessListSpec {
  readonly label: string;
  readonly addresses: readonly string[];
}

/** Hardening settings of Databricks' security reference architecture; each `true` creates its setting. */
export interface WorkspaceHardening {
  /** Irreversible in Databricks once on. */
  readonly complianceSecurityProfile: { readonly enabled: boolean; readonly standards: readonly string[] };
  readonly enhancedSecurityMonitoring: boolean;
  readonly automaticClusterUpdate: boolean;
  readonly disableLegacyDbfs: boolean;
  readonly disableLegacyAccess: boolean;
  readonly restrictWorkspaceAdmins: boolean;
}

export interface WorkspaceSecurityProps {
  /** Its environment name appears in errors; its workspace provider creates the settings. */
  readonly context: WorkspaceContext;
  /** Personal access tokens: allowed at all, and their longest lifetime. */
  readonly tokens: { readonly enabled: boolean; readonly maxLifetimeDays: number };
  /** Display names of the groups allowed to use personal access tokens. */
  readonly tokenGroupNames: readonly string[];
  readonly ipAccessLists: { readonly enabled: boolean; readonly allow: readonly IpAccessListSpec[]; readonly block: readonly IpAccessListSpec[] };
  readonly hardening: WorkspaceHardening;
  /**
   * Catalog made the workspace's default namespace while legacy access is disabled (the provider docs
   * ask for a default other than hive_metastore then). Default: none, no setting.
   */
  readonly defaultCatalogName?: string;
  /**
   * Further databricks_workspace_conf entries (the admin settings, see workspace-admin-settings.ts), kept
   * in this one resource: the provider docs advise a single workspace_conf per workspace. Default: none.
   */
  readonly additionalConf?: Record<string, string>;
}

/**
 * Workspace administration controls: token policy and permissions, IP access lists and the
 * hardening settings of Databricks' security reference architecture. A switch that is off creates
 * no resource, so the workspace keeps Databricks' default.
 */
export class WorkspaceSecurity extends Construct {
  readonly workspaceConf: WorkspaceConf;
  readonly tokenPermissions?: Permissions;
  readonly ipAccessLists: IpAccessList[] = [];

  constructor(scope: Construct, id: string, props: WorkspaceSecurityProps) {
    super(scope, id);
    const { naming, workspaceProvider: provider } = props.context;
    const { tokens, ipAccessLists: lists } = props;
    if (tokens.enabled && props.tokenGroupNames.length === 0) {
      throw new Error(`environment "${naming.environment}": workspaceSecurity.tokens.allowedGroups: needs at least one group while tokens are enabled`);
    }

    // workspace_conf takes string values only; one resource owns these keys.
    const customConfig: Record<string, string> = {
      ...props.additionalConf,
      enableTokensConfig: String(tokens.enabled),
      enableIpAccessLists: String(lists.enabled),
    };
    if (tokens.enabled) customConfig.maxTokenLifetimeDays = String(tokens.maxLifetimeDays);
    this.workspaceConf = new WorkspaceConf(this, 'conf', { provider, customConfig });

    if (tokens.enabled) {
      // Replaces the default "all users may use tokens" with the named groups (admins always can).
      this.tokenPermissions = new Permissions(this, 'token-permissions', {
        provider,
        authorization: 'tokens',
        accessControl: props.tokenGroupNames.map((groupName) => ({ groupName, permissionLevel: 'CAN_USE' })),
        dependsOn: [this.workspaceConf],
      });
    }

    if (lists.enabled) {
      const entries = [...lists.allow.map((l) => ({ ...l, listType: 'ALLOW' })), ...lists.block.map((l) => ({ ...l, listType: 'BLOCK' }))];
      // The API refuses a list that would lock out the caller, so the first allow list (which must
      // admit the deploy pipeline's egress addresses, docs/gitops.md) is created alone, then the rest.
      for (const [index, list] of entries.entries()) {
        this.ipAccessLists.push(
          new IpAccessList(this, `ip-${list.listType.toLowerCase()}-${index}`, {
            provider,
            label: list.label,
            listType: list.listType,
            ipAddresses: [...list.addresses],
            enabled: true,
            dependsOn: index === 0 ? [this.workspaceConf] : [this.workspaceConf, this.ipAccessLists[0]],
          }),
        );
      }
    }

    this.createHardening(props.hardening, provider, props.defaultCatalogName);
  }

  private createHardening(hardening: WorkspaceHardening, provider: TerraformProvider, defaultCatalogName?: string): void {
    const profile = hardening.complianceSecurityProfile;
    if (profile.enabled) {
      // Irreversible in Databricks: removing this resource does not turn the profile off.
      new ComplianceSecurityProfileWorkspaceSetting(this, 'compliance-security-profile', {
        provider,
        complianceSecurityProfileWorkspace: { isEnabled: true, complianceStandards: [...profile.standards] },
      });
    }
    if (hardening.enhancedSecurityMonitoring) {
      new EnhancedSecurityMonitoringWorkspaceSetting(this, 'enhanced-security-monitoring', {
        provider,
        enhancedSecurityMonitoringWorkspace: { isEnabled: true },
      });
    }
    if (hardening.automaticClusterUpdate) {
      new AutomaticClusterUpdateWorkspaceSetting(this, 'automatic-cluster-update', {
        provider,
        automaticClusterUpdateWorkspace: { enabled: true },
      });
    }
    if (hardening.disableLegacyDbfs) {
      new DisableLegacyDbfsSetting(this, 'disable-legacy-dbfs', { provider, disableLegacyDbfs: { value: true } });
    }
    if (hardening.disableLegacyAccess) {
      new DisableLegacyAccessSetting(this, 'disable-legacy-access', { provider, disableLegacyAccess: { value: true } });
      if (defaultCatalogName) {
        new DefaultNamespaceSetting(this, 'default-namespace', { provider, namespace: { value: defaultCatalogName } });
      }
    }
    if (hardening.restrictWorkspaceAdmins) {
      new RestrictWorkspaceAdminsSetting(this, 'restrict-workspace-admins', {
        provider,
        restrictWorkspaceAdmins: { status: 'RESTRICT_TOKENS_AND_JOB_RUN_AS' },
      });
    }
  }
}
