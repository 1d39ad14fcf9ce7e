import { describe, expect, it } from 'vitest';
import { create } from 'zustand';
import { createLabSlice, type LabSlice } from '../labSlice';
import { createProgressFrames, type CountsUpdate } from '../progressFrames';

/** A frame scheduler driven by the test: `tick()` runs what was asked for the next frame. */
function frames() {
  let queued: (() => void)[] = [];
  return {
    nextFrame: (cb: () => void) => void queued.push(cb),
    tick() {
      const run = queued;
      queued = [];
      run.forEach((cb) => cb());
    },
  };
}

const counts = (k: number) => Array.from({ length: 10 }, (_, i) => (i === 3 ? k : 0));

function setup() {
  const f = frames();
  const applied: CountsUpdate[] = [];
  let current = 1;
  const p = createProgressFrames({
    apply: (u) => applied.push(u),
    isCurrent: (id) => id === current,
    nextFrame: f.nextFrame,
  });
  return { p, f, applied, setCurrent: (id: number) => (current = id) };
}

describe('progress lands at most once per animation frame', () => {
  it('the first event lands at once; later ones in the same frame land together at the next', () => {
    const { p, f, applied } = setup();
    p.push(1, 'selection', { counts: counts(8), done: 8 });
    expect(applied).toEqual([{ selection: { counts: counts(8), done: 8 } }]);
    p.push(1, 'selection', { counts: counts(100), done: 100 });
    p.push(1, 'estimation', { counts: counts(32), done: 32 });
    p.push(1, 'estimation', { counts: counts(160), done: 160 });
    expect(applied).toHaveLength(1);
    f.tick();
    // One update with the newest counts of each stream.
    expect(applied).toHaveLength(2);
    expect(applied[1]).toEqual({
      selection: { counts: counts(100), done: 100 },
      estimation: { counts: counts(160), done: 160 },
    });
    // A frame with nothing new applies nothing; the next event then lands at once again.
    f.tick();
    f.tick();
    expect(applied).toHaveLength(2);
    p.push(1, 'estimation', { counts: counts(288), done: 288 });
    expect(applied).toHaveLength(3);
  });

  it('a stale request’s counts never land, kept or new', () => {
    const { p, f, applied, setCurrent } = setup();
    p.push(1, 'estimation', { counts: counts(10), done: 10 });
    p.push(1, 'estimation', { counts: counts(20), done: 20 }); // kept for the next frame
    setCurrent(2); // a newer request was posted meanwhile
    f.tick();
    p.push(1, 'estimation', { counts: counts(30), done: 30 }); // arrives late
    expect(applied).toEqual([{ estimation: { counts: counts(10), done: 10 } }]);
    p.push(2, 'selection', { counts: counts(5), done: 5 });
    expect(applied.at(-1)).toEqual({ selection: { counts: counts(5), done: 5 } });
  });

  it('a kept update of an older request is not merged into a newer one', () => {
    const { p, f, applied, setCurrent } = setup();
    p.push(1, 'selection', { counts: counts(10), done: 10 });
    p.push(1, 'estimation', { counts: counts(20), done: 20 }); // kept
    setCurrent(2);
    p.push(2, 'selection', { counts: counts(1), done: 1 }); // same frame: kept, alone
    f.tick();
    expect(applied.at(-1)).toEqual({ selection: { counts: counts(1), done: 1 } });
  });

  it('drop() forgets a kept update (a result supersedes it)', () => {
    const { p, f, applied } = setup();
    p.push(1, 'estimation', { counts: counts(10), done: 10 });
    p.push(1, 'estimation', { counts: counts(20), done: 20 });
    p.drop();
    f.tick();
    expect(applied).toHaveLength(1);
  });

  it('with the lab store: many events in one frame make one store update, from one request', () => {
    const store = create<LabSlice>()((...a) => createLabSlice(...a));
    store.getState().runStarted();
    let updates = 0;
    store.subscribe(() => updates++);
    const f = frames();
    const p = createProgressFrames({
      apply: (u) => store.getState().runCounts(u),
      isCurrent: () => true,
      nextFrame: f.nextFrame,
    });
    p.push(1, 'selection', { counts: counts(8), done: 8 });
    for (let k = 1; k <= 20; k++) p.push(1, 'estimation', { counts: counts(k * 10), done: k * 10 });
    expect(updates).toBe(1);
    f.tick();
    expect(updates).toBe(2);
    const s = store.getState();
    expect(s.selectionDone).toBe(8);
    expect(s.estimationDone).toBe(200);
    expect(s.estimationCounts).toEqual(counts(200));
    // Counts arriving after the run was paused do not change it.
    s.runCancelled();
    p.push(1, 'estimation', { counts: counts(300), done: 300 });
    f.tick();
    expect(store.getState().estimationDone).toBe(200);
  });
});
