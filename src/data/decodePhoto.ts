/**
 * The page's side of photo decoding: posts the file to one lazily started worker and resolves with
 * its answer. Where a worker or OffscreenCanvas is missing, decodes on this thread instead
 * (createImageBitmap still decodes asynchronously). Nothing leaves the browser.
 */
import { decodePhotoHere, type DecodeResult } from './photoFile';

let worker: Worker | null = null;
let nextId = 0;
const waiting = new Map<number, (r: DecodeResult) => void>();

function getWorker(): Worker | null {
  if (worker) return worker;
  if (typeof Worker === 'undefined' || typeof OffscreenCanvas === 'undefined') return null;
  try {
    worker = new Worker(new URL('./photoDecode.worker.ts', import.meta.url), {
      type: 'module',
      name: 'photo-decoder',
    });
  } catch {
    return null;
  }
  worker.onmessage = (e: MessageEvent<{ id: number; result: DecodeResult }>) => {
    waiting.get(e.data.id)?.(e.data.result);
    waiting.delete(e.data.id);
  };
  worker.onerror = () => {
    for (const resolve of waiting.values()) {
      resolve({ ok: false, kind: 'decode-failed', message: 'The photo decoder stopped; try another photo.' });
    }
    waiting.clear();
    worker = null;
  };
  return worker;
}

const CANCELLED: DecodeResult = { ok: false, kind: 'cancelled', message: 'The photo was set aside.' };

/**
 * Decodes and scales down a photo. Once `signal` aborts (a newer file was chosen, or the photo
 * dialog closed) the work stops: the decoder worker is ended, which also gives back whatever
 * memory the decode held, and the answer is a `cancelled` failure.
 */
export function decodePhoto(file: File, signal?: AbortSignal): Promise<DecodeResult> {
  if (signal?.aborted) return Promise.resolve(CANCELLED);
  const w = getWorker();
  if (!w) return decodePhotoHere(file, file.name, undefined, signal);
  const id = ++nextId;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    signal?.addEventListener(
      'abort',
      () => {
        if (!waiting.has(id)) return;
        // One worker decodes one photo at a time: ending it stops this decode for good.
        w.terminate();
        if (worker === w) worker = null;
        for (const r of waiting.values()) r(CANCELLED);
        waiting.clear();
      },
      { once: true },
    );
    w.postMessage({ id, file, name: file.name });
  });
}
