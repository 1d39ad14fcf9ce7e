/** What the engine client's tests share: a fake worker and main-thread engine, and sample ops and answers. */
import { CERTIFY_OP, FakeWorker } from '../../__tests__/fakeWorker';
import type { BackendReport, BackendState, CertifySetOp, FromEngine, InitOp, ToEngine } from '../../protocol';
import { EngineClient, type EngineFactory } from '../client';

/** An engine on the main thread that records what it is asked; `post` answers the page. */
export function fakeMainThread() {
  const handled: ToEngine[] = [];
  let post: (e: FromEngine) => void = () => undefined;
  const Core = class {
    constructor(p: (e: FromEngine) => void) {
      post = p;
    }
    handle(m: ToEngine): void {
      handled.push(m);
    }
  } satisfies EngineFactory;
  return { handled, post: (e: FromEngine) => post(e), load: () => Promise.resolve(Core) };
}

export function setup(o: { hasWebgl?: boolean; mainThread?: () => Promise<EngineFactory> } = {}) {
  const worker = new FakeWorker();
  const backend: BackendState[] = [];
  const main = fakeMainThread();
  const client = new EngineClient({
    onBackend: (s) => backend.push(s),
    worker: () => worker,
    mainThread: o.mainThread ?? main.load,
    pageHasWebgl: () => o.hasWebgl ?? false,
  });
  return { client, worker, backend, main };
}

export const set = (k: number): Omit<CertifySetOp, 'kind'> => ({
  modelId: 'cnn-0.25',
  xs: new Float32Array(784 * k),
  seeds: Array.from({ length: k }, (_, i) => i),
  sigma: 0.25,
  n0: 10,
  n: 100,
  alpha: 0.001,
});

export const row = (index: number) => ({ index, prediction: index, radius: 0.1, pLower: 0.7, seconds: 0.01 });

export const report = (over: Partial<BackendReport> = {}): BackendReport => ({
  backend: 'wasm',
  preferred: 'wasm',
  failures: [],
  ...over,
});

export const initOp: InitOp = {
  kind: 'init',
  order: ['webgl', 'wasm', 'cpu'],
  unavailable: [],
  baseUrl: 'http://localhost/',
  choice: { how: 'forced', backend: 'webgl' },
  testOps: false,
};

/** Lets pending promise callbacks run. */
export const settle = () => new Promise((r) => setTimeout(r, 0));

export const certifyOp = CERTIFY_OP;
