/**
 * The floors of the app, from the bottom up: the one table that the lint rule `floors/imports`
 * (./floorsRule.js) enforces and that docs/ARCHITECTURE.md shows, row for row (a unit test reads
 * both). A floor may import its own files and the floors named in `imports`, each of which sits
 * below it in this table; nothing else of `src/` or `server/`. A file under `src/` that no row
 * claims fails lint until it is placed here.
 *
 * Row fields: `id` (the floor's name), `paths` (repository paths: a folder ends with "/", anything
 * else is one file; the longest match claims a file), `lives` (what lives there, for the docs),
 * `imports` (floor ids it may import, or 'nothing': no import at all, not even a type or a
 * package), `tf` (may import TF.js: true, false, or the files of the floor that may), `ui` (the UI
 * libraries it may use, of UI_LIBRARIES), `dom` (false: no DOM globals), `exceptions` (single
 * imports allowed beyond `imports`, each with its reason).
 */

/** The UI libraries a floor may be allowed, each with the import sources it covers. */
export const UI_LIBRARIES = {
  react: ['react', 'react-dom', 'react/*', 'react-dom/*'],
  zustand: ['zustand', 'zustand/*'],
  recharts: ['recharts', 'recharts/*'],
};

/** Import sources that are TF.js. */
export const TFJS = ['@tensorflow/*'];

const ALL_UI = ['react', 'zustand', 'recharts'];

/**
 * @typedef {object} Floor
 * @property {string} id
 * @property {string[]} paths
 * @property {string} lives
 * @property {string[] | 'nothing'} imports
 * @property {boolean | string[]} tf
 * @property {string[]} ui
 * @property {false} [dom]
 * @property {{ from: string; to: string; dynamic: boolean; why: string }[]} [exceptions]
 */

/** What the components may import; the app may import the same, and the components themselves. */
const COMPONENTS_IMPORTS = [
  'smoothing',
  'bounds',
  'tasks',
  'engine/protocol',
  'class/protocol',
  'models',
  'attacks',
  'data',
  'store/schema',
  'lesson',
  'training/page',
  'store',
  'engine/client',
  'class',
  'toy2d',
];

/** @type {readonly Floor[]} */
export const FLOORS = [
  {
    id: 'smoothing',
    paths: ['src/smoothing/'],
    lives: 'Statistics, CERTIFY, PREDICT, the anytime-valid bound, the counter-based noise',
    imports: [],
    tf: false,
    ui: [],
    dom: false,
  },
  {
    id: 'bounds',
    paths: ['src/bounds/'],
    lives: 'IBP, CROWN and Lipschitz bounds for small ReLU networks',
    imports: ['smoothing'],
    tf: false,
    ui: [],
    dom: false,
  },
  {
    id: 'tasks',
    paths: ['src/tasks/'],
    lives:
      'The one task runner (keyed, cancellable, stale results dropped) and the shared helpers: error messages, yields to the page',
    imports: [],
    tf: false,
    ui: [],
    dom: false,
  },
  {
    id: 'shims',
    paths: ['src/shims/'],
    lives: 'Stand-ins the bundler puts in place of a dependency’s module',
    imports: [],
    tf: false,
    ui: [],
  },
  {
    id: 'engine/protocol',
    paths: ['src/engine/protocol.ts'],
    lives: 'Every message between the page and the engine’s worker: plain data',
    imports: 'nothing',
    tf: false,
    ui: [],
  },
  {
    id: 'class/protocol',
    paths: ['src/class/protocol.ts'],
    lives: 'Every class-session message, its limits and join codes, shared with the server',
    imports: 'nothing',
    tf: false,
    ui: [],
  },
  {
    id: 'class/parsers',
    paths: ['src/class/parsers.ts'],
    lives: 'The parsers that check every class-session message at both ends, shared with the server',
    imports: ['class/protocol'],
    tf: false,
    ui: [],
  },
  {
    id: 'models',
    paths: ['src/models/'],
    lives: 'Model ids, cards, the loader of the shipped weights (TF.js), the shipped certify runs',
    imports: ['smoothing', 'tasks'],
    tf: ['src/models/architectures.ts', 'src/models/load.ts', 'src/models/registry.ts'],
    ui: ['react'],
  },
  {
    id: 'attacks',
    paths: ['src/attacks/'],
    lives: 'PGD in L2 and L-infinity, SmoothAdv (TF.js); norm helpers (pure)',
    imports: ['smoothing', 'models'],
    tf: ['src/attacks/pgd.ts', 'src/attacks/types.ts'],
    ui: [],
  },
  {
    id: 'data',
    paths: ['src/data/'],
    lives: 'Test digits, preprocessing, the photo pipeline',
    imports: ['smoothing', 'models'],
    tf: false,
    ui: ['react'],
  },
  {
    id: 'store/schema',
    paths: ['src/store/urlSchema.ts', 'src/store/urlRegistry.ts', 'src/store/url/', 'src/store/runKey.ts'],
    lives:
      'The store’s plain tables: the URL schema of every shareable setting, the registry that parses and formats links, the run key',
    imports: ['smoothing', 'models'],
    tf: false,
    ui: [],
  },
  {
    id: 'lesson',
    paths: ['src/lesson/'],
    lives: 'Lesson content: sections, checkpoints, presets, coverage and peeking experiments, progress',
    imports: ['smoothing', 'tasks', 'models', 'store/schema'],
    tf: false,
    ui: ['react'],
  },
  {
    id: 'engine/worker',
    paths: ['src/engine/worker/'],
    lives: 'The engine where TF.js runs: backends, jobs, votes, noise',
    imports: ['smoothing', 'tasks', 'engine/protocol', 'models', 'attacks', 'data'],
    tf: true,
    ui: [],
  },
  {
    id: 'training/page',
    paths: ['src/training/client.ts', 'src/training/protocol.ts'],
    lives: 'The training worker’s page-side client and its protocol',
    imports: ['smoothing', 'models'],
    tf: false,
    ui: [],
  },
  {
    id: 'training',
    paths: ['src/training/'],
    lives: 'The trainer (TF.js) and the training worker',
    imports: ['smoothing', 'tasks', 'models', 'data', 'engine/worker', 'training/page'],
    tf: true,
    ui: [],
  },
  {
    id: 'bench',
    paths: ['src/bench/'],
    lives: 'The benchmark page (bench.html): the engine’s kernels, timed',
    imports: ['smoothing', 'engine/protocol', 'models', 'data', 'engine/worker'],
    tf: true,
    ui: [],
  },
  {
    id: 'store',
    paths: ['src/store/'],
    lives: 'One zustand store made of slices; derived certificate views',
    imports: ['smoothing', 'engine/protocol', 'models', 'data', 'store/schema', 'lesson'],
    tf: false,
    ui: ['react', 'zustand'],
  },
  {
    id: 'engine/client',
    paths: ['src/engine/client/'],
    lives: 'The engine’s page side: the client, its placement and watchdog, the store hook',
    imports: ['smoothing', 'tasks', 'engine/protocol', 'models', 'data', 'store/schema', 'store'],
    tf: false,
    ui: ['react'],
    exceptions: [
      {
        from: 'src/engine/client/client.ts',
        to: 'src/engine/worker/core.ts',
        dynamic: true,
        why: 'the main-thread fallback loads EngineCore where no worker can run',
      },
    ],
  },
  {
    id: 'class',
    paths: ['src/class/'],
    lives: 'The class session’s page side: the connection, the instructor’s and the student’s state',
    imports: ['class/protocol', 'class/parsers'],
    tf: false,
    ui: ['zustand'],
  },
  {
    id: 'toy2d',
    paths: ['src/toy2d/'],
    lives: '2D datasets, toy classifiers, their smoothing and ray search; their TF.js worker',
    imports: [
      'smoothing',
      'bounds',
      'tasks',
      'engine/protocol',
      'models',
      'attacks',
      'engine/worker',
      'engine/client',
    ],
    tf: true,
    ui: [],
  },
  {
    id: 'components',
    paths: ['src/components/'],
    lives: 'One component per file, named after what it shows; no tensors in props',
    imports: COMPONENTS_IMPORTS,
    tf: false,
    ui: ALL_UI,
  },
  {
    id: 'app',
    paths: ['src/app/'],
    lives: 'Shell, routes and views, embed mode, presentation mode, URL sync, service worker',
    imports: [...COMPONENTS_IMPORTS, 'components'],
    tf: false,
    ui: ALL_UI,
  },
  {
    id: 'entry',
    paths: ['src/main.tsx', 'src/env.d.ts', 'src/styles/', 'src/presentation.css'],
    lives: 'The page’s entry, its global types and stylesheets',
    imports: ['store/schema', 'store', 'app'],
    tf: false,
    ui: ALL_UI,
  },
  {
    id: 'server',
    paths: ['server/'],
    lives: 'The class session server (Node, `npm run class`): HTTP, WebSockets, the session logs',
    imports: ['class/protocol', 'class/parsers'],
    tf: false,
    ui: [],
  },
];

const code = (s) => `\`${s}\``;

/** The table as docs/ARCHITECTURE.md shows it: a header and one row of cells per floor, in order. */
export function floorRows(floors = FLOORS) {
  const header = ['Floor', 'Files', 'What lives there', 'May import', 'TF.js', 'UI libraries'];
  const rows = floors.map((f) => {
    const imports =
      f.imports === 'nothing'
        ? 'nothing at all, not even a type'
        : f.imports.length === 0
          ? 'no other floor'
          : f.imports.map(code).join(', ');
    const exceptions = (f.exceptions ?? []).map(
      (e) => `; and ${code(e.to)} from ${code(e.from)} only${e.dynamic ? ' by `import()`' : ''} (${e.why})`,
    );
    const tf = f.tf === true ? 'yes' : f.tf === false ? 'no' : `only ${f.tf.map(code).join(', ')}`;
    const ui = (f.ui.length ? f.ui.join(', ') : 'none') + (f.dom === false ? '; no DOM globals' : '');
    return [code(f.id), f.paths.map(code).join(', '), f.lives, imports + exceptions.join(''), tf, ui];
  });
  return [header, ...rows];
}

/** The table in Markdown (unaligned; Prettier aligns it in the docs). */
export function floorsMarkdown(floors = FLOORS) {
  const [header, ...rows] = floorRows(floors);
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
