import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// base './': every asset URL is relative, so the build works from any sub-path or a plain static server.
export default defineConfig({
  base: './',
  plugins: [react()],
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
  },
  worker: { format: 'es' },
  preview: { host: '127.0.0.1' },
  server: { host: '127.0.0.1' },
});
