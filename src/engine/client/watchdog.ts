/**
 * The page's watchdog over an engine in a worker. Browsers kill workers under memory pressure, and
 * a bug can leave one closed or looping: it then sends nothing, not even an error. The worker sends
 * a heartbeat (`alive`, every HEARTBEAT_MS, between batches); the client asks `deadline()` how long
 * a silence may last with the work it has open, and a longer one is a death. The client then starts
 * a fresh engine and carries each open job on from the progress it had seen (the noise is
 * counter-based, so sample k is the same sample in any engine): `resumeMessage` builds that request.
 * Pure apart from the timer; the client does the restarting (client.ts).
 */
import type {
  BackendName,
  BackendReport,
  CertifyProgress,
  OpKind,
  ProgressOf,
  SetRow,
  ToEngine,
} from '../protocol';

/** Silence that counts as a death while a job is running (its model has given counts before). */
export const DEAD_AFTER_MS = 4_500;
/**
 * Silence that counts as a death before a job's model has given its first counts on this backend:
 * building a model and compiling its WebGL programs can hold the worker's thread for seconds.
 */
export const DEAD_BEFORE_FIRST_COUNTS_MS = 20_000;
/** How often the page checks. */
export const CHECK_EVERY_MS = 500;

/**
 * How long the engine may be silent: null while no job runs or the backend is changing (starting a
 * backend can hold the thread for long); a short time once every job's model has given counts on
 * this backend (`warm`, one per open job), unless the engine has announced a long synchronous
 * step (`slowStep`: compiling WebGL programs for a new batch shape) and not been heard since;
 * else a long one.
 */
export function allowedSilence(backendChanging: boolean, warm: boolean[], slowStep = false): number | null {
  if (backendChanging || warm.length === 0) return null;
  return warm.every(Boolean) && !slowStep ? DEAD_AFTER_MS : DEAD_BEFORE_FIRST_COUNTS_MS;
}

/** What the page saw of one open job, so a fresh engine can carry it on. */
export interface JobProgress {
  /** The last counts of each certify stream. */
  selection?: CertifyProgress;
  estimation?: CertifyProgress;
  /** certify-set: the inputs answered so far (rows come in order). */
  rows: number;
  /** Whether the job has sent any progress. */
  started: boolean;
}

export const noProgress = (): JobProgress => ({ rows: 0, started: false });

/** Records one progress event of a job of this kind. */
export function noteProgress(p: JobProgress, kind: OpKind, data: ProgressOf<OpKind>): void {
  p.started = true;
  if (kind === 'certify') {
    const c = data as CertifyProgress;
    p[c.stream] = c;
  } else if (kind === 'certify-set') {
    p.rows = Math.max(p.rows, (data as SetRow).index + 1);
  }
}

const count = (k: number) => k.toLocaleString('en-US');

/**
 * The request that carries a job on in a fresh engine (same id), and what to tell the student
 * about it: a certify resumes from its counts once its selection was complete (else starts again),
 * a certify-set from its next input; anything else starts again.
 */
export function resumeMessage(m: ToEngine, p: JobProgress): { message: ToEngine; note: string } {
  if (m.type !== 'request') return { message: m, note: '' };
  const op = m.op;
  if (op.kind === 'certify') {
    const sel = p.selection;
    if (!sel || sel.done < op.n0) return { message: m, note: 'the run started again from its first sample' };
    const est = p.estimation;
    const resume = {
      selectionCounts: [...sel.counts],
      ...(est ? { estimation: { counts: [...est.counts], done: est.done } } : {}),
    };
    const done = est?.done ?? 0;
    return {
      message: { ...m, op: { ...op, resume } },
      note: `the run carried on from ${count(done)} of ${count(op.n)} samples, with the counts shown kept`,
    };
  }
  if (op.kind === 'certify-set') {
    const from = Math.max(op.from ?? 0, p.rows);
    return {
      message: { ...m, op: { ...op, from } },
      note: `the batch carried on from input ${count(from + 1)} of ${count(op.seeds.length)}`,
    };
  }
  if (op.kind === 'attack') return { message: m, note: 'the attack started again from its first step' };
  return { message: m, note: '' };
}

const ORDER: readonly BackendName[] = ['webgl', 'wasm', 'cpu'];

/** The backend of the fresh engine after a death: the same one the first time, then the next in order. */
export function restartBackend(current: BackendName, deaths: number): BackendName {
  if (deaths < 2) return current;
  return ORDER[Math.min(ORDER.indexOf(current) + 1, ORDER.length - 1)]!;
}

/**
 * How the fresh engine's backend is shown: as before when it is the same one (its choice and
 * timings still hold), else as a fallback from the one whose engine kept dying.
 */
export function restartReport(before: BackendReport, now: BackendReport): BackendReport {
  if (now.backend === before.backend) return before;
  const reason = 'its engine stopped answering twice';
  return {
    ...now,
    preferred: before.backend,
    how: 'fallback',
    failures: [
      ...now.failures.filter((f) => f.backend !== before.backend),
      { backend: before.backend, reason },
    ],
  };
}

/**
 * Why a worker engine was replaced: it fell `silent` (closed, hung, stopped by the browser: the
 * watchdog), or a message from it was `unreadable` (a messageerror: see EnginePlace.useWorker).
 */
export type DeathCause = 'silent' | 'unreadable';

/** The one line the page shows after a restart. */
export function restartNotice(
  backend: BackendName,
  deaths: number,
  notes: string[],
  cause: DeathCause = 'silent',
): string {
  const again = deaths < 2 ? '' : ' again';
  const what =
    cause === 'silent'
      ? `stopped answering${again} (its worker closed, hung or was stopped by the browser)`
      : `sent a message the page could not read${again}`;
  const where = deaths < 2 ? `started on ${backend}` : `started on ${backend} instead`;
  const jobs = notes.filter((n) => n !== '');
  return `The engine ${what}, so a fresh one was ${where}${jobs.length ? `: ${jobs.join('; ')}` : ''}.`;
}

/**
 * Calls `onDead` when the engine has been silent longer than `deadline()` allows (null: nothing to
 * watch). A check that comes late (the page itself was paused, e.g. a hidden tab) gives the engine
 * a fresh window instead of blaming it.
 */
export class Watchdog {
  private lastHeard: number;
  private lastCheck: number;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly deadline: () => number | null,
    private readonly onDead: () => void,
    private readonly now: () => number = Date.now,
  ) {
    this.lastHeard = this.lastCheck = now();
  }

  /** The engine said something. */
  heard(): void {
    this.lastHeard = this.now();
  }

  start(): void {
    this.stop();
    this.lastHeard = this.lastCheck = this.now();
    this.timer = setInterval(() => this.check(), CHECK_EVERY_MS);
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  check(): void {
    const t = this.now();
    if (t - this.lastCheck > 4 * CHECK_EVERY_MS) this.lastHeard = t; // the page slept, not the engine
    this.lastCheck = t;
    const limit = this.deadline();
    if (limit === null) {
      this.lastHeard = Math.max(this.lastHeard, t - DEAD_AFTER_MS / 2); // idle silence is not held against it
      return;
    }
    if (t - this.lastHeard > limit) {
      this.stop();
      this.onDead();
    }
  }
}
