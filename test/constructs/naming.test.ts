import { Naming } from '../../constructs/naming';

describe('Naming', () => {
  const naming = new Naming('fx', 'beta');

  test('builds every kind of name from prefix, environment and purpose', () => {
    expect(naming.name('crossaccount')).toBe('fx-beta-crossaccount');
    expect(naming.bucketName('root', '222222222222')).toBe('fx-beta-root-222222222222');
    expect(naming.kmsAlias('workspace-storage')).toBe('alias/fx/beta/workspace-storage');
    expect(naming.sqlName('raw-zone')).toBe('beta_raw_zone');
  });

  test('two environments never share a name', () => {
    const other = new Naming('fx', 'gamma');
    expect(other.bucketName('root', '222222222222')).not.toBe(naming.bucketName('root', '222222222222'));
  });

  test('refuses names over the service limits', () => {
    expect(() => new Naming('fx-prefix-lo', 'environment-name').bucketName('catalog-storage-archive', '222222222222')).toThrow(/bucket name .* the limit is 63/);
  });
});
