/// <reference lib="webworker" />
/**
 * Decodes and downscales a photo off the main thread, so even a 50 MB photo never freezes the
 * page. Request: { id, file, name }; answer: { id, result } with the RGBA buffer transferred.
 */
import { decodePhotoHere } from './photoFile';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = async (e: MessageEvent<{ id: number; file: Blob; name: string }>) => {
  const { id, file, name } = e.data;
  try {
    const result = await decodePhotoHere(file, name);
    self.postMessage({ id, result }, result.ok ? [result.rgba.buffer] : []);
  } catch (err) {
    self.postMessage({
      id,
      result: {
        ok: false,
        kind: 'decode-failed',
        message: `The photo could not be read: ${(err as Error).message}`,
      },
    });
  }
};
