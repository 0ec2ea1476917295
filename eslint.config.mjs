// Flat config: type-aware rules so that a forgotten `await` (no-floating-promises)
// and a jest expectation that is never awaited fail the build.
import tseslint from 'typescript-eslint';
import jest from 'eslint-plugin-jest';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-*/**',
      'node_modules/**',
      'data/**',
      'coverage/**',
      'test-artifacts/**',
      'bench/peer/**',
      '*.mjs',
      '*.js',
      '.*.cjs',
    ],
  },
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // The leadership views are plain browser modules, and the build script runs before anything
    // is compiled: both linted, without TypeScript's type information.
    files: ['apps/central/web/**/*.js', 'scripts/**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Apps never import each other; they share code through libs/, each by its public entry.
    files: ['apps/central/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/province/src/**', '**/apps/province/**'],
              message: 'Apps do not import each other: move shared code to libs/.',
            },
            {
              group: ['**/libs/*/src/**'],
              message: 'Import a library through its public entry (@tracker/...).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/province/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/central/src/**', '**/apps/central/**'],
              message: 'Apps do not import each other: move shared code to libs/.',
            },
            {
              group: ['**/libs/*/src/**'],
              message: 'Import a library through its public entry (@tracker/...).',
            },
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
      'no-restricted-globals': [
        'error',
        { name: 'Date', message: 'Pass dates in; the domain has no clock.' },
      ],
    },
  },
  {
    files: ['libs/cli/**/*.ts'],
    rules: {
      // Node only: every CLI imports it first, to answer --help before loading anything heavy.
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!node:|\\.)', message: 'libs/cli imports only Node.' }] },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    ...jest.configs['flat/recommended'],
    rules: {
      ...jest.configs['flat/recommended'].rules,
      'jest/valid-expect': ['error', { alwaysAwait: true }],
      'jest/valid-title': ['error', { ignoreTypeOfDescribeName: true }],
      'jest/expect-expect': [
        'warn',
        { assertFunctionNames: ['expect', 'seeText', 'seeCount', 'expectUsageError'] },
      ],
      'jest/no-standalone-expect': [
        'error',
        { additionalTestBlockFunctions: ['beforeEach', 'beforeAll', 'itOnServer'] },
      ],
      // GraphQL answers are checked by value; typing every response shape adds nothing.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // Shared test helpers export what the test files use.
    files: ['test/support/**/*.ts'],
    rules: { 'jest/no-export': 'off' },
  },
);
