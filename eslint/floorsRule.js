/**
 * The local ESLint plugin `floors` and its one rule, `floors/imports`: every file under `src/` or
 * `server/` belongs to a floor of the table in ./floors.js, and each of its imports (static
 * `import`, `export … from`, dynamic `import()`) must go to its own floor, a floor its row names,
 * or an exception its row states. TF.js and the UI libraries are checked against the row too.
 * Files under `__tests__/` or `__fixtures__/` are only checked for being in a listed folder.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FLOORS, TFJS, UI_LIBRARIES } from './floors.js';

/** The repository's root (paths in the table are relative to it), whatever ESLint's cwd. */
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The folders whose files the rule checks (repository-relative, with "/"). */
const CHECKED = ['src/', 'server/'];

const stripExt = (p) => p.replace(/\.[cm]?[jt]sx?$/, '');
const toPosix = (p) => p.split(path.sep).join('/');

/** True when `source` is `pattern` or, for "x/*", anything under x/. */
function matches(source, pattern) {
  return pattern.endsWith('/*') ? source.startsWith(pattern.slice(0, -1)) : source === pattern;
}

/**
 * The floor that claims a repository-relative path (a file, or an import target that may lack its
 * extension or name a folder's index), by the longest matching row path; undefined if none.
 */
export function floorOf(rel, floors = FLOORS) {
  let best;
  let bestLength = -1;
  for (const floor of floors) {
    for (const p of floor.paths) {
      const hit = p.endsWith('/')
        ? rel.startsWith(p) || rel === p.slice(0, -1)
        : rel === p || stripExt(rel) === stripExt(p);
      if (hit && p.length > bestLength) {
        best = floor;
        bestLength = p.length;
      }
    }
  }
  return best;
}

const isChecked = (rel) => CHECKED.some((dir) => rel.startsWith(dir));
const isTest = (rel) => /(^|\/)(__tests__|__fixtures__)\//.test(rel);
const uiLibraryOf = (source) =>
  Object.keys(UI_LIBRARIES).find((lib) => UI_LIBRARIES[lib].some((p) => matches(source, p)));

/** The rule, over the given table (the real one unless a test passes its own). */
export function floorsImportsRule(floors = FLOORS) {
  return {
    meta: {
      type: 'problem',
      docs: {
        description:
          'Each floor imports only its own files and the floors its row of eslint/floors.js names.',
      },
      schema: [],
      messages: {
        unlisted:
          '{{file}} is in a folder the floors table does not list: place it in the floors table (eslint/floors.js and docs/ARCHITECTURE.md).',
        target:
          "'{{source}}' is in {{target}}, which the floors table does not list: place it there (eslint/floors.js).",
        nothing: 'floor {{floor}} imports nothing at all (no package, no type): {{source}}.',
        upward:
          "floor {{floor}} may not import {{target}} ('{{source}}'); it imports only {{allowed}} (eslint/floors.js, docs/ARCHITECTURE.md).",
        tf: "TF.js ('{{source}}') is not allowed in {{file}}; its homes are {{homes}} (eslint/floors.js).",
        ui: "floor {{floor}} may not use {{lib}} ('{{source}}'); it may use {{allowed}} (eslint/floors.js).",
      },
    },
    create(context) {
      const rel = toPosix(path.relative(ROOT, context.filename));
      if (!isChecked(rel)) return {};
      const floor = floorOf(rel, floors);
      // A test folder is placed when the folder holding it is a floor or holds floors (src/engine/).
      const testHome = isTest(rel) ? rel.replace(/\/(__tests__|__fixtures__)\/.*$/, '/') : null;
      const placed = floor || (testHome && floors.some((f) => f.paths.some((p) => p.startsWith(testHome))));
      if (!placed) {
        return {
          Program(node) {
            context.report({ node, messageId: 'unlisted', data: { file: rel } });
          },
        };
      }
      if (testHome || !floor) return {};
      const allowed = floor.imports === 'nothing' ? [] : floor.imports;
      const homes = floors.flatMap((f) => (f.tf === true ? f.paths : f.tf === false ? [] : f.tf)).join(', ');

      /** Checks one import source; `dynamic` for `import()`. */
      function check(node, source, dynamic) {
        if (floor.imports === 'nothing') {
          context.report({ node, messageId: 'nothing', data: { floor: floor.id, source } });
          return;
        }
        if (!source.startsWith('.')) {
          if (TFJS.some((p) => matches(source, p))) {
            const ok = floor.tf === true || (Array.isArray(floor.tf) && floor.tf.includes(rel));
            if (!ok) context.report({ node, messageId: 'tf', data: { source, file: rel, homes } });
            return;
          }
          const lib = uiLibraryOf(source);
          if (lib && !floor.ui.includes(lib)) {
            const data = { floor: floor.id, lib, source, allowed: floor.ui.join(', ') || 'none' };
            context.report({ node, messageId: 'ui', data });
          }
          return;
        }
        const to = toPosix(
          path.relative(ROOT, path.resolve(path.dirname(context.filename), source.split('?')[0])),
        );
        if (!isChecked(to)) return; // the repository's data and scripts, outside the floors
        const target = floorOf(to, floors);
        if (!target) {
          context.report({ node, messageId: 'target', data: { source, target: to } });
          return;
        }
        if (target === floor || allowed.includes(target.id)) return;
        const excepted = (floor.exceptions ?? []).some(
          (e) => e.from === rel && stripExt(e.to) === stripExt(to) && (!e.dynamic || dynamic),
        );
        if (excepted) return;
        const data = { floor: floor.id, target: target.id, source, allowed: allowed.join(', ') || 'nothing' };
        context.report({ node, messageId: 'upward', data });
      }

      const fromSource = (node) => {
        if (node.source && typeof node.source.value === 'string') check(node, node.source.value, false);
      };
      return {
        ImportDeclaration: fromSource,
        ExportNamedDeclaration: fromSource,
        ExportAllDeclaration: fromSource,
        TSImportEqualsDeclaration(node) {
          const ref = node.moduleReference;
          if (ref.type === 'TSExternalModuleReference' && ref.expression.type === 'Literal') {
            check(node, String(ref.expression.value), false);
          }
        },
        ImportExpression(node) {
          const s = node.source;
          if (s.type === 'Literal' && typeof s.value === 'string') check(node, s.value, true);
          else if (s.type === 'TemplateLiteral' && s.expressions.length === 0) {
            check(node, s.quasis[0].value.cooked, true);
          }
        },
      };
    },
  };
}

/** The local plugin, for eslint.config.js: `plugins: { floors: floorsPlugin }`. */
export const floorsPlugin = { rules: { imports: floorsImportsRule() } };

/** File globs of the floors with `dom: false` (no DOM globals), for `no-restricted-globals`. */
export function noDomFiles(floors = FLOORS) {
  return floors
    .filter((f) => f.dom === false)
    .flatMap((f) => f.paths.map((p) => (p.endsWith('/') ? `${p}**/*.{ts,tsx}` : p)));
}
