import { describe, expect, it } from 'vitest';
import { create } from 'zustand';
import { deriveCertificate } from '../certificateView';
import {
  createLabSlice,
  currentRunKey,
  isRunStale,
  sameRunKey,
  type LabSlice,
  type StopSettings,
} from '../labSlice';

const timing = { seconds: 1, firstUpdateSeconds: 0.1, samplesPerSecond: 1000, batchSize: 100 };

/** A lab slice with stop mode's settings beside it, as the app's store has them. */
function lab(stop: Required<StopSettings>) {
  return create<LabSlice & StopSettings>()((...a) => ({ ...createLabSlice(...a), ...stop }));
}

/** Ends the run in stop mode after `samples` estimation votes, `hits` of them for class 3. */
function finishStop(
  store: ReturnType<typeof lab>,
  samples: number,
  hits: number,
  why: 'reached' | 'unreachable' | 'ran-out',
) {
  const s = store.getState();
  const est = new Array<number>(10).fill(0);
  est[3] = hits;
  est[5] = samples - hits;
  const sel = new Array<number>(10).fill(0);
  sel[3] = s.params.n0;
  s.runFinished({
    prediction: 3,
    radius: 0.1,
    pLower: 0.7,
    timing,
    selectionCounts: sel,
    estimationCounts: est,
    stop: { target: 0.5, reached: why === 'reached', samples, unreachable: why === 'unreachable' },
  });
}

describe('stop mode with the futility stop: the run key and the decision', () => {
  it('the futility option is part of the run key, only in stop mode', () => {
    const on = { stopAtRadius: true, stopRadius: 0.5, stopWhenUnreachable: true };
    const base = { params: lab(on).getState().params, modelId: 'm', drawn: null };
    const a = currentRunKey({ ...base, ...on });
    const b = currentRunKey({ ...base, ...on, stopWhenUnreachable: false });
    expect(a.stopUnreachable).toBe(true);
    expect(sameRunKey(a, b)).toBe(false);
    // Without stop mode the option changes nothing.
    const offA = currentRunKey({ ...base, ...on, stopAtRadius: false });
    const offB = currentRunKey({ ...base, ...on, stopAtRadius: false, stopWhenUnreachable: false });
    expect(sameRunKey(offA, offB)).toBe(true);
  });

  it('a futility stop is a stopped run whose decision is unreachable; toggling the option marks it stale', () => {
    const store = lab({ stopAtRadius: true, stopRadius: 0.5, stopWhenUnreachable: true });
    store.getState().runStarted();
    finishStop(store, 300, 240, 'unreachable');
    const v = deriveCertificate(store.getState());
    expect(v.status).toBe('stopped');
    expect(v.m).toBe(300);
    expect(v.stopDecision).toBe('unreachable');
    expect(v.claim.unreachable).toBeDefined();
    expect(v.claim.sentence).toContain('cannot be reached');
    store.setState({ stopWhenUnreachable: false });
    expect(isRunStale(store.getState())).toBe(true);
    expect(deriveCertificate(store.getState()).changed).toEqual(['stop']);
  });

  it('a certified stop and a run that used all n report their own decision', () => {
    const store = lab({ stopAtRadius: true, stopRadius: 0.5, stopWhenUnreachable: true });
    store.getState().runStarted();
    finishStop(store, 700, 700, 'reached');
    expect(deriveCertificate(store.getState()).stopDecision).toBe('certified');
    store.getState().runStarted();
    const n = store.getState().params.n;
    finishStop(store, n, Math.round(0.99 * n), 'ran-out');
    const v = deriveCertificate(store.getState());
    expect(v.status).toBe('done');
    expect(v.stopDecision).toBeNull();
    expect(v.claim.sentence).not.toContain('cannot be reached');
  });
});
