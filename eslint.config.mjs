import tseslint from 'typescript-eslint';

// Root imports of the provider packages load thousands of modules per synth and per test file.
const providerRootImports = ['@cdktf/provider-aws', '@cdktf/provider-databricks', '@cdktf/provider-random', '@cdktf/provider-time'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'cdktf.out/**', 'coverage/**', '.gen/**', 'test/fixtures/lint/**', 'reports/**', '.stryker-tmp/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: providerRootImports.map((name) => ({ name, message: `Import from '${name}/lib/<resource>' instead of the package root.` })),
      }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Synthesized Terraform JSON is untyped; tests walk it freely.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
