import { describe, expect, it } from 'vitest';
import { create } from 'zustand';
import { certifiedRadius, clopperPearsonLower } from '../../smoothing';
import { deriveCertificate, describeRunValues } from '../certificateView';
import { createLabSlice, currentRunKey, isRunStale, type LabSlice } from '../labSlice';

const timing = { seconds: 1, firstUpdateSeconds: 0.1, samplesPerSecond: 1000, batchSize: 100 };

function lab() {
  return create<LabSlice>()((...a) => createLabSlice(...a));
}

/** A finished run: 90 of 100 estimation votes for class 3. */
function finish(store: ReturnType<typeof lab>) {
  const s = store.getState();
  const { n, alpha, sigma } = s.params;
  const est = new Array<number>(10).fill(0);
  est[3] = Math.round(0.9 * n);
  est[5] = n - est[3];
  const sel = new Array<number>(10).fill(0);
  sel[3] = s.params.n0;
  const pLower = clopperPearsonLower(est[3], n, alpha);
  s.runFinished({
    prediction: pLower > 0.5 ? 3 : -1,
    radius: certifiedRadius(sigma, pLower),
    pLower,
    timing,
    selectionCounts: sel,
    estimationCounts: est,
  });
}

describe('the snapshot rule: a run keeps the parameters its counts were made with', () => {
  it('a slider moved while paused leaves the numbers on the run’s own sigma and marks them stale', () => {
    const store = lab();
    store.getState().runStarted();
    finish(store);
    const before = deriveCertificate(store.getState());
    expect(before.stale).toBe(false);
    store.getState().setPlaying(false);
    store.getState().setParam('sigma', 0.35);
    const after = deriveCertificate(store.getState());
    expect(after.stale).toBe(true);
    expect(after.changed).toEqual(['sigma']);
    expect(after.params.sigma).toBe(0.25);
    expect(after.radius).toBe(before.radius);
    expect(after.rMax).toBe(before.rMax);
    expect(describeRunValues(after.params, ['sigma'])).toBe('σ = 0.25');
  });

  it('a finished run whose n changed meanwhile (another view) keeps its own n, and nothing throws', () => {
    const store = lab();
    store.getState().setParam('n', 20_000);
    store.getState().setParam('n0', 20);
    store.getState().runStarted();
    store.getState().setParam('n', 10); // the trade-off view's slider, while the lab's run goes on
    const s = store.getState();
    const est = new Array<number>(10).fill(0);
    est[7] = 20_000;
    const sel = new Array<number>(10).fill(0);
    sel[7] = 20;
    const pLower = clopperPearsonLower(20_000, 20_000, 0.001);
    s.runFinished({
      prediction: 7,
      radius: certifiedRadius(0.25, pLower),
      pLower,
      timing,
      selectionCounts: sel,
      estimationCounts: est,
    });
    const st = store.getState();
    expect(st.estimationDone).toBe(20_000);
    expect(st.selectionDone).toBe(20);
    const v = deriveCertificate(st);
    expect(v.params.n).toBe(20_000);
    expect(v.m).toBe(20_000);
    expect(v.stale).toBe(true);
    expect(v.changed).toEqual(['n']);
  });

  it('pausing mid-run keeps the partial counts, marked paused, and never calls them done', () => {
    const store = lab();
    store.getState().runStarted();
    const c = new Array<number>(10).fill(0);
    c[1] = 40;
    store.getState().runProgress(
      'selection',
      [...c].fill(0).map((_, k) => (k === 1 ? 100 : 0)),
      100,
    );
    store.getState().runProgress('estimation', c, 40);
    store.getState().runCancelled();
    expect(store.getState().status).toBe('paused');
    // A late progress message of the cancelled run changes nothing.
    store.getState().runProgress(
      'estimation',
      c.map((x) => x * 2),
      80,
    );
    const v = deriveCertificate(store.getState());
    expect(v.m).toBe(40);
    expect(v.final).toBe(false);
    expect(v.stale).toBe(false);
  });

  it('ABSTAIN has no radius (null), never a radius of zero', () => {
    const store = lab();
    store.getState().setParam('n', 100);
    store.getState().runStarted();
    const s = store.getState();
    const est = new Array<number>(10).fill(0);
    est[2] = 40;
    est[4] = 60;
    const sel = new Array<number>(10).fill(0);
    sel[2] = 100;
    const pLower = clopperPearsonLower(40, 100, 0.001);
    s.runFinished({ prediction: -1, radius: 0, pLower, timing, selectionCounts: sel, estimationCounts: est });
    const v = deriveCertificate(store.getState());
    expect(v.abstain).toBe(true);
    expect(v.radius).toBeNull();
    expect(v.candidate).toBe(2);
  });

  it('the model, the drawn input and every parameter are part of the snapshot', () => {
    const store = lab();
    store.getState().runStarted();
    finish(store);
    expect(isRunStale(store.getState())).toBe(false);
    store.getState().setModel('mlp-0.25');
    expect(deriveCertificate(store.getState()).changed).toEqual(['model']);
    store.getState().setModel('cnn-0.25');
    store.getState().setDrawn(new Float32Array(784));
    expect(deriveCertificate(store.getState()).changed).toEqual(['input']);
    store.getState().setDrawn(null);
    for (const [k, v] of [
      ['n0', 50],
      ['alpha', 0.01],
      ['seed', 3],
      ['digit', 4],
    ] as const) {
      const old = store.getState().params[k];
      store.getState().setParam(k, v);
      expect(deriveCertificate(store.getState()).changed).toEqual([k]);
      store.getState().setParam(k, old);
    }
    expect(isRunStale(store.getState())).toBe(false);
  });

  it('a new run replaces the snapshot and is never stale while it runs', () => {
    const store = lab();
    store.getState().runStarted();
    finish(store);
    store.getState().setParam('sigma', 0.5);
    store.getState().runStarted(currentRunKey(store.getState()));
    const v = deriveCertificate(store.getState());
    expect(v.stale).toBe(false);
    expect(v.params.sigma).toBe(0.5);
    expect(v.ready).toBe(false);
  });
});
