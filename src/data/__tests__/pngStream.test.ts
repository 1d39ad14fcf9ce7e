import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  decodePngScaled,
  inflatedBytes,
  MAX_INFLATED_BYTES,
  PIECE_BYTES,
  PngStreamError,
} from '../pngStream';
import { PNG_SIGNATURE, pngChunk as chunk, rng } from './syntheticPhoto';

/**
 * Encodes raw (unfiltered) scanlines as a PNG, row y with filter y % 5 (so every filter is used),
 * the compressed data split into IDAT chunks of `idatSize` bytes.
 */
function encode(
  raw: Uint8Array[],
  width: number,
  colourType: number,
  bitDepth: number,
  extra: Uint8Array[] = [],
  idatSize = 97,
  interlace = 0,
): Uint8Array {
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[colourType]!;
  const bpp = Math.max(1, (channels * bitDepth) >> 3);
  const parts: number[] = [];
  let prev: Uint8Array = new Uint8Array(raw[0]!.length);
  raw.forEach((line, y) => {
    const f = y % 5;
    parts.push(f);
    for (let i = 0; i < line.length; i++) {
      const a = i >= bpp ? line[i - bpp]! : 0;
      const b = prev[i]!;
      const c = i >= bpp ? prev[i - bpp]! : 0;
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      const pred = [0, a, b, (a + b) >> 1, paeth][f]!;
      parts.push((line[i]! - pred) & 255);
    }
    prev = line;
  });
  const z = deflateSync(Uint8Array.from(parts));
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, raw.length);
  ihdr.set([bitDepth, colourType, 0, 0, interlace], 8);
  const idats: Uint8Array[] = [];
  for (let i = 0; i < z.length; i += idatSize) idats.push(chunk('IDAT', z.subarray(i, i + idatSize)));
  const all = [PNG_SIGNATURE, chunk('IHDR', ihdr), ...extra, ...idats, chunk('IEND', new Uint8Array(0))];
  return Buffer.concat(all);
}

const blob = (b: Uint8Array) => new Blob([Uint8Array.from(b)], { type: 'image/png' });

describe('decodePngScaled', () => {
  const W = 23;
  const H = 11;

  it('decodes 8-bit RGB with every filter exactly at full size', async () => {
    const r = rng(1);
    const rgb = Array.from({ length: H }, () =>
      Uint8Array.from({ length: 3 * W }, () => Math.floor(r() * 256)),
    );
    const { header, rgba } = await decodePngScaled(blob(encode(rgb, W, 2, 8)), W, H);
    expect(header).toEqual({ width: W, height: H, bitDepth: 8, colourType: 2, interlaced: false });
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++)
        for (let c = 0; c < 3; c++) expect(rgba[4 * (y * W + x) + c]).toBe(rgb[y]![3 * x + c]);
    expect(rgba[3]).toBe(255);
  });

  it('decodes 16-bit grey + alpha (alpha over white), 4-bit grey and a 2-bit palette with transparency', async () => {
    const r = rng(2);
    // 16-bit grey + alpha: 4 bytes per pixel.
    const ga = Array.from({ length: H }, () =>
      Uint8Array.from({ length: 4 * W }, () => Math.floor(r() * 256)),
    );
    const d16 = (await decodePngScaled(blob(encode(ga, W, 4, 16)), W, H)).rgba;
    const g = ga[3]![4 * 5]!;
    const a = ga[3]![4 * 5 + 2]!;
    expect(d16[4 * (3 * W + 5)]).toBe(Math.floor((g * a + 255 * (255 - a)) / 255));
    // 4-bit grey: two pixels per byte, high nibble first, scaled by 255 / 15.
    const g4 = Array.from({ length: H }, () =>
      Uint8Array.from({ length: Math.ceil(W / 2) }, () => Math.floor(r() * 256)),
    );
    const d4 = (await decodePngScaled(blob(encode(g4, W, 0, 4)), W, H)).rgba;
    expect(d4[4 * (2 * W + 7)]).toBe(Math.round(((g4[2]![3]! & 15) * 255) / 15));
    expect(d4[4 * (2 * W + 6)]).toBe(Math.round(((g4[2]![3]! >> 4) * 255) / 15));
    // 2-bit palette: index 1 is half-transparent black, index 2 is red.
    const plte = chunk('PLTE', Uint8Array.from([255, 255, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255]));
    const trns = chunk('tRNS', Uint8Array.from([255, 128]));
    const p2 = Array.from({ length: H }, () =>
      Uint8Array.from({ length: Math.ceil(W / 4) }, () => 0b01_10_00_11),
    );
    const dp = (await decodePngScaled(blob(encode(p2, W, 3, 2, [plte, trns])), W, H)).rgba;
    expect(Array.from(dp.subarray(0, 16))).toEqual([
      ...[127, 127, 127, 255], // black at alpha 128 over white
      ...[255, 0, 0, 255],
      ...[255, 255, 255, 255],
      ...[0, 0, 255, 255],
    ]);
  });

  it('averages the source pixels that fall in each output pixel', async () => {
    // 40 x 20 grey: value 10 * (x div 4) + (y div 4); scaled to 10 x 5 every output pixel is one 4 x 4 block.
    const grey = Array.from({ length: 20 }, (_, y) =>
      Uint8Array.from({ length: 40 }, (_, x) => 10 * Math.floor(x / 4) + Math.floor(y / 4)),
    );
    const { rgba } = await decodePngScaled(blob(encode(grey, 40, 0, 8)), 10, 5);
    for (let oy = 0; oy < 5; oy++)
      for (let ox = 0; ox < 10; ox++) expect(rgba[4 * (oy * 10 + ox)]).toBe(10 * ox + oy);
    // A block mixing two values gives their mean.
    const half = Array.from({ length: 2 }, () => Uint8Array.from([0, 200]));
    expect((await decodePngScaled(blob(encode(half, 2, 0, 8)), 1, 1)).rgba[0]).toBe(100);
  });

  it('refuses a truncated file, damaged data, an interlaced PNG and a file that is not a PNG', async () => {
    const grey = Array.from({ length: 50 }, (_, y) =>
      Uint8Array.from({ length: 60 }, (_, x) => (x * y) & 255),
    );
    const png = encode(grey, 60, 0, 8, [], 40);
    await expect(decodePngScaled(blob(png.subarray(0, png.length - 120)), 6, 5)).rejects.toThrow(
      PngStreamError,
    );
    const damaged = png.slice();
    for (let i = 60; i < 80; i++) damaged[i] = 0xff;
    await expect(decodePngScaled(blob(damaged), 6, 5)).rejects.toThrow(PngStreamError);
    await expect(decodePngScaled(blob(encode(grey, 60, 0, 8, [], 40, 1)), 6, 5)).rejects.toThrow(
      'interlaced',
    );
    await expect(
      decodePngScaled(blob(Buffer.from('not really a png, just text here....')), 6, 5),
    ).rejects.toThrow('not a PNG');
  });

  it('refuses from the header an image that would inflate past the budget (the 31,600-pixel 16-bit bomb)', async () => {
    const ihdr = new Uint8Array(13);
    const v = new DataView(ihdr.buffer);
    v.setUint32(0, 31_600);
    v.setUint32(4, 31_600);
    ihdr.set([16, 6, 0, 0, 0], 8);
    // Only a header and an empty IDAT: the refusal comes before any image data is read.
    const bomb = Buffer.concat([PNG_SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', new Uint8Array(0))]);
    expect(inflatedBytes({ width: 31_600, height: 31_600, bitDepth: 16, colourType: 6 })).toBeGreaterThan(
      MAX_INFLATED_BYTES,
    );
    await expect(decodePngScaled(blob(bomb), 64, 64)).rejects.toThrow(/7\.4 GB once decompressed .* 4 GB/);
  });

  it('hands the decompressor at most PIECE_BYTES at a time, even from one huge IDAT chunk', async () => {
    // 1,000 x 1,000 of noise in a single IDAT chunk of about 1 MB (one piece before the fix).
    const r = rng(5);
    const grey = Array.from({ length: 1000 }, () =>
      Uint8Array.from({ length: 1000 }, () => Math.floor(r() * 256)),
    );
    const png = encode(grey, 1000, 0, 8, [], 1 << 30);
    const sizes: number[] = [];
    const Real = globalThis.DecompressionStream;
    class Counting extends Real {
      constructor(format: CompressionFormat) {
        super(format);
        const w = this.writable.getWriter();
        const inner = new WritableStream<BufferSource>({
          write: async (c) => {
            sizes.push((c as Uint8Array).byteLength);
            await w.write(c);
          },
          close: () => w.close(),
        });
        Object.defineProperty(this, 'writable', { value: inner });
      }
    }
    globalThis.DecompressionStream = Counting as typeof DecompressionStream;
    try {
      const { header } = await decodePngScaled(blob(png), 10, 10);
      expect(header.width).toBe(1000);
    } finally {
      globalThis.DecompressionStream = Real;
    }
    expect(Math.max(...sizes)).toBeLessThanOrEqual(PIECE_BYTES);
  });

  it('stops when its signal aborts', async () => {
    const grey = Array.from({ length: 400 }, (_, y) =>
      Uint8Array.from({ length: 400 }, (_, x) => (x ^ y) & 255),
    );
    const job = new AbortController();
    job.abort(new DOMException('a new photo was chosen', 'AbortError'));
    await expect(decodePngScaled(blob(encode(grey, 400, 0, 8)), 10, 10, job.signal)).rejects.toThrow(
      'a new photo was chosen',
    );
  });
});
