/**
 * The geometry view's TF.js worker, end to end in Node: the page-side client (workerToyTf) talking
 * to the worker's host (ToyHost) through a fake Worker that clones every message, with TF.js on the
 * cpu backend. The results equal the same calls made directly; cancels stop the work and settle at
 * once; a worker that errors, falls silent or cannot start is reported, and startToyTf then uses
 * the page.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { makeDataset } from '../../../../toy2d/datasets';
import { ToyHost } from '../../../../toy2d/tfHost';
import { TOY_SILENCE_MS, type FromToy, type ToToy } from '../../../../toy2d/tfProtocol';
import { smoothedRegionsTf, trainToyNet } from '../../../../toy2d/tfToy';
import { startToyTf, workerToyTf, type ToyTf, type ToyWorkerLike } from '../toyTf';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

/** A Worker whose other side is a ToyHost on this thread; messages are cloned and delivered later. */
function fakeWorker(start = (): Promise<string> => Promise.resolve('cpu')) {
  const sent: ToToy[] = [];
  let terminated = false;
  const w: ToyWorkerLike & { sent: ToToy[]; terminated: () => boolean; mute: boolean } = {
    sent,
    mute: false,
    terminated: () => terminated,
    onmessage: null,
    onerror: null,
    terminate: () => {
      terminated = true;
    },
    postMessage: (m) => {
      sent.push(m);
      const copy = structuredClone(m);
      setTimeout(() => void host.handle(copy), 0);
    },
  };
  const host = new ToyHost((m: FromToy) => {
    const copy = structuredClone(m);
    setTimeout(() => !terminated && !w.mute && w.onmessage?.({ data: copy } as MessageEvent), 0);
  }, start);
  return w;
}

/** A clock the test moves by hand. */
function manualClock() {
  let t = 0;
  const ticks: (() => void)[] = [];
  return {
    now: () => t,
    every: (f: () => void) => {
      ticks.push(f);
      return () => ticks.splice(ticks.indexOf(f), 1);
    },
    advance(ms: number) {
      t += ms;
      ticks.forEach((f) => f());
    },
  };
}

const data = makeDataset('moons', 200, 3);
const never = new AbortController().signal;

describe('the geometry worker (ToyHost behind workerToyTf)', () => {
  it('trains the same network as a direct call, with progress, and leaks no tensor', async () => {
    const worker = fakeWorker();
    const toy = await workerToyTf(worker, []);
    expect([toy.where, toy.backend]).toEqual(['worker', 'cpu']);
    const seen: number[] = [];
    const r = await toy.train(data, 'mlp', 3, 50, never, (p) => seen.push(p.epochs));
    const direct = await trainToyNet(data, 'mlp', 3, { chunk: 50, pause: () => Promise.resolve() });
    expect(r!.net).toEqual(direct!.net);
    expect(r!.tensorsAfter).toBe(r!.tensorsBefore);
    expect(seen.length).toBeGreaterThan(2);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it('a cancel settles at once with null, and the worker stops at its next chunk', async () => {
    const worker = fakeWorker();
    const toy = await workerToyTf(worker, []);
    const ac = new AbortController();
    const before = tf.memory().numTensors;
    const run = toy.train(data, 'mlp', 3, 5, ac.signal, (p) => {
      if (p.epochs >= 10) ac.abort();
    });
    expect(await run).toBeNull();
    expect(worker.sent.map((m) => m.type)).toContain('cancel');
    // The worker disposes everything once it sees the cancel, at its next chunk (a few ms on a quiet
    // machine; a fixed 50 ms wait failed under load 10).
    await vi.waitFor(() => expect(tf.memory().numTensors).toBe(before), { timeout: 5000, interval: 10 });
  });

  it('the smoothed regions arrive level by level, equal to a direct call; onLevel false stops them', async () => {
    const worker = fakeWorker();
    const toy = await workerToyTf(worker, []);
    const net = (await trainToyNet(data, 'linear', 1, { epochs: 20, pause: () => Promise.resolve() }))!.net;
    const opts = { levels: [4, 8], samples: 16, lo: -3, hi: 3 };
    const got: Float32Array[] = [];
    const done = await toy.regions(net, 0.5, 2, opts, (g) => Promise.resolve(got.push(g) > 0), never);
    const want: Float32Array[] = [];
    await smoothedRegionsTf(net, 0.5, 2, opts, (g) => Promise.resolve(want.push(g.slice()) > 0));
    expect(done).toBe(true);
    expect(got).toEqual(want);
    // Stopped after the first level: resolves false and the worker is told.
    const stopped = await toy.regions(net, 0.5, 2, opts, () => Promise.resolve(false), never);
    expect(stopped).toBe(false);
    expect(worker.sent.at(-1)).toMatchObject({ type: 'cancel' });
  });

  it('a worker error fails the open requests with its message, and says it is gone', async () => {
    const worker = fakeWorker();
    let gone = 0;
    const toy = await workerToyTf(worker, [], undefined, () => gone++);
    const run = toy.train(data, 'mlp', 3, 5, never, () => undefined);
    worker.onerror?.({ message: 'out of memory' } as ErrorEvent);
    await expect(run).rejects.toThrow("the geometry view's worker failed: out of memory");
    expect(worker.terminated()).toBe(true);
    expect(gone).toBe(1);
    await expect(toy.attack(data.points[0] as never, [0, 0], 0, {} as never, never)).rejects.toThrow(
      'failed: out of memory',
    );
  });

  it(`a worker silent for ${TOY_SILENCE_MS / 1000} s with a request open is given up, with a message`, async () => {
    const worker = fakeWorker();
    const clock = manualClock();
    const toy = await workerToyTf(worker, [], clock);
    worker.mute = true; // it hangs: no reply, no heartbeat
    const run = toy.train(data, 'mlp', 3, 5, never, () => undefined);
    clock.advance(TOY_SILENCE_MS - 1);
    clock.advance(2);
    await expect(run).rejects.toThrow(/stopped answering \(silent for 15 s\)/);
  });

  it('silence with nothing open is not a failure', async () => {
    const worker = fakeWorker();
    const clock = manualClock();
    await workerToyTf(worker, [], clock);
    worker.mute = true;
    clock.advance(10 * TOY_SILENCE_MS);
    expect(worker.terminated()).toBe(false);
  });
});

describe('startToyTf: the worker first, the page when it cannot run there', () => {
  const page = (why: string) => Promise.resolve({ where: 'page', why, backend: 'cpu' } as ToyTf);

  it('uses the worker when it starts', async () => {
    const toy = await startToyTf(
      () => fakeWorker(),
      page,
      () => [],
      () => undefined,
    );
    expect(toy.where).toBe('worker');
  });

  it('falls back to the page, saying why, when no worker can be made', async () => {
    const toy = await startToyTf(
      () => {
        throw new Error('Worker is not defined');
      },
      page,
      () => [],
      () => undefined,
    );
    expect(toy).toMatchObject({ where: 'page', why: 'no worker could be made here: Worker is not defined' });
  });

  it('falls back to the page when the worker cannot start a backend, and stops that worker', async () => {
    const worker = fakeWorker(() =>
      Promise.reject(new Error('No TF.js backend could start: webgl: no context')),
    );
    const toy = await startToyTf(
      () => worker,
      page,
      () => [],
      () => undefined,
    );
    expect(toy).toMatchObject({ where: 'page', why: 'No TF.js backend could start: webgl: no context' });
    expect(worker.terminated()).toBe(true);
  });

  it('passes the page’s unavailable backends to the worker', async () => {
    const worker = fakeWorker();
    const unavailable = [{ backend: 'webgl' as const, reason: 'no WebGL context on the page' }];
    await startToyTf(
      () => worker,
      page,
      () => unavailable,
      () => undefined,
    );
    expect(worker.sent[0]).toMatchObject({ type: 'start', unavailable });
  });
});
