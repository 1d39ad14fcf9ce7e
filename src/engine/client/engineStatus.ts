/**
 * How the engine is doing, as the page shows it, and small helpers the client shares with the UI:
 * the notice when its worker did not start as planned, whether the page has WebGL, and the error
 * of a cancelled request.
 */

import { describeBytes } from '../../models/download';
import type { FromEngine } from '../protocol';

/**
 * How long the page waits for the worker's first answer before it says the engine is still
 * loading (its code may be downloading on a slow connection), and before it suggests a reload
 * (the script is blocked or the connection gone).
 */
export const WORKER_SILENCE_MS = 10_000;
export const WORKER_GIVE_UP_MS = 60_000;

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

const DOWNLOADING = 'Still downloading ';

/**
 * A slow download of the engine (FromEngine `downloading`) as the notice: "Still downloading
 * models/cnn-0.25/weights.bin: 0.12 of 0.32 MB so far…", cleared when it ends. Never replaces
 * another notice (a failure says more than progress does).
 */
export function showDownload(e: {
  file: string;
  received: number;
  total: number | null;
  done: boolean;
}): void {
  const current = engineNotice.message;
  const mine = current?.startsWith(DOWNLOADING) ?? false;
  if (current !== null && !mine) return;
  if (e.done) {
    if (mine) engineNotice.set(null);
    return;
  }
  engineNotice.set(
    `${DOWNLOADING}${e.file}: ${describeBytes(e.received, e.total)} so far. A slow connection takes a while; the lab goes on by itself once it has arrived.`,
  );
}

/**
 * The notice when the engine left its noise helper worker (FromEngine `noise-helper`): names the
 * script, says what went wrong, and that the run goes on with the same samples.
 */
export function noiseHelperNotice(e: Extract<FromEngine, { type: 'noise-helper' }>): string {
  const what =
    e.problem === 'stalled'
      ? `did not answer within ${Math.round(e.waitedMs / 1000)} s (its script may not have arrived)`
      : 'could not be loaded or stopped working';
  return `The engine's noise helper (${e.file}) ${what}, so the engine makes the noise on its own thread: the same samples and results, a little more slowly.`;
}

let webglProbe: { ok: boolean; renderer: string } | null = null;

/**
 * This page's WebGL, probed once: whether it can create a context at all, and the renderer's name
 * (for the device stamp of the remembered backend choice). Creating a context blocks the page's
 * thread for 80 to 300 ms under software WebGL, so every caller shares one probe, and its context is
 * released at once.
 */
export function pageWebgl(): { ok: boolean; renderer: string } {
  webglProbe ??= (() => {
    try {
      const c = document.createElement('canvas');
      const gl = (c.getContext('webgl2') ?? c.getContext('webgl')) as WebGLRenderingContext | null;
      if (!gl) return { ok: false, renderer: 'no WebGL' };
      const ext = gl.getExtension('WEBGL_debug_renderer_info');
      const name: unknown = ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
      gl.getExtension('WEBGL_lose_context')?.loseContext();
      return { ok: true, renderer: String(name) };
    } catch {
      return { ok: false, renderer: 'no WebGL' };
    }
  })();
  return webglProbe;
}

/** Whether this page can create a WebGL context at all (a worker will not do better). */
export function pageHasWebgl(): boolean {
  return pageWebgl().ok;
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
