/**
 * Starts TF.js backends: WebGL, WebAssembly (SIMD; threads where the page is cross-origin
 * isolated) or plain CPU, with fallback along an order. Each backend's code is imported on demand,
 * so a page downloads only the backends it starts (a first visit starts on wasm; WebGL's code comes
 * when the backends are timed, after the first certificate). The .wasm binaries are bundled from
 * the package and served from the app's own origin.
 */
import * as tf from '@tensorflow/tfjs-core';

export type BackendName = 'webgl' | 'wasm' | 'cpu';

export const BACKEND_ORDER: readonly BackendName[] = ['webgl', 'wasm', 'cpu'];

export interface BackendFailure {
  backend: BackendName;
  reason: string;
}

/**
 * How the backend in use was chosen: `provisional` (a first visit starts on wasm so the first
 * certificate comes at once, then times the backends), `measured` (timed on this device at
 * start-up), `remembered`
 * (a measurement stored on this device earlier), `forced` (the URL's `backend=` or the badge's
 * button), `fallback` (the one in use stopped working, e.g. a lost WebGL context).
 */
export type BackendChoiceHow = 'provisional' | 'measured' | 'remembered' | 'forced' | 'fallback';

export interface BackendReport {
  /** The backend now in use. */
  backend: BackendName;
  /** The backend that was asked for first. */
  preferred: BackendName;
  /** Backends tried before it, with why each failed (empty when the first choice worked). */
  failures: BackendFailure[];
  /** How it was chosen (absent: the first backend of the order that started). */
  how?: BackendChoiceHow;
  /**
   * Samples per second of one small batch of the selected model on each backend that started
   * (engine path: noise, forward pass, count), when measured now or remembered.
   */
  timings?: Partial<Record<BackendName, number>>;
  /** The model family the timings are for ('cnn' or 'mlp'). */
  family?: string;
  /** Whether the wasm backend runs with SIMD and with threads (when wasm is in use). */
  wasmFeatures?: { simd: boolean; threads: boolean };
}

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
