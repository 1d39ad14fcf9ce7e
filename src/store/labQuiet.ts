/**
 * When background work may start without slowing the student's next run: timing the backends
 * (a WebGL start compiles shaders, seconds of CPU on software WebGL, and the engine's runs wait
 * for it) and downloading the offline copy. Both used to start right after the first certificate,
 * which is when a student drags a slider: that first run went at 0.37x the steady rate
 * (`npm run bench -- --only firstrun`).
 */
import type { StoreApi } from 'zustand';
import type { RunStatus } from './labSlice';

/** How long the lab must go without a run before background work starts. */
export const QUIET_MS = 5000;
/** Background work starts after this long in any case (a lab that keeps running). */
export const QUIET_AT_MOST_MS = 60_000;

/**
 * Resolves once the lab has gone `quietMs` with no run in progress (status other than 'running'),
 * counted from now and restarted by every run, or after `atMostMs` in any case.
 */
export function whenLabQuiet(
  store: Pick<StoreApi<{ status: RunStatus }>, 'getState' | 'subscribe'>,
  quietMs = QUIET_MS,
  atMostMs = QUIET_AT_MOST_MS,
): Promise<void> {
  return new Promise<void>((resolve) => {
    let quiet: ReturnType<typeof setTimeout> | undefined;
    let off = () => {};
    const finish = () => {
      clearTimeout(quiet);
      clearTimeout(cap);
      off();
      resolve();
    };
    const arm = (running: boolean) => {
      clearTimeout(quiet);
      quiet = running ? undefined : setTimeout(finish, quietMs);
    };
    const cap = setTimeout(finish, atMostMs);
    off = store.subscribe((s, prev) => {
      if ((s.status === 'running') !== (prev.status === 'running')) arm(s.status === 'running');
    });
    arm(store.getState().status === 'running');
  });
}
