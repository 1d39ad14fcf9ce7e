/**
 * Starts TF.js backends: WebGL, WebAssembly (SIMD; threads where the page is cross-origin
 * isolated) or plain CPU, with fallback along an order. Each backend's code is imported on demand,
 * so a page downloads only the backends it starts (a first visit starts on wasm; WebGL's code comes
 * when the backends are timed, after the first certificate). The .wasm binaries are bundled from
 * the package and served from the app's own origin.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendFailure, BackendName, BackendReport } from '../protocol';

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
      wasm.setWasmPaths({
        'tfjs-backend-wasm.wasm': plain.default,
        'tfjs-backend-wasm-simd.wasm': simd.default,
        'tfjs-backend-wasm-threaded-simd.wasm': threaded.default,
      });
      return;
    }
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
      if (!(await tf.setBackend(name))) throw new Error('it could not initialise on this device');
      await tf.ready();
      await smokeTest();
      return { backend: name, preferred: order[0] ?? name, failures };
    } catch (e) {
      failures.push({ backend: name, reason: describe(e) });
    }
  }
  throw new Error(
    `No TF.js backend could start: ${failures.map((f) => `${f.backend}: ${f.reason}`).join('; ')}`,
  );
}
