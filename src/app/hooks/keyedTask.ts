/**
 * The logic under `useKeyedTask`, free of React so that it is tested in Node: one async task per key,
 * where a newer key cancels the older task and nothing an older task reports reaches the screen.
 *
 * A task is `run(signal, report)`: it resolves to its value, may call `report(progress)` on the way,
 * and should stop soon after `signal` aborts (its value is dropped either way). A rejection becomes an
 * `error` state with the message, never an unhandled rejection.
 */

/** What a keyed task shows: always about one key (null: nothing asked, status 'idle'). */
export interface KeyedTaskState<T, P> {
  key: string | null;
  status: 'idle' | 'running' | 'done' | 'error';
  /** The run's value once it is done. */
  value: T | null;
  /** The latest progress the run reported (kept once it is done or failed). */
  progress: P | null;
  /** The message of the error the run failed with. */
  error: string | null;
}

export type KeyedRun<T, P> = (signal: AbortSignal, report: (progress: P) => void) => Promise<T>;

/** The state of `key` before its run has reported anything. */
export function startState<T, P>(key: string | null): KeyedTaskState<T, P> {
  return { key, status: key === null ? 'idle' : 'running', value: null, progress: null, error: null };
}

const describeError = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Runs one task at a time per owner. `start` cancels the task before it (its signal aborts, and its
 * reports and result are dropped from then on, even if it ignores the signal). With `serial`, a task
 * also waits until the one before it has settled before it starts (for work that must not overlap,
 * such as two TF.js jobs on one page), and is skipped if it is cancelled while it waits.
 */
export class KeyedTaskRunner<T, P> {
  private current: AbortController | null = null;
  private tail: Promise<void> = Promise.resolve();

  constructor(
    /** Receives every state of the live task, never one of a cancelled task. */
    private readonly publish: (update: (s: KeyedTaskState<T, P>) => KeyedTaskState<T, P>) => void,
    private readonly serial = false,
  ) {}

  /** Starts `run` for `key`, cancelling the task before it; returns the canceller of this one. */
  start(key: string, run: KeyedRun<T, P>): () => void {
    this.current?.abort();
    const controller = new AbortController();
    this.current = controller;
    const { signal } = controller;
    const live = () => this.current === controller && !signal.aborted;
    const update = (patch: Partial<KeyedTaskState<T, P>>) => {
      if (live()) this.publish((s) => ({ ...(s.key === key ? s : startState<T, P>(key)), ...patch, key }));
    };
    const go = async () => {
      if (!live()) return;
      try {
        const value = await run(signal, (progress) => update({ progress }));
        update({ status: 'done', value });
      } catch (e) {
        update({ status: 'error', error: describeError(e) });
      }
    };
    const done = this.serial ? this.tail.then(go) : go();
    this.tail = done;
    return () => {
      controller.abort();
      if (this.current === controller) this.current = null;
    };
  }
}
