import { describe, expect, it, vi } from 'vitest';
import { CERTIFY_OP, FakeWorker } from '../../__tests__/fakeWorker';
import type {
  BackendReport,
  BackendState,
  CertifyAnswer,
  CertifySetOp,
  FromEngine,
  InitOp,
  ToEngine,
} from '../../protocol';
import { EngineClient, engineNotice, type EngineFactory } from '../client';

/** An engine on the main thread that records what it is asked; `post` answers the page. */
function fakeMainThread() {
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

function setup(o: { hasWebgl?: boolean; mainThread?: () => Promise<EngineFactory> } = {}) {
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

const set = (k: number): Omit<CertifySetOp, 'kind'> => ({
  modelId: 'cnn-0.25',
  xs: new Float32Array(784 * k),
  seeds: Array.from({ length: k }, (_, i) => i),
  sigma: 0.25,
  n0: 10,
  n: 100,
  alpha: 0.001,
});
const certifyOp = CERTIFY_OP;
const answer: CertifyAnswer = {
  prediction: 7,
  radius: 0.5,
  pLower: 0.9,
  selectionCounts: [],
  estimationCounts: [],
  timing: { seconds: 1, firstUpdateSeconds: 0.1, samplesPerSecond: 110, batchSize: 8 },
};
const row = (index: number) => ({ index, prediction: index, radius: 0.1, pLower: 0.7, seconds: 0.01 });
const report = (over: Partial<BackendReport> = {}): BackendReport => ({
  backend: 'wasm',
  preferred: 'wasm',
  failures: [],
  ...over,
});
const initOp: InitOp = {
  kind: 'init',
  order: ['webgl', 'wasm', 'cpu'],
  unavailable: [],
  baseUrl: 'http://localhost/',
  choice: { how: 'forced', backend: 'webgl' },
  testOps: false,
};
/** Lets pending promise callbacks run. */
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('the engine client routes every event by its request id', () => {
  it('sends one envelope per request, with a fresh id and the op', () => {
    const { client, worker } = setup();
    client.request({ kind: 'certify-set', ...set(1) });
    client.test<'memory'>({ kind: 'memory' });
    expect(worker.sent.map((m) => [m.type, m.id, 'op' in m ? m.op.kind : null])).toEqual([
      ['request', 1, 'certify-set'],
      ['test', 2, 'memory'],
    ]);
  });

  it('asks the page for its WebGL only where WebGL may be started or timed (the probe blocks the page)', () => {
    let probes = 0;
    const worker = new FakeWorker();
    const client = new EngineClient({
      onBackend: () => undefined,
      worker: () => worker,
      mainThread: fakeMainThread().load,
      pageHasWebgl: () => (probes++, false),
    });
    vi.stubGlobal('document', { baseURI: 'http://localhost/' });
    const unavailableOf = (k: number) =>
      (worker.sent[k] as Extract<ToEngine, { type: 'request' }>).op as InitOp;
    client.init({ how: 'forced', backend: 'wasm' });
    client.init({ how: 'remembered', backend: 'cpu', timings: {}, family: 'cnn' });
    expect(probes).toBe(0);
    expect(unavailableOf(0).unavailable).toEqual([]);
    client.init({ how: 'measure', modelId: 'cnn-0.25' });
    client.init({ how: 'forced', backend: 'webgl' });
    expect(probes).toBe(2);
    expect(unavailableOf(3).unavailable).toEqual([
      { backend: 'webgl', reason: 'this browser gives the page no WebGL context' },
    ]);
    vi.unstubAllGlobals();
  });

  it('delivers out-of-order replies to the request each names', async () => {
    const { client, worker } = setup();
    const a = client.request({ kind: 'certify-set', ...set(2) });
    const b = client.request({ kind: 'certify-set', ...set(1) });
    const rowsA: number[] = [];
    const rowsB: number[] = [];
    a.events((r) => rowsA.push(r.index));
    b.events((r) => rowsB.push(r.index + 100));
    worker.reply({ type: 'progress', id: 2, data: row(0) });
    worker.reply({ type: 'result', id: 2, data: { rows: 1 } });
    worker.reply({ type: 'progress', id: 1, data: row(0) });
    worker.reply({ type: 'progress', id: 1, data: row(1) });
    worker.reply({ type: 'result', id: 1, data: { rows: 2 } });
    await expect(b.result).resolves.toEqual({ rows: 1 });
    await expect(a.result).resolves.toEqual({ rows: 2 });
    expect(rowsA).toEqual([0, 1]);
    expect(rowsB).toEqual([100]);
  });

  it('replays progress that came before the first subscriber', () => {
    const { client, worker } = setup();
    const a = client.request({ kind: 'certify-set', ...set(2) });
    worker.reply({ type: 'progress', id: 1, data: row(0) });
    const seen: number[] = [];
    a.events((r) => seen.push(r.index));
    worker.reply({ type: 'progress', id: 1, data: row(1) });
    expect(seen).toEqual([0, 1]);
  });

  it('cancel tells the engine, rejects the result with an AbortError and drops what comes after', async () => {
    const { client, worker } = setup();
    const a = client.request({ kind: 'certify-set', ...set(3) });
    const seen: number[] = [];
    a.events((r) => seen.push(r.index));
    worker.reply({ type: 'progress', id: 1, data: row(0) });
    a.cancel();
    expect(worker.sent.at(-1)).toEqual({ type: 'cancel', id: 1 });
    worker.reply({ type: 'progress', id: 1, data: row(1) }); // already on its way
    worker.reply({ type: 'result', id: 1, data: { rows: 3 } });
    await expect(a.result).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual([0]);
    a.cancel(); // twice: nothing more is sent
    expect(worker.sent.filter((m) => m.type === 'cancel')).toHaveLength(1);
  });

  it('a newer certify makes the older one stale: its late events never reach anyone', async () => {
    const { client, worker } = setup();
    const old = client.request(certifyOp);
    const oldCounts: number[][] = [];
    old.events((p) => oldCounts.push(p.counts));
    const now = client.request({ ...certifyOp, sigma: 0.5 });
    const nowCounts: number[][] = [];
    now.events((p) => nowCounts.push(p.counts));
    expect(worker.sent.map((m) => [m.type, m.id])).toEqual([
      ['request', 1],
      ['cancel', 1],
      ['request', 2],
    ]);
    // The old request's answers arrive after the new one was sent, and out of order with it.
    worker.reply({ type: 'progress', id: 2, data: { stream: 'selection', counts: [2], done: 2 } });
    worker.reply({ type: 'progress', id: 1, data: { stream: 'selection', counts: [1], done: 1 } });
    worker.reply({ type: 'result', id: 1, data: { ...answer, prediction: 1 } });
    worker.reply({ type: 'result', id: 2, data: answer });
    await expect(old.result).rejects.toMatchObject({ name: 'AbortError' });
    await expect(now.result).resolves.toEqual(answer);
    expect(oldCounts).toEqual([]);
    expect(nowCounts).toEqual([[2]]);
    // An id that was never sent, and one already answered, are ignored.
    worker.reply({ type: 'result', id: 99, data: answer });
    worker.reply({ type: 'error', id: 2, message: 'late' });
    await expect(now.result).resolves.toEqual(answer);
  });

  it('sets run side by side: a newer set does not cancel an older one', () => {
    const { client, worker } = setup();
    client.request({ kind: 'certify-set', ...set(1) });
    client.request({ kind: 'certify-set', ...set(1) });
    expect(worker.sent.filter((m) => m.type === 'cancel')).toEqual([]);
  });

  it("a worker error rejects that request only, with the engine's message", async () => {
    const { client, worker, backend } = setup();
    const a = client.request({ kind: 'certify-set', ...set(1) });
    const b = client.request({ kind: 'certify-set', ...set(1) });
    worker.reply({ type: 'error', id: 1, message: 'unknown model "x"' });
    worker.reply({ type: 'result', id: 2, data: { rows: 1 } });
    await expect(a.result).rejects.toThrow('unknown model "x"');
    await expect(b.result).resolves.toEqual({ rows: 1 });
    expect(backend).toEqual([]);
  });

  it('backend changes reach onBackend: answers to backend ops and moves the engine made itself', async () => {
    const { client, worker, backend } = setup();
    const init = client.request(initOp);
    init.cancel(); // a backend change cannot be taken back
    worker.reply({ type: 'result', id: 1, data: report() });
    await expect(init.result).resolves.toEqual(report());
    const move = client.request({ kind: 'use-backend', backend: 'webgl' });
    worker.reply({ type: 'error', id: 2, message: 'No TF.js backend could start' });
    await expect(move.result).rejects.toThrow('No TF.js backend could start');
    worker.reply({ type: 'backend', state: { status: 'ready', report: report({ how: 'fallback' }) } });
    expect(backend).toEqual([
      { status: 'ready', report: report() },
      { status: 'failed', message: 'No TF.js backend could start' },
      { status: 'ready', report: report({ how: 'fallback' }) },
    ]);
    expect(worker.sent.filter((m) => m.type === 'cancel')).toEqual([]);
  });
});

describe('the main-thread fallback', () => {
  it('a worker whose script fails to load is replaced by the engine on this thread; what is open is sent again', async () => {
    const { client, worker, main } = setup();
    const init = client.request(initOp);
    const dropped = client.request({ kind: 'certify-set', ...set(1) });
    dropped.cancel();
    const a = client.request({ kind: 'certify-set', ...set(2) });
    expect(client.mode).toBe('worker');
    worker.failToLoad();
    expect(worker.terminated).toBe(true);
    expect(client.mode).toBe('main-thread');
    expect(engineNotice.get()).toContain("The engine's worker script could not be loaded");
    const later = client.request({ kind: 'certify-set', ...set(1) });
    await settle();
    expect(main.handled.map((m) => [m.type, m.id])).toEqual([
      ['request', 1],
      ['request', 3],
      ['request', 4],
    ]);
    const seen: number[] = [];
    a.events((r) => seen.push(r.index));
    main.post({ type: 'result', id: 1, data: report() });
    main.post({ type: 'progress', id: 3, data: row(1) });
    main.post({ type: 'result', id: 3, data: { rows: 2 } });
    main.post({ type: 'result', id: 4, data: { rows: 1 } });
    await expect(init.result).resolves.toEqual(report());
    await expect(a.result).resolves.toEqual({ rows: 2 });
    await expect(later.result).resolves.toEqual({ rows: 1 });
    expect(seen).toEqual([1]);
    engineNotice.set(null);
  });

  it('a worker without WebGL on a page with WebGL: the engine moves to this thread and starts again', async () => {
    const { client, worker, backend, main } = setup({ hasWebgl: true });
    const init = client.request(initOp);
    const lacking = report({ preferred: 'webgl', failures: [{ backend: 'webgl', reason: 'no context' }] });
    worker.reply({ type: 'result', id: 1, data: lacking });
    expect(worker.terminated).toBe(true);
    expect(client.mode).toBe('main-thread');
    await settle();
    expect(main.handled).toEqual([{ type: 'request', id: 1, op: initOp }]);
    expect(backend).toEqual([]); // the worker's report is not the page's
    main.post({ type: 'result', id: 1, data: report({ backend: 'webgl', preferred: 'webgl' }) });
    await expect(init.result).resolves.toMatchObject({ backend: 'webgl' });
    expect(backend).toEqual([{ status: 'ready', report: report({ backend: 'webgl', preferred: 'webgl' }) }]);
  });

  it("if the engine's code cannot load either, every open request fails and onBackend says why", async () => {
    const { client, worker, backend } = setup({
      mainThread: () => Promise.reject(new Error('network error')),
    });
    const a = client.request({ kind: 'certify-set', ...set(1) });
    worker.failToLoad();
    await expect(a.result).rejects.toThrow("the engine's code could not be loaded (network error)");
    await expect(client.request({ kind: 'certify-set', ...set(1) }).result).rejects.toThrow('network error');
    expect(backend).toMatchObject([{ status: 'failed' }]);
    engineNotice.set(null);
  });

  it('where no worker can be made, the engine runs on this thread from the start', async () => {
    const main = fakeMainThread();
    const client = new EngineClient({
      onBackend: () => undefined,
      worker: () => {
        throw new Error('Worker is not defined');
      },
      mainThread: main.load,
    });
    expect(client.mode).toBe('main-thread');
    const a = client.request({ kind: 'certify-set', ...set(1) });
    await settle();
    main.post({ type: 'result', id: 1, data: { rows: 1 } });
    await expect(a.result).resolves.toEqual({ rows: 1 });
  });
});

describe('models trained in this browser reach the engine by bytes', () => {
  const bytes = { architecture: 'mlp', modelJson: '{"m":1}', weights: new ArrayBuffer(8) };
  function withGiven(hasWebgl = false) {
    const worker = new FakeWorker();
    const main = fakeMainThread();
    const client = new EngineClient({
      onBackend: () => undefined,
      worker: () => worker,
      mainThread: main.load,
      pageHasWebgl: () => hasWebgl,
      givenModel: (id) => (id === 'user:a-0001' ? bytes : undefined),
    });
    return { client, worker, main };
  }
  const ops = (sent: ToEngine[]) => sent.map((m) => (m.type === 'cancel' ? 'cancel' : m.op.kind));

  it('sends load-model once, before the first request that names the model; shipped ids send nothing', () => {
    const { client, worker } = withGiven();
    client.request({ ...certifyOp, modelId: 'user:a-0001' });
    client.request({ kind: 'certify-set', ...set(1), modelId: 'user:a-0001' });
    client.request({ ...certifyOp });
    expect(ops(worker.sent)).toEqual(['load-model', 'certify', 'certify-set', 'cancel', 'certify']);
    const load = worker.sent[0] as Extract<ToEngine, { type: 'request' }>;
    expect(load.op).toEqual({ kind: 'load-model', modelId: 'user:a-0001', ...bytes });
  });

  it('unloads a deleted model, and gives it again if it comes back', () => {
    const { client, worker } = withGiven();
    client.forgetModel('user:a-0001'); // never given: nothing to say
    expect(worker.sent).toEqual([]);
    client.request({ ...certifyOp, modelId: 'user:a-0001' });
    client.forgetModel('user:a-0001');
    client.request({ kind: 'certify-set', ...set(1), modelId: 'user:a-0001' });
    expect(ops(worker.sent)).toEqual(['load-model', 'certify', 'unload-model', 'load-model', 'certify-set']);
  });

  it('gives the models again to an engine on the main thread, before what is open', async () => {
    const { client, worker, main } = withGiven(true);
    client.request(initOp);
    const run = client.request({ ...certifyOp, modelId: 'user:a-0001' });
    worker.reply({ type: 'result', id: 2, data: null }); // load-model answered: no longer open
    // The worker has no WebGL where the page has: the engine moves to the main thread.
    worker.reply({
      type: 'result',
      id: 1,
      data: report({ failures: [{ backend: 'webgl', reason: 'no context' }] }),
    });
    await settle();
    expect(ops(main.handled)).toEqual(['load-model', 'init', 'certify']);
    run.cancel();
  });
});
