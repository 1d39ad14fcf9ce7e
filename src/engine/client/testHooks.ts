/**
 * The test hooks: the test-only ops (TestOp: engine memory, a lost WebGL context, the GPU noise
 * check) and the choice to run the engine on the main thread, for the end-to-end tests. They work
 * only in a dev or test build, or on a page that set `window.__smoothingLabTestHooks = true` before
 * it loaded (the end-to-end fixture does, e2e/fixtures.ts); a production page has no
 * `window.__smoothingLab` and its engine refuses the test ops.
 */
import type { EngineClient } from './client';

type Flags = { __smoothingLabTestHooks?: unknown; __smoothingLabForceMainThread?: unknown };

/** Whether this page answers the test hooks. */
export function testHooksEnabled(): boolean {
  const env = import.meta.env as { DEV?: boolean; MODE?: string } | undefined;
  return !!env?.DEV || env?.MODE === 'test' || (globalThis as Flags).__smoothingLabTestHooks === true;
}

/** Whether a test asked for the engine on the main thread (`window.__smoothingLabForceMainThread`). */
export function mainThreadForced(): boolean {
  return testHooksEnabled() && (globalThis as Flags).__smoothingLabForceMainThread === true;
}

/** Exposes the hooks as `window.__smoothingLab` (only where they are enabled). */
export function exposeTestHooks(c: EngineClient): void {
  if (!testHooksEnabled()) return;
  (window as unknown as { __smoothingLab: unknown }).__smoothingLab = {
    /** TF.js memory in the engine, for the leak checks. */
    memory: () => c.test<'memory'>({ kind: 'memory' }).result,
    /** Makes the engine lose its WebGL context. */
    loseContext: () => void c.test<'lose-context'>({ kind: 'lose-context' }).result,
    /** Largest |GPU noise - JavaScript reference| over 8 x 784 values; -1 without WebGL 2. */
    noiseCheck: (seed: number) =>
      c.test<'noise-check'>({ kind: 'noise-check', seed }).result.then((r) => r.maxDiff),
    /** Which engine answers (its id, shared or not, the frames it serves): pages with one id share it. */
    engineInfo: () => c.test<'engine-info'>({ kind: 'engine-info' }).result,
    /** Makes the engine's worker stop answering mid-run: it closes itself, loops forever, or is terminated. */
    stopEngine: (how: 'close' | 'loop' | 'terminate') => {
      if (how === 'terminate') c.place.killForTest();
      else void c.test<'hang'>({ kind: 'hang', how }).result.catch(() => undefined);
    },
    get mode() {
      return c.mode;
    },
  };
}
