// ESLint for the whole repository: typescript-eslint's recommended rules, plus the house rules (small
// files, no `any` where a type fits). Formatting is Prettier's (`npm run format`), not ESLint's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'release/', 'node_modules/', 'test-results/', 'playwright-report/', 'tests/.scratch/', 'build/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      // `_name` marks a parameter a signature needs but the body does not use.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // The DOM, Node and the browser are all targets here; TypeScript checks what exists where.
      'no-undef': 'off',
      eqeqeq: ['error', 'always'],
      // Gloss matches control characters on purpose: it strips them from what it imports and escapes.
      'no-control-regex': 'off',
      'prefer-const': 'error',
    },
  },
  {
    // Source files stay small, one idea each (tests may run longer: a story is one test).
    files: ['annotations/**/*.ts', 'electron/**/*.ts', 'web/**/*.ts', 'renderer/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'max-lines': ['error', { max: 400, skipBlankLines: false, skipComments: false }] },
  },
  {
    // Playwright fixtures take their dependencies as a destructured first argument, often none.
    files: ['tests/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
