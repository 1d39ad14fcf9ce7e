/**
 * Abandoned photo decodes stop mid-decode, not only before they start: a PNG large enough to be
 * streamed is being read piece by piece when its signal aborts, on this thread (decodePhotoHere) and
 * in the decoder worker (decodePhoto, with a stand-in Worker that runs the same decode).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DIRECT_DECODE_PIXELS, decodePhotoHere, type DecodeResult } from '../photoFile';
import { PNG_SIGNATURE, pngChunk } from './syntheticPhoto';

/** Stored (uncompressed) deflate blocks carry at most this many bytes each. */
const STORED = 65_535;

/**
 * A PNG of `side` x `side` mid-grey 8-bit pixels whose bytes are made only when read, so a
 * 100-megapixel file costs nothing until the decoder asks for it: one IDAT chunk holding a zlib
 * stream of stored blocks (filter byte 0, then the row). Counts the reads started and those not yet
 * answered; `onRead(n)` runs as the n-th read is answered.
 */
function lazyPng(side: number, onRead: (n: number) => void) {
  const ihdr = new Uint8Array(13);
  new DataView(ihdr.buffer).setUint32(0, side);
  new DataView(ihdr.buffer).setUint32(4, side);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit grey, not interlaced
  const head = Uint8Array.from([...PNG_SIGNATURE, ...pngChunk('IHDR', ihdr)]);
  const raw = (side + 1) * side;
  const blocks = Math.ceil(raw / STORED);
  const zlen = 2 + 5 * blocks + raw + 4; // zlib header, block headers, data, Adler-32
  const idat = head.length + 8; // first byte of the zlib stream
  const byteAt = (p: number): number => {
    if (p < head.length) return head[p]!;
    if (p < idat)
      return [zlen >>> 24, (zlen >>> 16) & 255, (zlen >>> 8) & 255, zlen & 255, 73, 68, 65, 84][
        p - head.length
      ]!;
    const z = p - idat;
    if (z < 2) return [0x78, 0x01][z]!;
    const block = Math.floor((z - 2) / (STORED + 5));
    const within = (z - 2) % (STORED + 5);
    if (within >= 5) return (block * STORED + within - 5) % (side + 1) === 0 ? 0 : 128;
    const len = Math.min(STORED, raw - block * STORED);
    return [block === blocks - 1 ? 1 : 0, len & 255, len >>> 8, ~len & 255, (~len >>> 8) & 255][within]!;
  };
  const count = { reads: 0, pending: 0 };
  const size = idat + zlen + 4 + 12; // the IDAT's CRC, then IEND (never reached here)
  const slice = (from = 0, to = size) => ({
    arrayBuffer: async () => {
      const n = ++count.reads;
      count.pending++;
      await Promise.resolve();
      const bytes = new Uint8Array(Math.max(0, Math.min(to, size) - from));
      for (let i = 0; i < bytes.length; i++) bytes[i] = byteAt(from + i);
      count.pending--;
      onRead(n);
      return bytes.buffer;
    },
  });
  const file = { name: 'bomb.png', type: 'image/png', size, slice } as unknown as File;
  return { file, count };
}

/** Timers and immediates this process has waiting (what a decode left running would show). */
const waitingTimers = () =>
  process.getActiveResourcesInfo().filter((r) => r === 'Timeout' || r === 'Immediate').length;

const SIDE = 10_001; // 100,020,001 pixels: streamed, not handed to the browser whole
/** The read during which the decode is abandoned: a few hundred KB (some 40 rows) into the data. */
const ABORT_AT = 30;

describe('an abandoned photo decode stops mid-decode', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('on this thread: no read after the abort, none pending, a cancelled outcome', async () => {
    expect(SIDE * SIDE).toBeGreaterThan(DIRECT_DECODE_PIXELS);
    const timersBefore = waitingTimers();
    const job = new AbortController();
    let readsAtAbort = -1;
    const { file, count } = lazyPng(SIDE, (n) => {
      if (n === ABORT_AT) {
        readsAtAbort = count.reads;
        job.abort(new DOMException('a new photo was chosen', 'AbortError'));
      }
    });
    const result = await decodePhotoHere(file, file.name, undefined, job.signal);
    expect(result).toEqual({ ok: false, kind: 'cancelled', message: 'The photo was set aside.' });
    expect(readsAtAbort).toBe(ABORT_AT);
    expect(count.reads).toBe(ABORT_AT);
    expect(count.pending).toBe(0);
    // Nothing keeps going in the background: a while later, still no read and no timer.
    await new Promise((r) => setTimeout(r, 50));
    expect(count.reads).toBe(ABORT_AT);
    expect(waitingTimers()).toBeLessThanOrEqual(timersBefore);
  });

  it('in the worker: the worker is ended mid-decode, the answer is cancelled, the next photo gets a new worker', async () => {
    /** Stands in for the decoder worker: runs the same decode; terminate() ends all its work. */
    class FakeWorker {
      static made: FakeWorker[] = [];
      onmessage: ((e: MessageEvent) => void) | null = null;
      onerror: (() => void) | null = null;
      terminated = false;
      private readonly alive = new AbortController();
      constructor() {
        FakeWorker.made.push(this);
      }
      postMessage(m: { id: number; file: File; name: string }) {
        void decodePhotoHere(m.file, m.name, undefined, this.alive.signal).then((result) => {
          if (!this.terminated) this.onmessage?.({ data: { id: m.id, result } } as MessageEvent);
        });
      }
      terminate() {
        this.terminated = true;
        this.alive.abort();
      }
    }
    vi.stubGlobal('Worker', FakeWorker);
    // decodePhoto only checks that OffscreenCanvas exists; the worker's decode never reaches it.
    vi.stubGlobal('OffscreenCanvas', function OffscreenCanvas() {});
    const { decodePhoto } = await import('../decodePhoto');

    const job = new AbortController();
    const { file, count } = lazyPng(SIDE, (n) => {
      if (n === ABORT_AT) job.abort(new DOMException('the photo dialog was closed', 'AbortError'));
    });
    const result: DecodeResult = await decodePhoto(file, job.signal);
    expect(result).toMatchObject({ ok: false, kind: 'cancelled' });
    expect(FakeWorker.made).toHaveLength(1);
    expect(FakeWorker.made[0]!.terminated).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(count.reads).toBe(ABORT_AT);
    expect(count.pending).toBe(0);

    // The ended worker is not reused: the next photo starts a fresh one, which answers it.
    const next = new AbortController();
    const second = lazyPng(SIDE, (n) => {
      if (n === 3) next.abort();
    });
    await expect(decodePhoto(second.file, next.signal)).resolves.toMatchObject({ kind: 'cancelled' });
    expect(FakeWorker.made).toHaveLength(2);
  });
});
