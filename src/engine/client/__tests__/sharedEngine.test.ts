import { describe, expect, it } from 'vitest';
import { CERTIFY_OP, FakeWorker } from '../../__tests__/fakeWorker';
import type { ToSharedEngine } from '../../protocol';
import { EngineClient, engineNotice, type WorkerLike } from '../client';
import { sharedEngineWorker, type SharedWorkerEnv } from '../engineWorkers';

const certify = { ...CERTIFY_OP, modelId: 'mlp-0.25' };

function client(workers: (() => WorkerLike | null)[]) {
  return new EngineClient({
    onBackend: () => undefined,
    workers,
    mainThread: () => Promise.reject(new Error('no main thread in this test')),
    pageHasWebgl: () => false,
  });
}

describe('EngineClient: the shared engine and its fallback', () => {
  it('runs on the shared engine when it starts', () => {
    const shared = new FakeWorker('shared-worker');
    const c = client([() => shared, () => new FakeWorker('worker')]);
    expect(c.mode).toBe('shared-worker');
    c.request(certify);
    expect(shared.sent.map((m) => m.type)).toEqual(['request']);
  });

  it('uses its own worker where SharedWorker is missing (the factory throws)', () => {
    const own = new FakeWorker('worker');
    const c = client([
      () => {
        throw new ReferenceError('SharedWorker is not defined');
      },
      () => own,
    ]);
    expect(c.mode).toBe('worker');
    c.request(certify);
    expect(own.sent).toHaveLength(1);
  });

  it("moves to its own worker, quietly, when the shared one's script fails; what was open is sent again", async () => {
    engineNotice.set(null);
    const shared = new FakeWorker('shared-worker');
    const own = new FakeWorker('worker');
    const c = client([() => shared, () => own]);
    const run = c.request(certify);
    shared.failToLoad();
    expect(shared.terminated).toBe(true);
    expect(c.mode).toBe('worker');
    expect(own.sent).toEqual([shared.sent[0]]);
    expect(engineNotice.get()).toBeNull();
    // Its own worker answers under the same id; a late word from the shared one is ignored.
    const id = own.sent[0]!.id;
    shared.reply({ type: 'error', id, message: 'stale' });
    const data = { prediction: 3 } as never;
    own.reply({ type: 'result', id, data });
    await expect(run.result).resolves.toBe(data);
  });

  it('a cancel still goes to the engine in use after the move', () => {
    const shared = new FakeWorker('shared-worker');
    const own = new FakeWorker('worker');
    const c = client([() => shared, () => own]);
    const run = c.request(certify);
    shared.failToLoad();
    run.cancel();
    expect(own.sent.map((m) => m.type)).toEqual(['request', 'cancel']);
    expect(shared.sent.map((m) => m.type)).toEqual(['request']);
  });
});

/** A SharedWorker and the browser around it, faked. */
function fakeEnv() {
  const posted: ToSharedEngine[] = [];
  let closed = false;
  const leave: (() => void)[] = [];
  let grant!: () => void;
  const port = {
    onmessage: null as ((ev: MessageEvent) => void) | null,
    postMessage: (m: ToSharedEngine) => {
      if (closed) throw new Error('posted on a closed port');
      posted.push(m);
    },
    close: () => (closed = true),
    start: () => undefined,
  };
  const worker = { port: port as unknown as MessagePort, onerror: null as ((ev: ErrorEvent) => void) | null };
  const env: SharedWorkerEnv = {
    connect: () => worker,
    holdLock: () => new Promise<void>((resolve) => (grant = resolve)),
    onLeave: (f) => leave.push(f),
  };
  return {
    env,
    posted,
    port,
    worker,
    isClosed: () => closed,
    leave: () => leave.forEach((f) => f()),
    grant: () => grant(),
  };
}

describe('sharedEngineWorker: the port as a WorkerLike', () => {
  it('says hello with its lock once it holds it, and bye (then closes) when the page goes', async () => {
    const f = fakeEnv();
    const w = sharedEngineWorker(f.env);
    expect(w.kind).toBe('shared-worker');
    w.postMessage({ type: 'cancel', id: 1 });
    expect(f.posted).toEqual([{ type: 'cancel', id: 1 }]);
    f.grant();
    await Promise.resolve();
    await Promise.resolve();
    expect(f.posted[1]).toMatchObject({
      type: 'hello',
      lock: expect.stringMatching(/^smoothing-engine-frame-/),
    });
    f.leave();
    expect(f.posted.at(-1)).toEqual({ type: 'bye' });
    expect(f.isClosed()).toBe(true);
    w.postMessage({ type: 'cancel', id: 2 }); // nothing is sent on a closed port
    expect(f.posted.at(-1)).toEqual({ type: 'bye' });
  });

  it("passes the engine's messages and the script's load error through", () => {
    const f = fakeEnv();
    const w = sharedEngineWorker(f.env);
    const got: unknown[] = [];
    w.onmessage = (ev) => got.push(ev.data);
    w.onerror = () => got.push('error');
    f.port.onmessage?.({ data: { type: 'result', id: 1, data: null } } as MessageEvent);
    f.worker.onerror?.({} as ErrorEvent);
    expect(got).toEqual([{ type: 'result', id: 1, data: null }, 'error']);
  });

  it('throws where SharedWorker cannot be made, so the client moves on', () => {
    expect(() =>
      sharedEngineWorker({
        connect: () => {
          throw new DOMException('denied', 'SecurityError');
        },
        onLeave: () => undefined,
      }),
    ).toThrow('denied');
  });
});
