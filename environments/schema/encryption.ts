import { z } from 'zod';
import { kmsKeyArn } from './primitives';

const keyUseCase = z
  .strictObject({
    enabled: z.boolean().default(true).describe('Register a customer-managed key for this use case. Default: true'),
    existingKeyArn: kmsKeyArn
      .optional()
      .describe('Use this existing key (possibly in another AWS account) instead of creating one. Default: create a key'),
  })
  .prefault({});

/**
 * Customer-managed keys (Databricks "CMK"): one use case for control-plane managed services
 * (notebooks, secrets, SQL queries and history, tokens), one for workspace storage (root bucket, EBS).
 */
export const encryptionSchema = z
  .strictObject({
    managedServices: keyUseCase.describe('Key for notebooks, secrets, SQL queries and history in the control plane'),
    storage: keyUseCase.describe('Key for the root (DBFS) bucket and cluster EBS volumes'),
    shareKey: z
      .boolean()
      .default(false)
      .describe('Use one key for both use cases (fewer keys, larger blast radius). Default: false'),
    accountAdministration: z
      .boolean()
      .default(true)
      .describe(
        'Key policies let the AWS account (its IAM policies) administer created keys, never use them, so a deleted ' +
          'administrator role cannot lock a key out. false: only aws.keyAdministratorArns administer. Default: true',
      ),
    deletionWindowDays: z
      .number()
      .int()
      .min(7)
      .max(30)
      .optional()
      .describe('KMS deletion window for created keys. Default: 30 when the environment is protected, else 7'),
  })
  .prefault({})
  .superRefine((encryption, ctx) => {
    if (!encryption.shareKey) return;
    if (!encryption.managedServices.enabled || !encryption.storage.enabled) {
      ctx.addIssue({ code: 'custom', path: ['shareKey'], message: 'a shared key needs both managedServices and storage enabled' });
    }
    if (encryption.managedServices.existingKeyArn !== encryption.storage.existingKeyArn) {
      ctx.addIssue({ code: 'custom', path: ['shareKey'], message: 'a shared key cannot have different existingKeyArn values per use case' });
    }
  });
export type EncryptionConfig = z.infer<typeof encryptionSchema>;
