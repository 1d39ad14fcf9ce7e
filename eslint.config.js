// ESLint flat config: TypeScript (type-aware for src), React hooks, and Prettier for formatting.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { floorsPlugin, noDomFiles } from './eslint/floorsRule.js';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', '.reports', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // The embed example page's own script: plain browser JavaScript, as a lesson page would write it.
    files: ['public/**/*.js'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  // The floors (eslint/floors.js, shown in docs/ARCHITECTURE.md, "The floors"): each file of src/
  // and server/ belongs to one, and imports only its own floor and those its row names, all below
  // it; TF.js and the UI libraries only where its row allows. An unlisted folder fails.
  {
    files: ['src/**', 'server/**'],
    plugins: { floors: floorsPlugin },
    rules: { 'floors/imports': 'error' },
  },
  {
    // Pure computation (the rows with dom: false) runs as-is in Node and in the certify CLI.
    files: noDomFiles(),
    ignores: ['**/__tests__/**'],
    rules: { 'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'self'] },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
);
