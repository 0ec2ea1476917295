// Flat config: type-aware rules so that a forgotten `await` (no-floating-promises)
// and a jest expectation that is never awaited fail the build.
import tseslint from 'typescript-eslint';
import jest from 'eslint-plugin-jest';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'test-artifacts/**', '*.mjs', '*.js'] },
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Apps never import each other; each imports libs through their public entry.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/apps/*', '../../apps/**'], message: 'Apps do not import each other: move shared code to libs/.' },
            { group: ['**/libs/*/src/**'], message: 'Import a library through its public entry (@tracker/...).' },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/domain/**/*.ts'],
    rules: {
      // The domain library stays pure: no framework, no database, no clock.
      'no-restricted-imports': [
        'error',
        { patterns: ['@nestjs/*', 'typeorm', 'pg', '@tracker/persistence', '@tracker/auth'] },
      ],
      'no-restricted-globals': ['error', { name: 'Date', message: 'Pass dates in; the domain has no clock.' }],
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    ...jest.configs['flat/recommended'],
    rules: { ...jest.configs['flat/recommended'].rules, 'jest/valid-expect': ['error', { alwaysAwait: true }] },
  },
);
