import { Group } from '@cdktf/provider-databricks/lib/group';
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { stateKeyFor } from '../environments';
import type { AccountConfig } from '../environments/schema';
import { RegionalMetastore } from '../constructs/databricks/metastore';
import { Naming } from '../constructs/naming';
import { awsProvider, databricksAccountProvider, remoteState } from './providers';

export interface AccountStackProps {
  readonly account: AccountConfig;
}

/**
 * What exists once per Databricks account or region and is shared by every environment: account
 * groups, metastores, log delivery. Deployed before the environment stacks.
 */
export class AccountStack extends TerraformStack {
  readonly naming: Naming;

  constructor(scope: Construct, props: AccountStackProps) {
    super(scope, 'account');
    const { account } = props;
    remoteState(this, account, stateKeyFor(account, 'account'));
    this.naming = new Naming(account.namePrefix, 'account');
    awsProvider(this, {
      region: account.aws.region,
      accountId: account.aws.accountId,
      deployRoleArn: account.aws.deployRoleArn,
      sessionName: 'cdktf-account',
      tags: { ...account.tags, Environment: 'account', ManagedBy: 'cdktf' },
    });
    const provider = databricksAccountProvider(this, account.databricksAccountId);

    const groups: Group[] = [];
    if (account.manageGroups) {
      for (const [role, displayName] of Object.entries(account.groups)) {
        groups.push(new Group(this, `group-${role}`, { provider, displayName }));
      }
    }

    // Environment stacks find their region's metastore by name; see constructs/databricks/metastore.ts.
    for (const region of account.metastoreRegions) {
      new RegionalMetastore(this, `metastore-${region}`, {
        namePrefix: account.namePrefix,
        region,
        ownerGroup: account.groups.admins,
        storageRoot: account.metastoreStorageRoot[region],
        protect: account.protect,
        databricksProvider: provider,
        dependsOn: groups,
      });
    }
  }
}
