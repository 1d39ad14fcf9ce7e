/** The engine client routes every event by its request id: envelopes, replies, cancels, stale runs and errors. */
import { describe, expect, it, vi } from 'vitest';
import { FakeWorker } from '../../__tests__/fakeWorker';
import type { CertifyAnswer, InitOp, ToEngine } from '../../protocol';
import { EngineClient } from '../client';
import { certifyOp, fakeMainThread, initOp, report, row, set, setup } from './clientSetup';

const answer: CertifyAnswer = {
  prediction: 7,
  radius: 0.5,
  pLower: 0.9,
  selectionCounts: [],
  estimationCounts: [],
  timing: { seconds: 1, firstUpdateSeconds: 0.1, samplesPerSecond: 110, batchSize: 8 },
};

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
