// ESLint flat config: TypeScript (type-aware for src), React hooks, and Prettier for formatting.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const TFJS = {
  group: ['@tensorflow/*'],
  message:
    'TF.js belongs in src/engine/worker, src/toy2d, the model loader, src/attacks/pgd and src/bench (docs/ARCHITECTURE.md).',
};
/** The engine's worker side: TF.js; the page reaches it only through the client and the protocol. */
const ENGINE_WORKER = {
  group: ['**/engine/worker', '**/engine/worker/**', '**/worker/*'],
  message:
    "the engine's worker side (TF.js) is reached through src/engine/client and src/engine/protocol.ts (docs/ARCHITECTURE.md).",
};
const ABOVE = (what, floors) => ({
  group: floors.flatMap((f) => [`**/${f}`, `**/${f}/*`, `**/${f}/**`]),
  message: `${what} may not import ${floors.join(', ')} (a floor above it; docs/ARCHITECTURE.md).`,
});
const UI = ['react', 'react-*', 'react/*', 'zustand', 'recharts'];
const UPPER = ['components', 'app', 'store'];

/** One ESLint block per floor, with every import that floor may not make. */
function floors() {
  const ban = (files, patterns, extra = {}) => ({
    files,
    ignores: ['**/__tests__/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }], ...extra },
  });
  const tfHomes = [
    'src/engine/worker/**',
    'src/toy2d/**',
    'src/training/**',
    'src/bench/**',
    'src/models/architectures.ts',
    'src/models/load.ts',
    'src/models/registry.ts',
    'src/attacks/pgd.ts',
    'src/attacks/types.ts',
  ];
  return [
    // Pure computation: no React, DOM or TF.js; runs as-is in Node and in the certify CLI. src/tasks
    // (the task runner and the shared helpers) sits on this floor too.
    ban(
      ['src/smoothing/**/*.ts', 'src/bounds/**/*.ts', 'src/tasks/**/*.ts'],
      [
        { group: UI, message: 'smoothing and bounds are pure TypeScript: no React, zustand or charts.' },
        TFJS,
        ABOVE('smoothing and bounds', ['engine', 'components', 'store', 'app', 'lesson', 'data', 'models']),
      ],
      { 'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'self'] },
    ),
    // The store holds state: it never imports the engine (the protocol's types excepted), so the
    // engine's page side may import the store without a cycle.
    ban(
      ['src/store/**/*.ts'],
      [
        TFJS,
        ABOVE('the store', ['components', 'app']),
        {
          group: ['**/engine/*', '**/engine/**', '!**/engine/protocol'],
          message: 'the store may not import the engine; shared types live in src/engine/protocol.ts.',
        },
      ],
    ),
    // The engine's protocol is plain data shared by both sides: it imports nothing at all.
    {
      files: ['src/engine/protocol.ts'],
      rules: {
        'no-restricted-syntax': [
          'error',
          {
            selector: 'ImportDeclaration',
            message: 'src/engine/protocol.ts imports nothing (no TF.js, no types).',
          },
        ],
      },
    },
    // The engine's page side: no TF.js, and no worker code (the main-thread fallback's one dynamic
    // import of the core is allowed where it is written, in client.ts).
    ban(['src/engine/client/**/*.ts'], [TFJS, ENGINE_WORKER, ABOVE('the engine', ['components', 'app'])]),
    // The engine's worker side: never the page side, the store or the UI.
    ban(
      ['src/engine/worker/**/*.ts'],
      [
        { group: UI, message: "the engine's worker side has no React, zustand or charts." },
        ABOVE("the engine's worker side", ['engine/client', 'store', 'components', 'app', 'lesson']),
        {
          group: ['../client', '../client/**'],
          message: "the engine's worker side never imports its page side (src/engine/client).",
        },
      ],
    ),
    ban(
      ['src/lesson/**/*.{ts,tsx}', 'src/data/**/*.ts'],
      [TFJS, ENGINE_WORKER, ABOVE('lesson and data', ['components', 'app'])],
    ),
    // The class session's page side: plain TypeScript and zustand, below the components; its
    // protocol, shared with the server, imports nothing.
    ban(
      ['src/class/**/*.ts'],
      [
        TFJS,
        ENGINE_WORKER,
        { group: ['react', 'react-*', 'react/*', 'recharts'], message: 'src/class has no React or charts.' },
        ABOVE('the class session client', ['components', 'app', 'store', 'lesson']),
      ],
    ),
    {
      files: ['src/class/protocol.ts'],
      rules: {
        'no-restricted-syntax': [
          'error',
          {
            selector: 'ImportDeclaration',
            message: 'src/class/protocol.ts imports nothing (the server shares it).',
          },
        ],
      },
    },
    // The class server: Node only; of the app it may import the protocol (and the CSP, from scripts/lib).
    ban(
      ['server/**/*.ts'],
      [
        TFJS,
        { group: UI, message: 'the class server has no React, zustand or charts.' },
        {
          group: ['**/src/*', '!**/src/class', '**/src/class/*', '!**/src/class/protocol'],
          message: 'the class server imports of the app only src/class/protocol.ts (docs/ARCHITECTURE.md).',
        },
      ],
    ),
    ban(
      ['src/components/**/*.tsx', 'src/components/**/*.ts'],
      [TFJS, ENGINE_WORKER, ABOVE('components', ['app'])],
    ),
    ban(['src/app/**/*.{ts,tsx}'], [TFJS, ENGINE_WORKER]),
    // Training's page side (the worker's client and the protocol): no TF.js, which stays in the
    // training worker's own bundle, loaded when a student opens the training panel.
    ban(
      ['src/training/client.ts', 'src/training/protocol.ts'],
      [
        TFJS,
        {
          group: ['./trainer', './session', './augment', './wasmConvGrad', './worker'],
          message:
            "training's page side reaches the worker only through its URL and src/training/protocol.ts.",
        },
      ],
    ),
    // Models and attacks: TF.js only in the loader and PGD; nothing of the UI.
    {
      ...ban(['src/models/**/*.ts', 'src/attacks/**/*.ts'], [TFJS, ABOVE('models and attacks', UPPER)]),
      ignores: ['**/__tests__/**', ...tfHomes],
    },
    ban(
      tfHomes.filter((f) => /models|attacks/.test(f)),
      [ABOVE('models and attacks', UPPER)],
    ),
  ];
}

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
  // The floors (docs/ARCHITECTURE.md, "The floors"): each may import the ones below it, never
  // those above; TF.js only where tensors are made. A file gets one merged list of its floor's bans.
  ...floors(),
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
);
