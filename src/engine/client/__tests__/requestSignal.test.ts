import { describe, expect, it } from 'vitest';
import { CERTIFY_OP, FakeWorker } from '../../__tests__/fakeWorker';
import type { CertifySetOp } from '../../protocol';
import { EngineClient } from '../client';

function setup() {
  const worker = new FakeWorker();
  const client = new EngineClient({
    onBackend: () => undefined,
    worker: () => worker,
    mainThread: () => Promise.reject(new Error('no main thread in this test')),
    pageHasWebgl: () => false,
  });
  return { client, worker };
}

describe('client.request(op, { signal })', () => {
  it('an abort cancels the request: the engine is told, the result rejects, later events are dropped', async () => {
    const { client, worker } = setup();
    const c = new AbortController();
    const run = client.request(CERTIFY_OP, { signal: c.signal });
    const seen: number[] = [];
    run.events((p) => seen.push(p.done));
    worker.reply({ type: 'progress', id: 1, data: { stream: 'selection', counts: [1], done: 1 } });
    c.abort();
    expect(worker.sent.map((m) => [m.type, m.id])).toEqual([
      ['request', 1],
      ['cancel', 1],
    ]);
    worker.reply({ type: 'progress', id: 1, data: { stream: 'selection', counts: [2], done: 2 } });
    await expect(run.result).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual([1]);
  });

  it('a signal aborted already sends nothing and rejects at once', async () => {
    const { client, worker } = setup();
    const run = client.request(CERTIFY_OP, { signal: AbortSignal.abort() });
    await expect(run.result).rejects.toMatchObject({ name: 'AbortError' });
    expect(worker.sent).toEqual([]);
  });

  it('an abort after the result changes nothing', async () => {
    const { client, worker } = setup();
    const c = new AbortController();
    const op: CertifySetOp = {
      kind: 'certify-set',
      modelId: 'cnn-0.25',
      xs: new Float32Array(784),
      seeds: [1],
      sigma: 0.25,
      n0: 10,
      n: 100,
      alpha: 0.001,
    };
    const run = client.request(op, { signal: c.signal });
    worker.reply({ type: 'result', id: 1, data: { rows: 1 } });
    await expect(run.result).resolves.toEqual({ rows: 1 });
    c.abort();
    expect(worker.sent.filter((m) => m.type === 'cancel')).toEqual([]);
  });
});
