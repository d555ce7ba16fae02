import { Naming } from '../../constructs/naming';

describe('Naming', () => {
  const naming = new Naming('acme-dbx', 'staging');

  test('builds every kind of name from prefix, environment and purpose', () => {
    expect(naming.name('crossaccount')).toBe('acme-dbx-staging-crossaccount');
    expect(naming.bucketName('root', '321098765432')).toBe('acme-dbx-staging-root-321098765432');
    expect(naming.kmsAlias('workspace-storage')).toBe('alias/acme-dbx/staging/workspace-storage');
    expect(naming.sqlName('raw-zone')).toBe('staging_raw_zone');
  });

  test('two environments never share a name', () => {
    const other = new Naming('acme-dbx', 'prod');
    expect(other.bucketName('root', '321098765432')).not.toBe(naming.bucketName('root', '321098765432'));
  });

  test('refuses names over the service limits', () => {
    expect(() => new Naming('acme-dbx-long', 'environment-name').bucketName('catalog-storage-archive', '321098765432')).toThrow(/bucket name .* the limit is 63/);
  });
});
