/**
 * Starts TF.js backends: WebGL, WebAssembly (SIMD; threads where the page is cross-origin
 * isolated) or plain CPU, with fallback along an order. Each backend's code is imported on demand,
 * so a page downloads only the backends it starts (a first visit starts on wasm; WebGL's code comes
 * when the backends are timed, after the first certificate). The .wasm binaries are bundled from
 * the package and served from the app's own origin.
 */
import * as tf from '@tensorflow/tfjs-core';
import { download } from '../../models/download';
import type { BackendFailure, BackendName, BackendReport } from '../protocol';
import { trackDownload } from './downloads';
import { errorMessage } from '../../tasks/errorMessage';

export const BACKEND_ORDER: readonly BackendName[] = ['webgl', 'wasm', 'cpu'];

async function register(name: BackendName): Promise<void> {
  switch (name) {
    case 'webgl':
      await import('@tensorflow/tfjs-backend-webgl');
      return;
    case 'cpu':
      await import('@tensorflow/tfjs-backend-cpu');
      return;
    case 'wasm': {
      const [wasm, plain, simd, threaded] = await Promise.all([
        import('@tensorflow/tfjs-backend-wasm'),
        import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url'),
        import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url'),
        import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url'),
      ]);
      const files = {
        'tfjs-backend-wasm.wasm': plain.default,
        'tfjs-backend-wasm-simd.wasm': simd.default,
        'tfjs-backend-wasm-threaded-simd.wasm': threaded.default,
      };
      // usePlatformFetch: TF.js asks its platform fetch, which hands over the bytes fetched here.
      wasm.setWasmPaths(files, true);
      await fetchWasmBinary(files);
      return;
    }
  }
}

/** .wasm binaries fetched ahead of TF.js (by URL), handed over when it asks for them. */
const wasmBinaries = new Map<string, ArrayBuffer>();
let routed = false;

/**
 * Fetches the .wasm binary TF.js is about to ask for (the SIMD, threaded or plain one, as its own
 * feature flags decide) through `download`: a deadline on silence and progress for the page. One
 * that does not arrive throws here, naming the file, so the engine falls back as on a 404, before
 * TF.js starts (its own error path for a failed binary hangs). TF.js then gets the bytes through
 * its platform fetch (setWasmPaths with usePlatformFetch).
 */
async function fetchWasmBinary(files: Record<string, string>): Promise<void> {
  const { simd, threads } = await wasmFeatures();
  const name =
    simd && threads
      ? 'tfjs-backend-wasm-threaded-simd.wasm'
      : simd
        ? 'tfjs-backend-wasm-simd.wasm'
        : 'tfjs-backend-wasm.wasm';
  const url = files[name]!;
  if (!routed) {
    routed = true;
    const platform = tf.env().platform as { fetch(path: string, init?: RequestInit): Promise<Response> };
    const plain = platform.fetch.bind(platform);
    platform.fetch = (path, init) => {
      const bytes = wasmBinaries.get(path);
      if (!bytes) return plain(path, init);
      wasmBinaries.delete(path); // TF.js compiles it once; a later start fetches it again
      return Promise.resolve(new Response(bytes, { headers: { 'content-type': 'application/wasm' } }));
    };
  }
  if (wasmBinaries.has(url)) return;
  const track = trackDownload(name);
  try {
    wasmBinaries.set(url, await download(url, name, { onProgress: track.onProgress }));
  } finally {
    track.end();
  }
}

/** What the wasm backend uses on this page: SIMD, and threads (these need cross-origin isolation). */
export async function wasmFeatures(): Promise<{ simd: boolean; threads: boolean }> {
  const flag = async (name: string) => {
    try {
      return (await tf.env().getAsync(name)) === true;
    } catch {
      return false;
    }
  };
  return {
    simd: await flag('WASM_HAS_SIMD_SUPPORT'),
    threads: await flag('WASM_HAS_MULTITHREAD_SUPPORT'),
  };
}

/** Runs 1 + 2 on the backend and checks the answer, so a backend that starts but cannot compute is caught. */
async function smokeTest(): Promise<void> {
  const t = tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(2)));
  try {
    const [v] = await t.data();
    if (v !== 3) throw new Error(`computed 1 + 2 = ${String(v)}`);
  } finally {
    t.dispose();
  }
}

/**
 * Starts the first backend of `order` that initialises and computes correctly.
 * @throws Error listing every backend's failure when none can start
 */
export async function startBackend(
  order: readonly BackendName[] = BACKEND_ORDER,
  /** Backends known not to work here (e.g. the page found no WebGL): reported, not tried. */
  unavailable: readonly BackendFailure[] = [],
): Promise<BackendReport> {
  const failures: BackendFailure[] = [...unavailable];
  const skip = new Set(unavailable.map((f) => f.backend));
  for (const name of order) {
    if (skip.has(name)) continue;
    try {
      await register(name);
      if (!(await tf.setBackend(name))) throw new Error('it could not initialise on this device');
      await tf.ready();
      await smokeTest();
      return { backend: name, preferred: order[0] ?? name, failures };
    } catch (e) {
      failures.push({ backend: name, reason: errorMessage(e) });
    }
  }
  throw new Error(
    `No TF.js backend could start: ${failures.map((f) => `${f.backend}: ${f.reason}`).join('; ')}`,
  );
}
