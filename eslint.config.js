import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '.data/**',
      'dist/**',
      '**/dist/**',
      '**/*.gen.ts',
      'coverage/**',
      '.dependency-cruiser.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration in main.ts or a config module only.',
        },
      ],
    },
  },
  {
    // Browser code: no Node globals or modules (the dependency rules check imports too).
    files: ['shared/web/src/**', 'services/{staff-app,operator-console,participant-app}/src/**'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-globals': ['error', 'process', 'Buffer', 'global', '__dirname', '__filename', 'require'],
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*'], message: 'Browser code.' }] }],
    },
  },
  {
    files: ['**/main.ts', '**/*config.ts', '**/*.test.ts', '**/test/**', 'bench/**', 'vitest.config.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
