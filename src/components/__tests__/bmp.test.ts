import { describe, expect, it } from 'vitest';
import { bmpDataUrl } from '../geometry/bmp';

/** The BMP's bytes back from its data URL. */
const bytesOf = (url: string) => Uint8Array.from(Buffer.from(url.split(',')[1]!, 'base64'));

describe('bmpDataUrl: the geometry plot’s uncompressed images', () => {
  it('writes a 32-bit top-down BITMAPV4 with an alpha mask, pixels as B, G, R, A', () => {
    // 2 x 1: opaque red, then a transparent (10, 20, 30).
    const url = bmpDataUrl(Uint8ClampedArray.from([255, 0, 0, 255, 10, 20, 30, 0]), 2, 1);
    expect(url.startsWith('data:image/bmp;base64,')).toBe(true);
    const b = bytesOf(url);
    const v = new DataView(b.buffer);
    expect(String.fromCharCode(b[0]!, b[1]!)).toBe('BM');
    expect(v.getUint32(2, true)).toBe(b.length);
    expect(b.length).toBe(14 + 108 + 8);
    expect(v.getUint32(10, true)).toBe(122); // pixel data offset
    expect(v.getUint32(14, true)).toBe(108); // BITMAPV4HEADER
    expect([v.getInt32(18, true), v.getInt32(22, true)]).toEqual([2, -1]); // top-down rows
    expect([v.getUint16(28, true), v.getUint32(30, true)]).toEqual([32, 3]); // 32 bpp, BI_BITFIELDS
    expect([54, 58, 62, 66].map((o) => v.getUint32(o, true))).toEqual([
      0x00ff0000, 0x0000ff00, 0x000000ff, 0xff000000,
    ]);
    expect(Array.from(b.subarray(122))).toEqual([0, 0, 255, 255, 30, 20, 10, 0]);
  });

  it('refuses pixel data of the wrong size', () => {
    expect(() => bmpDataUrl(new Uint8ClampedArray(12), 2, 2)).toThrow(RangeError);
  });

  it('encodes a plot-sized image (240 x 240, over one 32 KiB chunk) whole', () => {
    const rgba = new Uint8ClampedArray(240 * 240 * 4).map((_, i) => i % 251);
    const b = bytesOf(bmpDataUrl(rgba, 240, 240));
    expect(b.length).toBe(122 + rgba.length);
    const last = b.length - 4;
    const i = rgba.length - 4;
    expect([b[last], b[last + 1], b[last + 2], b[last + 3]]).toEqual([
      rgba[i + 2],
      rgba[i + 1],
      rgba[i],
      rgba[i + 3],
    ]);
  });
});
