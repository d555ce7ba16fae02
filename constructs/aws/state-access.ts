import { awsPrincipals, condition, viaService, type PolicyStatement } from './policy';
import { stateObjects } from './pipeline-identity';

/** Who may touch one stack's state object and lock file. */
export interface StateAccess {
  readonly stack: string;
  readonly stateKey: string;
  /** Principals that read the state (plan role, apply role, deploy role). */
  readonly readers: readonly string[];
  /** Principals that write the state and its lock file (apply role, deploy role). */
  readonly writers: readonly string[];
}

/** `DeployRoleDev`, `PlanRoleStaging`: statement ids are alphanumeric (IAM policy grammar, Sid). */
const sidPart = (text: string) => text.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

/**
 * Bucket policy statements isolating each stack's state. Allows are for principals in other AWS
 * accounts (which need the bucket policy); the denies hold for everyone, including administrators
 * of the state account: only the stack's own readers, writers and the break-glass principals
 * (account.aws.keyAdministratorArns) reach a state object. The root user can still replace the policy.
 */
export function stateBucketStatements(bucketName: string, stateAccountId: string, access: readonly StateAccess[], breakGlass: readonly string[]): PolicyStatement[] {
  const bucketArn = `arn:aws:s3:::${bucketName}`;
  const external = (arns: readonly string[]) => sorted(arns.filter((arn) => arn.split(':')[4] !== stateAccountId));
  const statements: PolicyStatement[] = [];
  for (const stack of access) {
    const { state, lock } = stateObjects(bucketName, stack.stateKey);
    const name = sidPart(stack.stack);
    const externalWriters = external(stack.writers);
    const externalReaders = external(stack.readers).filter((arn) => !externalWriters.includes(arn));
    const externalAll = sorted([...externalWriters, ...externalReaders]);
    if (externalAll.length > 0) {
      statements.push({ sid: `${name}ListState`, effect: 'Allow', principals: awsPrincipals(...externalAll), actions: ['s3:ListBucket'], resources: [bucketArn] });
    }
    if (externalWriters.length > 0) {
      statements.push(
        { sid: `${name}ReadWriteState`, effect: 'Allow', principals: awsPrincipals(...externalWriters), actions: ['s3:GetObject', 's3:PutObject'], resources: [state] },
        { sid: `${name}LockState`, effect: 'Allow', principals: awsPrincipals(...externalWriters), actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], resources: [lock] },
      );
    }
    if (externalReaders.length > 0) {
      statements.push({ sid: `${name}ReadState`, effect: 'Allow', principals: awsPrincipals(...externalReaders), actions: ['s3:GetObject'], resources: [state] });
    }
    if (stack.writers.length === 0) continue; // caller credentials: nobody to single out
    statements.push(
      {
        sid: `${name}StateReadOnlyByItsRoles`,
        effect: 'Deny',
        principals: awsPrincipals('*'),
        actions: ['s3:GetObject'],
        resources: [state],
        condition: [condition('ArnNotEquals', 'aws:PrincipalArn', ...sorted([...stack.readers, ...stack.writers, ...breakGlass]))],
      },
      {
        sid: `${name}StateWrittenOnlyByItsRoles`,
        effect: 'Deny',
        principals: awsPrincipals('*'),
        actions: ['s3:PutObject', 's3:DeleteObject'],
        resources: [state, lock],
        condition: [condition('ArnNotEquals', 'aws:PrincipalArn', ...sorted([...stack.writers, ...breakGlass]))],
      },
    );
  }
  // Old versions are the recovery path of every stack: nobody but break-glass deletes them.
  statements.push({
    sid: 'StateVersionsKept',
    effect: 'Deny',
    principals: awsPrincipals('*'),
    actions: ['s3:DeleteObjectVersion'],
    resources: [`${bucketArn}/*`],
    ...(breakGlass.length > 0 ? { condition: [condition('ArnNotEquals', 'aws:PrincipalArn', ...sorted(breakGlass))] } : {}),
  });
  return statements;
}

/**
 * State key policy statements matching the bucket: only the principals that may touch some stack's
 * state use the key, only through S3 and only for this bucket (with S3 bucket keys the encryption
 * context is the bucket ARN: AWS S3 docs, "Encryption context"). Which object each may read or write
 * is the bucket policy's job: S3 refuses the request before it asks KMS for anything.
 */
export function stateKeyStatements(bucketName: string, region: string, access: readonly StateAccess[]): PolicyStatement[] {
  const thisBucket = [viaService('s3', region), condition('StringEquals', 'kms:EncryptionContext:aws:s3:arn', `arn:aws:s3:::${bucketName}`)];
  const writers = sorted(access.flatMap((stack) => stack.writers));
  const readersOnly = sorted(access.flatMap((stack) => stack.readers)).filter((arn) => !writers.includes(arn));
  const statements: PolicyStatement[] = [];
  if (writers.length > 0) {
    statements.push({ sid: 'StateWritersUseKeyViaS3', effect: 'Allow', principals: awsPrincipals(...writers), actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: ['*'], condition: thisBucket });
  }
  if (readersOnly.length > 0) {
    statements.push({ sid: 'StateReadersDecryptViaS3', effect: 'Allow', principals: awsPrincipals(...readersOnly), actions: ['kms:Decrypt'], resources: ['*'], condition: thisBucket });
  }
  return statements;
}
