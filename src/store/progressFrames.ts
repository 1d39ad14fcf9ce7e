/**
 * At most one store update per animation frame for a run's streaming counts. The engine may
 * report progress faster than the page paints (several messages can queue while one render runs),
 * and every store update renders the lab synchronously; rendering counts nobody sees only makes
 * the main thread's tasks longer. Pure: no React, no DOM (the frame scheduler is injected).
 */

export type Stream = 'selection' | 'estimation';

/** The counts so far of one stream: per-class votes and how many samples they cover. */
export interface StreamCounts {
  counts: number[];
  done: number;
}

/** One store update: the newest counts of one stream or of both, from one request. */
export type CountsUpdate = Partial<Record<Stream, StreamCounts>>;

export interface ProgressFrames {
  /**
   * A progress event of request `id`. Applied at once when nothing was applied since the last
   * frame (so the first counts of a run are never delayed); otherwise kept (the newest per stream)
   * and applied at the next frame, if `id` is still the current request then.
   */
  push(id: number, stream: Stream, c: StreamCounts): void;
  /** Forgets any kept update (a result, an error or a new request supersedes it). */
  drop(): void;
}

export interface ProgressFramesOptions {
  /** Writes counts to the store (one update for both streams). */
  apply: (u: CountsUpdate) => void;
  /** Whether `id` is the newest request: a stale request's counts never land. */
  isCurrent: (id: number) => boolean;
  /** Runs `cb` at the next frame (requestAnimationFrame in a page). */
  nextFrame: (cb: () => void) => void;
}

export function createProgressFrames(o: ProgressFramesOptions): ProgressFrames {
  /** An update was applied in this frame: later ones wait for the next. */
  let busy = false;
  let pending: { id: number; update: CountsUpdate } | null = null;

  const frame = () => {
    busy = false;
    const p = pending;
    pending = null;
    if (p && o.isCurrent(p.id)) applyNow(p.update);
  };
  const applyNow = (u: CountsUpdate) => {
    busy = true;
    o.nextFrame(frame);
    o.apply(u);
  };

  return {
    push(id, stream, c) {
      if (!o.isCurrent(id)) return;
      if (pending && pending.id !== id) pending = null; // an older request's counts: dropped
      if (!busy) {
        const update: CountsUpdate = { ...pending?.update, [stream]: c };
        pending = null;
        applyNow(update);
        return;
      }
      pending = { id, update: { ...pending?.update, [stream]: c } };
    },
    drop() {
      pending = null;
    },
  };
}

/** requestAnimationFrame where there is one (a page), else a 16 ms timer (a worker, Node). */
export function animationFrame(cb: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => cb());
  else setTimeout(cb, 16);
}
