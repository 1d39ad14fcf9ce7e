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

export function decodePhoto(file: File): Promise<DecodeResult> {
  const w = getWorker();
  if (!w) return decodePhotoHere(file, file.name);
  const id = ++nextId;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    w.postMessage({ id, file, name: file.name });
  });
}
