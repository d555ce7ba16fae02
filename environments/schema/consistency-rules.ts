import type { z } from 'zod';
import { arnAccountId, arnRegion } from './aws-names';
import type { EncryptionConfig } from './encryption';

interface ConsistencySubject {
  aws: { accountId: string; region: string; deployRoleArn?: string };
  encryption: EncryptionConfig;
}

/**
 * Rules between fields of one environment that would otherwise fail at apply time (or in a
 * construct): each runs on values that already passed their own field rules.
 */
export function refineConsistency(env: ConsistencySubject, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });

  // The aws provider pins allowed_account_ids to aws.accountId; a role elsewhere makes every plan fail.
  if (env.aws.deployRoleArn && arnAccountId(env.aws.deployRoleArn) !== env.aws.accountId) {
    issue(['aws', 'deployRoleArn'], `is in AWS account ${arnAccountId(env.aws.deployRoleArn)}, but the provider only allows aws.accountId ${env.aws.accountId}; use a role in ${env.aws.accountId}`);
  }

  // Databricks customer-managed keys must be in the workspace's region (Databricks "Customer-managed keys" docs).
  for (const useCase of ['managedServices', 'storage'] as const) {
    const arn = env.encryption[useCase].existingKeyArn;
    if (arn && arnRegion(arn) !== env.aws.region) {
      issue(['encryption', useCase, 'existingKeyArn'], `is in region ${arnRegion(arn)}; the key must be in the workspace region ${env.aws.region}`);
    }
  }
}
