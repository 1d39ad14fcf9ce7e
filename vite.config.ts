import react from '@vitejs/plugin-react';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { CSP_META, SECURITY_HEADERS } from './scripts/lib/csp.ts';
import { FIRST_DIGITS_FILE, firstDigitsFile } from './src/data/digits.ts';

/**
 * The first FIRST_DIGITS test digits as a file of their own (data/mnist-test-first.bin, about 50 KB):
 * the lab's gallery and default digit need only these, so a first visit fetches them instead of all
 * 2,000 (1.6 MB), which come later, when a digit past them is asked for or with the offline copy.
 */
function firstDigits(): Plugin {
  const make = () => firstDigitsFile(new Uint8Array(readFileSync('public/data/mnist-test.bin')));
  return {
    name: 'smoothing-lab-first-digits',
    configureServer(server) {
      server.middlewares.use(`/${FIRST_DIGITS_FILE}`, (_req, res) => {
        res.setHeader('content-type', 'application/octet-stream');
        res.end(make());
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: FIRST_DIGITS_FILE, source: make() });
    },
  };
}

/** The files of models/ the app loads: the index and each model's card, topology and weights. */
function modelFiles(dir = 'models'): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (existsSync(join(path, 'model.json'))) {
        for (const f of readdirSync(path)) if (/\.(json|bin)$/.test(f)) out.push(join(path, f));
      }
    } else if (name === 'index.json') out.push(path);
  }
  return out;
}

/** Serves models/ under ./models/ in dev and copies it into dist/models/ on build. */
function shippedModels(): Plugin {
  return {
    name: 'smoothing-lab-models',
    configureServer(server) {
      server.middlewares.use('/models', (req, res, next) => {
        const file = join('models', decodeURIComponent((req.url ?? '').split('?')[0]!));
        if (!modelFiles().includes(file)) return next();
        res.setHeader(
          'content-type',
          extname(file) === '.json' ? 'application/json' : 'application/octet-stream',
        );
        res.end(readFileSync(file));
      });
    },
    generateBundle() {
      for (const file of modelFiles()) {
        this.emitFile({ type: 'asset', fileName: relative('.', file), source: readFileSync(file) });
      }
    },
  };
}

/**
 * Offline use: a Workbox service worker (dist/sw.js) that precaches everything the lab loads (the
 * pages, JS and CSS, the engine's worker bundle, the wasm binaries, KaTeX's woff2 fonts, the test
 * digits, the training digits and every shipped model, about 23 MB), so after one visit it opens and certifies with no
 * network. src/app/serviceWorker.ts registers it with a relative URL. Updates: a new build's worker
 * installs in the background, takes over at once (skipWaiting + clientsClaim) and serves the new
 * build from the next load; an open page is never reloaded under a lecture.
 */
function offline(): Plugin[] {
  return VitePWA({
    injectRegister: false,
    manifest: false,
    filename: 'sw.js',
    workbox: {
      globPatterns: ['**/*.{html,js,css,wasm,woff2,svg,json,bin}'],
      // The benchmark page is a developer tool; .woff/.ttf are fallbacks no service-worker browser needs.
      globIgnores: ['**/node_modules/**', 'sw.js', 'bench.html', 'assets/bench-*.js'],
      // The engine's worker bundle (about 1.6 MB) and the digits file (about 1.6 MB) exceed Workbox's 2 MiB default margin.
      maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
      // Hash routing: every page is a real file, so no navigation needs a fallback.
      navigateFallback: null,
      skipWaiting: true,
      clientsClaim: true,
      cleanupOutdatedCaches: true,
      inlineWorkboxRuntime: true,
      sourcemap: false,
    },
  });
}

/**
 * Puts the Content-Security-Policy (scripts/lib/csp.ts) into every built page as a meta tag. Build
 * only: the dev server's hot reload needs inline scripts.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'smoothing-lab-csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP_META },
        injectTo: 'head-prepend',
      },
    ],
  };
}

/**
 * wasm threads under a minifying bundler. TF.js's wasm backend starts each helper thread from a
 * blob holding its threaded loader, made from the loader function's own source text at run time;
 * once the bundle is minified that text names variables renamed outside it, and every thread fails
 * ("e is not defined"). This hands the threads the package's loader file as shipped, as plain text,
 * which defines the same global the threads look for. Checked by the threads test in e2e/backend.spec.ts.
 */
function wasmThreadsLoader(): Plugin {
  const original =
    /new Blob\(\[`var WasmBackendModuleThreadedSimd = ` \+\s*wasmFactoryThreadedSimd\.toString\(\)\]/;
  return {
    name: 'smoothing-lab-wasm-threads-loader',
    enforce: 'pre',
    transform(code, id) {
      if (!/tfjs-backend-wasm[\\/]dist[\\/]backend_wasm\.js$/.test(id.split('?')[0]!)) return null;
      if (!original.test(code))
        this.error('TF.js wasm: the threaded loader blob was not found (new version?)');
      return {
        code:
          `import threadedLoaderSource from '../wasm-out/tfjs-backend-wasm-threaded-simd.js?raw';\n` +
          code.replace(original, 'new Blob([threadedLoaderSource]'),
        map: null,
      };
    },
  };
}

// base './': every asset URL is relative, so the build works from any sub-path or a plain static server.
/** The build's identity (package version and build time): the engine re-measures its backend after a new build. */
const APP_BUILD = `${(JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version}+${Date.now().toString(36)}`;

export default defineConfig({
  base: './',
  define: { __APP_BUILD__: JSON.stringify(APP_BUILD) },
  plugins: [react(), wasmThreadsLoader(), shippedModels(), firstDigits(), offline(), contentSecurityPolicy()],
  build: {
    target: 'es2022',
    rollupOptions: {
      input: { main: 'index.html', bench: 'bench.html' },
      // The PLUGIN_TIMINGS warning reports a loaded machine, not a problem in the build.
      checks: { bundlerTimings: false },
    },
    chunkSizeWarningLimit: 2000,
  },
  resolve: {
    alias: {
      // Its eval-based feature test would break the CSP (see the shim): the answer is known.
      '@stdlib/assert-has-generator-support': fileURLToPath(
        new URL('./src/shims/has-generator-support.cjs', import.meta.url),
      ),
    },
  },
  worker: {
    format: 'es',
    plugins: () => [wasmThreadsLoader()],
    rollupOptions: { checks: { bundlerTimings: false } },
  },
  // npm start (vite preview) sends the same policy as a header, with the other security headers.
  preview: { host: '127.0.0.1', headers: { ...SECURITY_HEADERS } },
  server: { host: '127.0.0.1' },
});
