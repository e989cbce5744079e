// @ts-check
// Lint rules, most of all for where code runs: only the Electron shell and the preload may import
// 'electron'; the renderer never reaches into the main process; shared rules stay pure.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const electronOnlyInShell = {
  name: 'electron',
  message: "Only src/main/electron and src/preload import 'electron'; everything else runs under plain Node and is tested there.",
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-restricted-imports': ['error', { paths: [electronOnlyInShell] }],
    },
  },
  {
    files: ['src/**'],
    ignores: ['src/main/csv/toCsv.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='unparse']",
          message: 'Write CSV with toCsv (src/main/csv/toCsv.ts): it keeps cells a spreadsheet would run as formulas from running.',
        },
      ],
    },
  },
  {
    // Playwright fixtures declare what they use with an object pattern, empty when they use nothing.
    files: ['tests/e2e/**'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    files: ['src/main/electron/**', 'src/preload/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Only says the React Compiler would skip TanStack's hooks; this app does not run the compiler.
      'react-hooks/incompatible-library': 'off',
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell],
          patterns: [{ group: ['**/main/**', '**/main'], message: 'The renderer talks to the main process only through window.api (src/renderer/src/api.ts).' }],
        },
      ],
    },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell],
          patterns: [
            { group: ['node:*', 'fs', 'path', 'os', 'crypto'], message: 'src/shared is pure: no Node, no DOM; it runs in both processes.' },
            { group: ['**/main/**', '**/renderer/**'], message: 'src/shared depends on nothing above it.' },
          ],
        },
      ],
    },
  },
);
