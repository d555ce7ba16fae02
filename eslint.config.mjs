import { readFileSync } from 'node:fs';
import tseslint from 'typescript-eslint';

// Root imports of the provider packages load thousands of modules per synth and per test file. Every
// provider in package.json; test/constructs/construct-boundaries.test.ts holds the code to the same rule.
const { dependencies } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const providerRootImports = Object.keys(dependencies).filter((name) => name.startsWith('@cdktf/provider-'));

export default tseslint.config(
  { ignores: ['node_modules/**', 'cdktf.out/**', 'coverage/**', '.gen/**', 'reports/**', '.stryker-tmp/**'] },
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
