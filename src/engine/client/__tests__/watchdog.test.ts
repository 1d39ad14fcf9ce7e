import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CERTIFY_OP, FakeWorker } from '../../__tests__/fakeWorker';
import type {
  BackendReport,
  BackendState,
  CertifyOp,
  CertifyProgress,
  InitOp,
  ToEngine,
} from '../../protocol';
import { EngineClient, engineNotice } from '../client';
import { CHECK_EVERY_MS, DEAD_AFTER_MS, DEAD_BEFORE_FIRST_COUNTS_MS, Watchdog } from '../watchdog';

const initOp: InitOp = {
  kind: 'init',
  order: ['webgl', 'wasm', 'cpu'],
  unavailable: [],
  baseUrl: 'http://localhost/',
  choice: { how: 'remembered', backend: 'webgl', timings: { webgl: 9000, wasm: 4000 }, family: 'cnn' },
  testOps: true,
};
const certifyOp: CertifyOp = { ...CERTIFY_OP, seed: 3 };
const report = (backend: BackendReport['backend'], how: BackendReport['how'] = 'forced'): BackendReport => ({
  backend,
  preferred: backend,
  failures: [],
  how,
});
const votes = (seven: number, two: number) => [0, 0, two, 0, 0, 0, 0, seven, 0, 0];
const selection: CertifyProgress = { stream: 'selection', counts: votes(9, 1), done: 10 };
const estimation = (done: number): CertifyProgress => ({
  stream: 'estimation',
  counts: votes(done - Math.floor(done / 10), Math.floor(done / 10)),
  done,
});

/** A client whose first worker has started on WebGL; each fresh worker after a death is kept in `workers`. */
function started() {
  const workers = [new FakeWorker()];
  const backend: BackendState[] = [];
  const client = new EngineClient({
    onBackend: (s) => backend.push(s),
    worker: () => workers[0]!,
    restartWorker: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    },
    mainThread: () => Promise.reject(new Error('no main thread in this test')),
    pageHasWebgl: () => true,
  });
  client.request(initOp);
  workers[0]!.reply({
    type: 'result',
    id: 1,
    data: {
      ...report('webgl', 'remembered'),
      timings: initOp.choice.how === 'remembered' ? initOp.choice.timings : {},
    },
  });
  return { client, workers, backend, last: () => workers[workers.length - 1]! };
}

const sent = (w: FakeWorker, kind: string) =>
  w.sent.find(
    (m): m is Extract<ToEngine, { type: 'request' }> => m.type === 'request' && m.op.kind === kind,
  )!;

beforeEach(() => {
  vi.useFakeTimers();
  engineNotice.set(null);
});
afterEach(() => {
  vi.useRealTimers();
  engineNotice.set(null);
});

describe('the watchdog: a worker that dies mid-run', () => {
  it('is noticed within 5 s; a fresh engine on the same backend carries the run on from its counts, same id, same listeners', async () => {
    const { client, workers, backend } = started();
    const run = client.request(certifyOp);
    const seen: number[] = [];
    run.events((p) => seen.push(p.done));
    workers[0]!.reply({ type: 'progress', id: 2, data: selection });
    workers[0]!.reply({ type: 'progress', id: 2, data: estimation(40) });
    vi.advanceTimersByTime(DEAD_AFTER_MS - CHECK_EVERY_MS);
    expect(workers).toHaveLength(1); // not yet
    vi.advanceTimersByTime(2 * CHECK_EVERY_MS);
    expect(workers).toHaveLength(2);
    expect(workers[0]!.terminated).toBe(true);
    const fresh = workers[1]!;
    expect(fresh.ops()).toEqual(['init', 'certify']);
    const init = sent(fresh, 'init').op as InitOp;
    expect(init.choice).toEqual({ how: 'forced', backend: 'webgl' });
    const carried = sent(fresh, 'certify');
    expect(carried.id).toBe(2);
    expect((carried.op as CertifyOp).resume).toEqual({
      selectionCounts: selection.counts,
      estimation: { counts: estimation(40).counts, done: 40 },
    });
    expect(engineNotice.message).toMatch(
      /stopped answering.*started on webgl: the run carried on from 40 of 100 samples/,
    );
    // The fresh engine's init is shown as the backend was (remembered, with its timings), not as "forced".
    fresh.reply({ type: 'result', id: sent(fresh, 'init').id, data: report('webgl', 'forced') });
    const shown = backend.at(-1);
    expect(shown).toEqual(backend[0]);
    fresh.reply({ type: 'progress', id: 2, data: estimation(100) });
    const answer = {
      prediction: 7,
      radius: 0.3,
      pLower: 0.8,
      selectionCounts: selection.counts,
      estimationCounts: estimation(100).counts,
    };
    fresh.reply({
      type: 'result',
      id: 2,
      data: { ...answer, timing: { seconds: 1, firstUpdateSeconds: 0, samplesPerSecond: 1, batchSize: 8 } },
    });
    await expect(run.result).resolves.toMatchObject(answer);
    expect(seen).toEqual([10, 40, 100]);
  });

  it('a heartbeat keeps a long run alive; silence while nothing runs is never a death', () => {
    const { client, workers } = started();
    vi.advanceTimersByTime(60_000); // idle and silent
    expect(workers).toHaveLength(1);
    client.request(certifyOp);
    workers[0]!.reply({ type: 'progress', id: 2, data: selection });
    for (let t = 0; t < 30_000; t += 500) {
      workers[0]!.reply({ type: 'alive' });
      vi.advanceTimersByTime(500);
    }
    expect(workers).toHaveLength(1);
    expect(engineNotice.message).toBeNull();
  });

  it("before a model's first counts it allows the long silence of building it, then no more", () => {
    const { client, workers } = started();
    client.request(certifyOp);
    vi.advanceTimersByTime(DEAD_BEFORE_FIRST_COUNTS_MS - CHECK_EVERY_MS);
    expect(workers).toHaveLength(1);
    vi.advanceTimersByTime(2 * CHECK_EVERY_MS);
    expect(workers).toHaveLength(2);
    // Its selection had not finished: it starts again, and says so.
    expect((sent(workers[1]!, 'certify').op as CertifyOp).resume).toBeUndefined();
    expect(engineNotice.message).toMatch(/the run started again from its first sample/);
  });

  it('an announced long step (WebGL compiling a new batch shape) is allowed the long silence until the engine is next heard', () => {
    const { client, workers } = started();
    client.request(certifyOp);
    workers[0]!.reply({ type: 'progress', id: 2, data: selection }); // warm: the short limit applies
    workers[0]!.reply({ type: 'alive', slow: "compiling the model's WebGL programs for batches of 250" });
    vi.advanceTimersByTime(DEAD_BEFORE_FIRST_COUNTS_MS - CHECK_EVERY_MS);
    expect(workers).toHaveLength(1);
    expect(engineNotice.message).toBeNull();
    // Heard again: the step is over, and the short limit is back.
    workers[0]!.reply({ type: 'progress', id: 2, data: estimation(40) });
    vi.advanceTimersByTime(DEAD_AFTER_MS - CHECK_EVERY_MS);
    expect(workers).toHaveLength(1);
    vi.advanceTimersByTime(2 * CHECK_EVERY_MS);
    expect(workers).toHaveLength(2);
    expect(engineNotice.message).toMatch(/carried on from 40 of 100/);
  });

  it('a plain heartbeat ends an announced step too, and an announced step still has a limit', () => {
    const { client, workers } = started();
    client.request(certifyOp);
    workers[0]!.reply({ type: 'progress', id: 2, data: selection });
    workers[0]!.reply({ type: 'alive', slow: 'compiling' });
    workers[0]!.reply({ type: 'alive' });
    vi.advanceTimersByTime(DEAD_AFTER_MS + CHECK_EVERY_MS);
    expect(workers).toHaveLength(2);
    // On the fresh engine, a step announced and never finished is a death after the long limit.
    const fresh = workers[1]!;
    fresh.reply({ type: 'result', id: sent(fresh, 'init').id, data: report('webgl') });
    fresh.reply({ type: 'progress', id: 2, data: estimation(50) });
    fresh.reply({ type: 'alive', slow: 'compiling' });
    vi.advanceTimersByTime(DEAD_BEFORE_FIRST_COUNTS_MS + CHECK_EVERY_MS);
    expect(workers).toHaveLength(3);
  });

  it('a second death moves to the next backend and says so; the backend is shown as a fallback', () => {
    const { client, last, backend } = started();
    client.request(certifyOp);
    last().reply({ type: 'progress', id: 2, data: selection });
    vi.advanceTimersByTime(DEAD_AFTER_MS + CHECK_EVERY_MS);
    let init = sent(last(), 'init');
    last().reply({ type: 'result', id: init.id, data: report('webgl') });
    last().reply({ type: 'progress', id: 2, data: estimation(70) });
    vi.advanceTimersByTime(DEAD_AFTER_MS + CHECK_EVERY_MS);
    init = sent(last(), 'init');
    expect((init.op as InitOp).choice).toEqual({ how: 'forced', backend: 'wasm' });
    expect((sent(last(), 'certify').op as CertifyOp).resume?.estimation?.done).toBe(70);
    expect(engineNotice.message).toMatch(
      /stopped answering again.*started on wasm instead: the run carried on from 70 of 100/,
    );
    last().reply({ type: 'result', id: init.id, data: report('wasm') });
    const shown = backend.at(-1);
    expect(shown).toMatchObject({
      status: 'ready',
      report: {
        backend: 'wasm',
        preferred: 'webgl',
        how: 'fallback',
        failures: [{ backend: 'webgl', reason: 'its engine stopped answering twice' }],
      },
    });
  });

  it('a certify-set carries on from its next input; an open test op fails (it asked the engine that died)', async () => {
    const { client, last } = started();
    const set = client.request({
      kind: 'certify-set',
      modelId: 'cnn-0.25',
      xs: new Float32Array(784 * 5),
      seeds: [0, 1, 2, 3, 4],
      sigma: 0.25,
      n0: 10,
      n: 100,
      alpha: 0.001,
    });
    const hang = client.test<'hang'>({ kind: 'hang', how: 'loop' });
    for (const index of [0, 1])
      last().reply({
        type: 'progress',
        id: 2,
        data: { index, prediction: 1, radius: 0.1, pLower: 0.7, seconds: 0.1 },
      });
    vi.advanceTimersByTime(DEAD_AFTER_MS + CHECK_EVERY_MS);
    await expect(hang.result).rejects.toThrow(/stopped answering/);
    expect(last().ops()).toEqual(['init', 'certify-set']);
    expect(sent(last(), 'certify-set').op).toMatchObject({ from: 2 });
    expect(engineNotice.message).toMatch(/the batch carried on from input 3 of 5/);
    set.cancel();
  });
});

describe('a message from the engine that cannot be read (messageerror)', () => {
  it('replaces the engine at once; the run carries on from its counts and is answered once', async () => {
    const { client, workers } = started();
    const run = client.request(certifyOp);
    const seen: number[] = [];
    run.events((p) => seen.push(p.done));
    workers[0]!.reply({ type: 'progress', id: 2, data: selection });
    workers[0]!.reply({ type: 'progress', id: 2, data: estimation(40) });
    // Which request the lost message answered is unknown: it may have been this run's result.
    workers[0]!.garble();
    expect(workers).toHaveLength(2); // no silence is waited for
    expect(workers[0]!.terminated).toBe(true);
    const fresh = workers[1]!;
    expect(fresh.ops()).toEqual(['init', 'certify']);
    expect((sent(fresh, 'certify').op as CertifyOp).resume).toEqual({
      selectionCounts: selection.counts,
      estimation: { counts: estimation(40).counts, done: 40 },
    });
    expect(engineNotice.message).toMatch(
      /^The engine sent a message the page could not read, so a fresh one was started on webgl: the run carried on from 40 of 100 samples/,
    );
    workers[0]!.garble(); // the old worker is gone: nothing more happens
    expect(workers).toHaveLength(2);
    const estimationCounts = estimation(100).counts;
    const timing = { seconds: 1, firstUpdateSeconds: 0, samplesPerSecond: 1, batchSize: 8 };
    const answer = {
      prediction: 7,
      radius: 0.3,
      pLower: 0.8,
      selectionCounts: selection.counts,
      estimationCounts,
    };
    fresh.reply({ type: 'result', id: 2, data: { ...answer, timing } });
    await expect(run.result).resolves.toMatchObject(answer);
    expect(seen).toEqual([10, 40]);
  });
});

describe('Watchdog', () => {
  it('does not blame the engine for a page that slept (a late check gives it a fresh window)', () => {
    let now = 0;
    const dead = vi.fn();
    const w = new Watchdog(
      () => DEAD_AFTER_MS,
      dead,
      () => now,
    );
    w.check();
    now = 60_000; // the tab was frozen for a minute
    w.check();
    expect(dead).not.toHaveBeenCalled();
    for (let k = 0; k < 8; k++) {
      now += CHECK_EVERY_MS;
      w.check();
    }
    expect(dead).not.toHaveBeenCalled(); // 4 s of silence
    now += 2 * CHECK_EVERY_MS;
    w.check();
    expect(dead).toHaveBeenCalledTimes(1);
  });
});
