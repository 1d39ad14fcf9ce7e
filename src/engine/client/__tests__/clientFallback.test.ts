/** The engine client where a worker fails (the main-thread fallback) and the models it gives by bytes. */
import { describe, expect, it } from 'vitest';
import { FakeWorker } from '../../__tests__/fakeWorker';
import type { ToEngine } from '../../protocol';
import { EngineClient, engineNotice } from '../client';
import { certifyOp, fakeMainThread, initOp, report, row, set, settle, setup } from './clientSetup';

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
