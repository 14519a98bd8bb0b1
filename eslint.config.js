// One flat config for every workspace; run per package by `turbo run lint`.
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';
import { coreLayers } from './tools/eslint/core-layers.js';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', '**/*.config.*', '**/*.d.ts'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': [
        'error',
        { 'ts-ignore': true, 'ts-nocheck': true, 'ts-expect-error': 'allow-with-description' },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through platform/config only.',
        },
      ],
    },
  },
  {
    files: [
      '**/platform/config/**',
      'tools/**',
      '**/tools/**',
      'tests/**',
      '**/scripts/**',
      '**/*.test.ts',
      '**/vitest*.ts',
      '**/cli.ts',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // The server's layers point down and never in a cycle (packages/core/src/modules/README.md).
    files: ['packages/core/src/**/*.ts'],
    plugins: { 'import-x': importX, tandem: { rules: { 'core-layers': coreLayers } } },
    settings: {
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/extensions': ['.ts', '.js'],
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'packages/core/tsconfig.json' })],
    },
    rules: {
      'tandem/core-layers': 'error',
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    // Console features reach each other only through a feature's index, never in a cycle.
    files: ['apps/admin/src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx'],
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'apps/admin/tsconfig.json' })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
);
