import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { RunStatus } from '../labSlice';
import { whenLabQuiet } from '../labQuiet';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** A promise's state after the timers so far. */
async function settled(p: Promise<void>) {
  let done = false;
  void p.then(() => (done = true));
  await vi.advanceTimersByTimeAsync(0);
  return done;
}

/** A lab store at `status`, and whenLabQuiet on it (5 s quiet, 60 s at most unless given). */
function quietFrom(status: RunStatus, quietMs = 5000) {
  const store = createStore<{ status: RunStatus }>(() => ({ status }));
  return { store, p: whenLabQuiet(store, quietMs, 60_000) };
}

describe('whenLabQuiet: background work waits for a pause in the runs', () => {
  it('resolves after quietMs without a run, and every run restarts the count', async () => {
    const { store, p } = quietFrom('done');
    await vi.advanceTimersByTimeAsync(4000);
    store.setState({ status: 'running' }); // the student drags a slider
    await vi.advanceTimersByTimeAsync(10_000); // a long run: no background work meanwhile
    expect(await settled(p)).toBe(false);
    store.setState({ status: 'done' });
    await vi.advanceTimersByTimeAsync(4999);
    expect(await settled(p)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settled(p)).toBe(true);
  });

  it('waits while a run is in progress when called, then the quiet time', async () => {
    const { store, p } = quietFrom('running');
    await vi.advanceTimersByTimeAsync(20_000);
    expect(await settled(p)).toBe(false);
    store.setState({ status: 'stopped' });
    await vi.advanceTimersByTimeAsync(5000);
    expect(await settled(p)).toBe(true);
  });

  it('a lab that keeps running still gets its background work after atMostMs', async () => {
    const { p } = quietFrom('running');
    await vi.advanceTimersByTimeAsync(59_999);
    expect(await settled(p)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settled(p)).toBe(true);
  });

  it('stops listening once resolved', async () => {
    const { p } = quietFrom('idle', 100);
    await vi.advanceTimersByTimeAsync(100);
    expect(await settled(p)).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });
});
