import { describe, expect, it } from 'vitest';
import { TaskRunner } from '../runner';
import { errorMessage, isAbortError } from '../errorMessage';
import { yieldToPage, yieldUnless } from '../yieldToPage';
import { deferred } from './deferred';

/** A runner whose handlers log what reaches them. */
function logged() {
  const log: string[] = [];
  const on = {
    progress: (p: number) => log.push(`progress ${p}`),
    done: (v: string) => log.push(`done ${v}`),
    failed: (m: string) => log.push(`failed ${m}`),
  };
  return { runner: new TaskRunner(), log, on };
}

const abortError = () => Object.assign(new Error('the request was cancelled'), { name: 'AbortError' });

describe('TaskRunner', () => {
  it('cancel: aborts the signal, and nothing of the task reaches the handlers afterwards', async () => {
    const { runner, log, on } = logged();
    const d = deferred<string>();
    let report: (p: number) => void = () => {};
    const task = runner.start((_s, r) => {
      report = r;
      return d.promise;
    }, on);
    report(1);
    expect(runner.busy).toBe(true);
    runner.cancel();
    expect(task.signal.aborted).toBe(true);
    expect(runner.busy).toBe(false);
    report(2);
    d.resolve('late');
    await task.settled;
    expect(log).toEqual(['progress 1']);
  });

  it('stale: a newer task aborts the older, whose progress, value and error are dropped', async () => {
    const { runner, log, on } = logged();
    const a = deferred<string>();
    const b = deferred<string>();
    let reportA: (p: number) => void = () => {};
    const first = runner.start((_s, r) => {
      reportA = r;
      return a.promise;
    }, on);
    const second = runner.start(() => b.promise, on);
    expect(first.signal.aborted).toBe(true);
    expect(second.signal.aborted).toBe(false);
    reportA(7);
    a.reject(new Error('too late'));
    b.resolve('fresh');
    await Promise.all([first.settled, second.settled]);
    expect(log).toEqual(['done fresh']);
    expect(runner.busy).toBe(false);
  });

  it('error: a failure of the live task reaches `failed` as a message, never as a rejection', async () => {
    const { runner, log, on } = logged();
    await runner.start(() => Promise.reject(new Error('no WebGL here')), on).settled;
    await runner.start(() => Promise.reject('a plain string'), on).settled;
    expect(log).toEqual(['failed no WebGL here', 'failed a plain string']);
  });

  it('an AbortError it did not cause is silent, or goes to `cancelled` where that is given', async () => {
    const { runner, log, on } = logged();
    await runner.start(() => Promise.reject(abortError()), on).settled;
    expect(log).toEqual([]);
    await runner.start(() => Promise.reject(abortError()), {
      ...on,
      cancelled: (m) => log.push(`cancelled ${m}`),
    }).settled;
    expect(log).toEqual(['cancelled the request was cancelled']);
  });

  it('serial: a task waits for the one before it, and is skipped if cancelled meanwhile', async () => {
    const runner = new TaskRunner(true);
    const a = deferred<string>();
    const started: string[] = [];
    runner.start(() => {
      started.push('a');
      return a.promise;
    });
    await new Promise((r) => setTimeout(r, 0));
    const b = runner.start(() => {
      started.push('b');
      return Promise.resolve('b');
    });
    b.cancel();
    const c = runner.start(() => {
      started.push('c');
      return Promise.resolve('c');
    });
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual(['a']);
    a.resolve('a');
    await c.settled;
    expect(started).toEqual(['a', 'c']);
  });
});

describe('shared helpers', () => {
  it('errorMessage and isAbortError', () => {
    expect(errorMessage(new Error('boom'))).toBe('boom');
    expect(errorMessage(42)).toBe('42');
    expect(isAbortError(abortError())).toBe(true);
    expect(isAbortError(new DOMException('x', 'AbortError'))).toBe(true);
    expect(isAbortError(new Error('boom'))).toBe(false);
    expect(isAbortError(null)).toBe(false);
  });

  it('yieldToPage goes on; yieldUnless stops once its signal aborts', async () => {
    expect(await yieldToPage()).toBe(true);
    const c = new AbortController();
    const go = yieldUnless(c.signal);
    expect(await go()).toBe(true);
    c.abort();
    expect(await go()).toBe(false);
  });
});
