/**
 * The one way the app runs cancellable async work: a TaskRunner runs one task at a time, and a
 * newer task cancels the older (its signal aborts). Nothing a cancelled or superseded task reports,
 * returns or throws reaches its handlers, even if it ignores its signal; a failure reaches them as
 * a message. React-free, so it is tested in Node; see keyedTask.ts for its state-shaped form.
 */
import { errorMessage, isAbortError } from './errorMessage';

/** A task: resolves to its value, may report progress, and should stop soon after `signal` aborts. */
export type TaskRun<T, P> = (signal: AbortSignal, report: (progress: P) => void) => Promise<T>;

/** What the live task tells; none is called for a task that was cancelled or superseded. */
export interface TaskHandlers<T, P> {
  progress?: (progress: P) => void;
  done?: (value: T) => void;
  /** It rejected: the message for the UI. */
  failed?: (message: string) => void;
  /**
   * It rejected with an AbortError that its own signal did not cause (work cancelled from
   * elsewhere, e.g. the engine's one-at-a-time rule); without this handler, that end is silent.
   */
  cancelled?: (message: string) => void;
}

/** A started task. */
export interface Task {
  /** Aborts its signal; nothing more of it reaches the handlers. */
  cancel: () => void;
  /** Aborted once it is cancelled or superseded (not when it ends by itself). */
  signal: AbortSignal;
  /** Resolves (never rejects) once it has ended: done, failed, cancelled, or skipped while waiting. */
  settled: Promise<void>;
}

export class TaskRunner {
  private current: AbortController | null = null;
  private tail: Promise<void> = Promise.resolve();

  /**
   * @param serial a task also waits until the one before it has settled before it starts (work
   *   that must not overlap, such as two TF.js jobs on one page), and is skipped if it is cancelled
   *   while it waits.
   */
  constructor(private readonly serial = false) {}

  /** Whether a task started here is still live (started, not ended, not cancelled). */
  get busy(): boolean {
    return this.current !== null;
  }

  /** Starts `run`, cancelling the task before it. */
  start<T, P = never>(run: TaskRun<T, P>, on: TaskHandlers<T, P> = {}): Task {
    this.current?.abort();
    const controller = new AbortController();
    this.current = controller;
    const { signal } = controller;
    const live = () => this.current === controller && !signal.aborted;
    const go = async () => {
      if (!live()) return;
      try {
        const value = await run(signal, (p) => {
          if (live()) on.progress?.(p);
        });
        if (live()) on.done?.(value);
      } catch (e) {
        if (!live()) return;
        if (isAbortError(e) && on.cancelled) on.cancelled(errorMessage(e));
        else if (!isAbortError(e)) on.failed?.(errorMessage(e));
      } finally {
        if (this.current === controller) this.current = null;
      }
    };
    const settled = this.serial ? this.tail.then(go) : go();
    this.tail = settled;
    const cancel = () => {
      controller.abort();
      if (this.current === controller) this.current = null;
    };
    return { cancel, signal, settled };
  }

  /** Cancels the live task, if any. */
  cancel(): void {
    this.current?.abort();
    this.current = null;
  }
}
