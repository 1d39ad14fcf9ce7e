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
      // usePlatformFetch: the binary comes through TF.js's platform fetch, which routeWasm guards.
      wasm.setWasmPaths(files, true);
      routeWasm(new Map(Object.entries(files).map(([name, url]) => [url, name])));
      return;
    }
  }
}

/** Why the .wasm binary did not arrive, for the wasm backend's failure (null: it did, or was not asked). */
let wasmMissing: string | null = null;
let routed = false;

/**
 * Sends TF.js's download of a .wasm binary through `download`: a deadline on silence and progress
 * for the page. A binary that does not arrive is answered as a failed response, so the wasm backend
 * fails to start (and the engine falls back) instead of waiting for ever; the reason is kept.
 */
function routeWasm(names: Map<string, string>): void {
  if (routed) return;
  routed = true;
  const platform = tf.env().platform as { fetch(path: string, init?: RequestInit): Promise<Response> };
  const plain = platform.fetch.bind(platform);
  platform.fetch = async (path, init) => {
    const name = names.get(path);
    if (!name) return plain(path, init);
    const track = trackDownload(name);
    try {
      const bytes = await download(path, name, { onProgress: track.onProgress });
      return new Response(bytes, { status: 200, headers: { 'content-type': 'application/wasm' } });
    } catch (e) {
      wasmMissing = (e as Error).message;
      // Only `ok` is read before TF.js aborts its start; the body is never needed.
      return {
        ok: false,
        status: 504,
        arrayBuffer: () => new Promise<never>(() => undefined),
      } as unknown as Response;
    } finally {
      track.end();
    }
  };
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

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
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
      if (!(await tf.setBackend(name)))
        throw new Error(wasmMissing ?? 'it could not initialise on this device');
      await tf.ready();
      await smokeTest();
      return { backend: name, preferred: order[0] ?? name, failures };
    } catch (e) {
      const missing = name === 'wasm' ? wasmMissing : null;
      wasmMissing = null;
      failures.push({ backend: name, reason: missing ?? describe(e) });
    }
  }
  throw new Error(
    `No TF.js backend could start: ${failures.map((f) => `${f.backend}: ${f.reason}`).join('; ')}`,
  );
}
