// One flat config for every workspace; run per package by `turbo run lint`.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', '**/*.config.*', '**/*.d.ts'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': true, 'ts-nocheck': true, 'ts-expect-error': 'allow-with-description' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Read configuration through platform/config only.' },
      ],
    },
  },
  {
    files: ['**/platform/config/**', 'tools/**', '**/tools/**', 'tests/**', '**/scripts/**', '**/*.test.ts', '**/vitest*.ts', '**/cli.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
