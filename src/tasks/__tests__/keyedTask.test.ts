import { describe, expect, it } from 'vitest';
import { KeyedTaskRunner, startState, type KeyedTaskState } from '../keyedTask';
import { deferred } from './deferred';

/** A runner whose published states are kept as the hook would keep them (one state, updated). */
function harness(serial = false) {
  let state: KeyedTaskState<string, number> = startState(null);
  const runner = new KeyedTaskRunner<string, number>((update) => {
    state = update(state);
  }, serial);
  return { runner, state: () => state };
}

const flush = () => new Promise<void>((r) => setTimeout(r, 0));

describe('KeyedTaskRunner', () => {
  it('drops the result and the progress of a run whose key is no longer current', async () => {
    const h = harness();
    const a = deferred<string>();
    const b = deferred<string>();
    let reportA: (p: number) => void = () => {};
    h.runner.start('a', (_s, report) => {
      reportA = report;
      return a.promise;
    });
    h.runner.start('b', () => b.promise);
    reportA(7);
    a.resolve('stale');
    await flush();
    expect(h.state()).toEqual(startState(null));
    b.resolve('fresh');
    await flush();
    expect(h.state()).toMatchObject({ key: 'b', status: 'done', value: 'fresh', progress: null });
  });

  it('aborts the older run when the key changes, and the current one when it is cancelled (unmount)', async () => {
    const h = harness();
    const signals: AbortSignal[] = [];
    const never = (s: AbortSignal) => {
      signals.push(s);
      return new Promise<string>(() => {});
    };
    h.runner.start('a', never);
    expect(signals[0]!.aborted).toBe(false);
    const cancelB = h.runner.start('b', never);
    expect(signals[0]!.aborted).toBe(true);
    expect(signals[1]!.aborted).toBe(false);
    cancelB();
    expect(signals[1]!.aborted).toBe(true);
    await flush();
  });

  it('surfaces an error of the current run as state, with its message and last progress', async () => {
    const h = harness();
    h.runner.start('a', (_s, report) => {
      report(3);
      return Promise.reject(new Error('no WebGL here'));
    });
    await flush();
    expect(h.state()).toMatchObject({ key: 'a', status: 'error', error: 'no WebGL here', progress: 3 });
    // A stale run's error is dropped like its result.
    const late = deferred<string>();
    h.runner.start('b', () => late.promise);
    h.runner.start('c', () => Promise.resolve('ok'));
    late.reject(new Error('too late'));
    await flush();
    expect(h.state()).toMatchObject({ key: 'c', status: 'done', value: 'ok', error: null });
  });

  it('reports progress of the live run as it comes', async () => {
    const h = harness();
    const done = deferred<string>();
    let report: (p: number) => void = () => {};
    h.runner.start('a', (_s, r) => {
      report = r;
      return done.promise;
    });
    await flush();
    report(1);
    expect(h.state()).toMatchObject({ key: 'a', status: 'running', progress: 1 });
    report(2);
    expect(h.state()).toMatchObject({ key: 'a', status: 'running', progress: 2 });
    done.resolve('x');
    await flush();
    expect(h.state()).toMatchObject({ key: 'a', status: 'done', progress: 2, value: 'x' });
  });

  it('serial: a run waits for the one before it to settle, and is skipped if cancelled meanwhile', async () => {
    const h = harness(true);
    const a = deferred<string>();
    const started: string[] = [];
    h.runner.start('a', () => {
      started.push('a');
      return a.promise;
    });
    await flush();
    h.runner.start('b', () => {
      started.push('b');
      return Promise.resolve('b');
    });
    h.runner.start('c', () => {
      started.push('c');
      return Promise.resolve('c');
    });
    await flush();
    expect(started).toEqual(['a']);
    a.resolve('a');
    await flush();
    expect(started).toEqual(['a', 'c']);
    expect(h.state()).toMatchObject({ key: 'c', status: 'done', value: 'c' });
  });

  it('without serial, a new run starts at once even while the older one is still going', async () => {
    const h = harness();
    const started: string[] = [];
    h.runner.start('a', () => {
      started.push('a');
      return new Promise<string>(() => {});
    });
    h.runner.start('b', () => {
      started.push('b');
      return Promise.resolve('b');
    });
    expect(started).toEqual(['a', 'b']);
    await flush();
    expect(h.state()).toMatchObject({ key: 'b', status: 'done', value: 'b' });
  });
});
