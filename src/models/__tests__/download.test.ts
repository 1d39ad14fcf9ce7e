import { describe, expect, it } from 'vitest';
import { describeBytes, download } from '../download';

/** A response whose body sends these chunks, `gapMs` apart, then stays open forever if `hang`. */
function slowResponse(chunks: number[], gapMs: number, hang: boolean, total?: number): Response {
  let k = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(c) {
      await new Promise((r) => setTimeout(r, gapMs));
      if (k < chunks.length) c.enqueue(new Uint8Array(chunks[k++]!).fill(k));
      else if (!hang) c.close();
      else await new Promise(() => undefined);
    },
  });
  const headers = total ? { 'content-length': String(total) } : undefined;
  return new Response(body, { headers });
}

const fetcherOf =
  (make: () => Response | Promise<Response>): typeof fetch =>
  (_url, init) =>
    new Promise((resolve, reject) => {
      init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      void Promise.resolve(make()).then(resolve);
    });

describe('download: a deadline on silence, not on size', () => {
  it('a slow download that keeps sending finishes, with progress for each piece', async () => {
    const seen: [number, number | null][] = [];
    const bytes = await download('x', 'models/m/weights.bin', {
      stallMs: 200,
      onProgress: (r, t) => seen.push([r, t]),
      fetcher: fetcherOf(() => slowResponse([1000, 1000, 500], 60, false, 2500)), // 180 ms in all, each gap short
    });
    expect(new Uint8Array(bytes)).toHaveLength(2500);
    expect(new Uint8Array(bytes)[1500]).toBe(2);
    expect(seen).toEqual([
      [1000, 2500],
      [2000, 2500],
      [2500, 2500],
    ]);
  });

  it('a body that stops sending fails, naming the file and how much came', async () => {
    await expect(
      download('x', 'models/m/weights.bin', {
        stallMs: 100,
        fetcher: fetcherOf(() => slowResponse([1_500_000], 10, true, 3_000_000)),
      }),
    ).rejects.toThrow('models/m/weights.bin stopped arriving: nothing for 0.1 s after 1.5 of 3.0 MB');
  });

  it('a server that never answers fails the same way; a 404 is named as before', async () => {
    await expect(
      download('x', 'tfjs-backend-wasm-simd.wasm', {
        stallMs: 80,
        fetcher: fetcherOf(() => new Promise(() => undefined)),
      }),
    ).rejects.toThrow('tfjs-backend-wasm-simd.wasm stopped arriving: nothing for 0.08 s');
    await expect(
      download('x', 'models/m/model.json', { fetcher: fetcherOf(() => new Response('no', { status: 404 })) }),
    ).rejects.toThrow('models/m/model.json could not be downloaded (HTTP 404)');
  });

  it('describes sizes in MB', () => {
    expect(describeBytes(420_000, 3_100_000)).toBe('0.42 of 3.1 MB');
    expect(describeBytes(2_000_000, null)).toBe('2.0 MB');
  });
});
