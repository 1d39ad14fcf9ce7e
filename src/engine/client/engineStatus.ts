/**
 * How the engine is doing, as the page shows it, and small helpers the client shares with the UI:
 * the notice when its worker did not start as planned, whether the page has WebGL, and the error
 * of a cancelled request.
 */

/** How long the page waits for the worker's first answer before it says so on screen. */
export const WORKER_SILENCE_MS = 10_000;

/**
 * Why the engine is not running as planned in its worker, for the page to show (null when all is
 * well): its script failed to load (404, blocked), so the engine runs on the main thread; or it has
 * not answered in WORKER_SILENCE_MS. Read with useSyncExternalStore (subscribe, get).
 */
export const engineNotice = {
  message: null as string | null,
  listeners: new Set<() => void>(),
  get: (): string | null => engineNotice.message,
  subscribe(onChange: () => void): () => void {
    engineNotice.listeners.add(onChange);
    return () => engineNotice.listeners.delete(onChange);
  },
  set(message: string | null): void {
    engineNotice.message = message;
    for (const l of engineNotice.listeners) l();
  },
};

/** Whether this page can create a WebGL context at all (a worker will not do better). */
export function pageHasWebgl(): boolean {
  try {
    const c = document.createElement('canvas');
    return !!(c.getContext('webgl2') ?? c.getContext('webgl'));
  } catch {
    return false;
  }
}

/** The error a cancelled request's result rejects with. */
export function cancelledError(): Error {
  const e = new Error('the request was cancelled');
  e.name = 'AbortError';
  return e;
}

export function isCancelled(e: unknown): boolean {
  return (e as Error | null)?.name === 'AbortError';
}
