import react from '@vitejs/plugin-react';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

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

// base './': every asset URL is relative, so the build works from any sub-path or a plain static server.
export default defineConfig({
  base: './',
  plugins: [react(), shippedModels()],
  build: {
    target: 'es2022',
    rollupOptions: { input: { main: 'index.html', bench: 'bench.html' } },
    chunkSizeWarningLimit: 2000,
  },
  worker: { format: 'es' },
  preview: { host: '127.0.0.1' },
  server: { host: '127.0.0.1' },
});
