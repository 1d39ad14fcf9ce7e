/**
 * The TaskRunner in the shape a view shows (the logic under `useKeyedTask`): one async task per
 * key, where a newer key cancels the older task and nothing an older task reports reaches the
 * screen. A rejection becomes an `error` state with the message, never an unhandled rejection.
 */
import { TaskRunner, type TaskRun } from './runner';

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

export type KeyedRun<T, P> = TaskRun<T, P>;

/** The state of `key` before its run has reported anything. */
export function startState<T, P>(key: string | null): KeyedTaskState<T, P> {
  return { key, status: key === null ? 'idle' : 'running', value: null, progress: null, error: null };
}

/** Runs one keyed task at a time per owner, publishing its states (see TaskRunner, `serial` too). */
export class KeyedTaskRunner<T, P> {
  private readonly runner: TaskRunner;

  constructor(
    /** Receives every state of the live task, never one of a cancelled task. */
    private readonly publish: (update: (s: KeyedTaskState<T, P>) => KeyedTaskState<T, P>) => void,
    serial = false,
  ) {
    this.runner = new TaskRunner(serial);
  }

  /** Starts `run` for `key`, cancelling the task before it; returns the canceller of this one. */
  start(key: string, run: KeyedRun<T, P>): () => void {
    const update = (patch: Partial<KeyedTaskState<T, P>>) =>
      this.publish((s) => ({ ...(s.key === key ? s : startState<T, P>(key)), ...patch, key }));
    const failed = (error: string) => update({ status: 'error', error });
    return this.runner.start(run, {
      progress: (progress) => update({ progress }),
      done: (value) => update({ status: 'done', value }),
      failed,
      cancelled: failed,
    }).cancel;
  }
}
