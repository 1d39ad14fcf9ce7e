import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeDigits, digitAsFloats } from '../../data/digits';
import { makeRng as rng } from '../../bounds/__tests__/helpers';
import {
  PIXEL_COUNT,
  bytesToPixels,
  decodePixels,
  encodePixels,
  fromBase64Url,
  maxPixelsTextLength,
  packZeros,
  pixelsToBytes,
  quantizePixels,
  samePixels,
  toBase64Url,
  unpackZeros,
} from '../url/pixels';

const SHIPPED = decodeDigits(new Uint8Array(readFileSync('public/data/mnist-test.bin')));

/** A random image: mostly background, some full ink, some anti-aliased edges (seeded). */
function randomImage(r: () => number, length = PIXEL_COUNT): Float32Array {
  const x = new Float32Array(length);
  const ink = r();
  for (let i = 0; i < length; i++) {
    const u = r();
    x[i] = u < 1 - ink ? 0 : u < 1 - ink / 2 ? 1 : r();
  }
  return x;
}

function decoded(text: string, length?: number): Float32Array {
  const r = decodePixels(text, length);
  if (!('pixels' in r)) throw new Error(`refused: ${r.error}`);
  return r.pixels;
}

function refusal(text: string, length?: number): string {
  const r = decodePixels(text, length);
  if ('pixels' in r) throw new Error(`accepted ${text}`);
  return r.error;
}

describe('base64url', () => {
  it('writes the RFC 4648 URL alphabet without padding, and reads it back', () => {
    const enc = new TextEncoder();
    // RFC 4648, section 10, without the "=" padding.
    for (const [text, b64] of [
      ['', ''],
      ['f', 'Zg'],
      ['fo', 'Zm8'],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg'],
      ['fooba', 'Zm9vYmE'],
      ['foobar', 'Zm9vYmFy'],
    ] as const) {
      expect(toBase64Url(enc.encode(text))).toBe(b64);
      expect(fromBase64Url(b64)).toEqual(enc.encode(text));
    }
    // The two characters that differ from base64: 62 is "-", 63 is "_".
    expect(toBase64Url(Uint8Array.from([0xfb, 0xff]))).toBe('-_8');
  });

  it('round-trips random bytes of every length up to 300 (seeded)', () => {
    const r = rng(3);
    for (let n = 0; n <= 300; n++) {
      const bytes = Uint8Array.from({ length: n }, () => Math.floor(r() * 256));
      const text = toBase64Url(bytes);
      expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(text.length).toBe(Math.ceil((n * 4) / 3));
      expect(fromBase64Url(text)).toEqual(bytes);
    }
  });

  it('refuses a bad character, an impossible length and stray bits', () => {
    expect(fromBase64Url('Zm9v+g')).toMatch(/character 5 \("\+"\)/);
    expect(fromBase64Url('Zm9v=')).toMatch(/character 5 \("="\)/);
    expect(fromBase64Url('Zm9vY')).toMatch(/length \(5\)/);
    expect(fromBase64Url('Zh')).toMatch(/bits that belong to no byte/);
  });
});

describe('packing the runs of zero bytes', () => {
  it('packs each run into as few (0, count) pairs as it can and unpacks them', () => {
    expect(Array.from(packZeros(Uint8Array.from([0, 0, 0, 7, 0, 255])))).toEqual([0, 3, 7, 0, 1, 255]);
    expect(Array.from(packZeros(new Uint8Array(600)))).toEqual([0, 255, 0, 255, 0, 90]);
    expect(Array.from(packZeros(new Uint8Array(0)))).toEqual([]);
    expect(unpackZeros(Uint8Array.from([0, 3, 7, 0, 1, 255]), 6)).toEqual(
      Uint8Array.from([0, 0, 0, 7, 0, 255]),
    );
  });

  it('refuses a count of zero, a missing count and a wrong number of pixels', () => {
    expect(unpackZeros(Uint8Array.from([0, 0, 5]), 1)).toMatch(/a run of no pixels/);
    expect(unpackZeros(Uint8Array.from([5, 0]), 2)).toMatch(/ends in the middle/);
    expect(unpackZeros(Uint8Array.from([5, 0, 3]), 3)).toMatch(/more than 3 pixels/);
    expect(unpackZeros(Uint8Array.from([5, 6, 7, 8]), 3)).toMatch(/more than 3 pixels/);
    expect(unpackZeros(Uint8Array.from([5, 0, 1]), 3)).toMatch(/holds 2 pixels, not 3/);
  });
});

describe('a digit in the URL (px=)', () => {
  it('round-trips 500 random quantised images exactly (seeded)', () => {
    const r = rng(21);
    for (let i = 0; i < 500; i++) {
      const x = quantizePixels(randomImage(r));
      const text = encodePixels(x);
      expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(text.length).toBeLessThanOrEqual(maxPixelsTextLength());
      expect(decoded(text)).toEqual(x);
    }
  });

  it('decodes every shipped test digit to exactly the input the gallery gives, in 100 to 500 characters', () => {
    const lengths: number[] = [];
    for (let i = 0; i < SHIPPED.count; i++) {
      const x = digitAsFloats(SHIPPED, i);
      const text = encodePixels(x);
      lengths.push(text.length);
      expect(decoded(text)).toEqual(x);
    }
    lengths.sort((a, b) => a - b);
    expect(lengths[0]).toBeGreaterThanOrEqual(100);
    expect(lengths[lengths.length - 1]).toBeLessThanOrEqual(500);
    // Typical: well under the 1,046 characters of the 784 bytes unpacked.
    expect(lengths[Math.floor(lengths.length / 2)]).toBeLessThan(300);
  });

  it('writes the worst case (every other pixel background) in exactly maxPixelsTextLength characters', () => {
    const x = Float32Array.from({ length: PIXEL_COUNT }, (_, i) => (i % 2 ? 1 : 0));
    const text = encodePixels(x);
    expect(text.length).toBe(maxPixelsTextLength());
    expect(maxPixelsTextLength()).toBe(1568);
    expect(decoded(text)).toEqual(x);
    // An empty image is four runs (255, 255, 255, 19); a full one is its 784 bytes.
    expect(encodePixels(new Float32Array(PIXEL_COUNT))).toBe(
      toBase64Url(Uint8Array.from([0, 255, 0, 255, 0, 255, 0, 19])),
    );
    expect(encodePixels(new Float32Array(PIXEL_COUNT)).length).toBe(11);
    expect(encodePixels(new Float32Array(PIXEL_COUNT).fill(1)).length).toBe(1046);
  });

  it('refuses a value that is empty, too long, garbled, truncated, padded or of the wrong size', () => {
    const r = rng(8);
    const good = encodePixels(quantizePixels(randomImage(r)));
    expect(refusal('')).toMatch(/empty/);
    expect(refusal('A'.repeat(2000))).toMatch(/2000 characters long; 784 pixels take at most 1568/);
    expect(refusal(`${good.slice(0, 10)}*${good.slice(11)}`)).toMatch(/character 11 \("\*"\)/);
    expect(refusal(`${good.slice(0, 10)}=${good.slice(11)}`)).toMatch(/character 11/);
    expect(refusal(`${good}==`)).toMatch(/character|length/);
    expect(refusal(good.slice(0, good.length - 8))).toMatch(/pixels|run|bits|length/);
    // One pixel too few or too many.
    expect(refusal(encodePixels(new Float32Array(PIXEL_COUNT - 1).fill(1)))).toMatch(/783 pixels, not 784/);
    expect(refusal(encodePixels(new Float32Array(PIXEL_COUNT + 1).fill(1)))).toMatch(/more than 784 pixels/);
    // A run split where it need not be decodes to the same image but is not the lab's text.
    const split = toBase64Url(Uint8Array.from([0, 100, 0, 100, 0, 255, 0, 255, 0, 74]));
    expect(unpackZeros(fromBase64Url(split) as Uint8Array, PIXEL_COUNT)).toEqual(new Uint8Array(PIXEL_COUNT));
    expect(refusal(split)).toMatch(/not written the way the lab writes a digit/);
    expect(decoded(encodePixels(new Float32Array(PIXEL_COUNT)))).toEqual(new Float32Array(PIXEL_COUNT));
  });

  it('never throws on random text, and whatever it accepts writes back to the same text (seeded)', () => {
    const r = rng(77);
    const chars = 'AAAAAP8_-_abz09+/=%. ';
    for (let i = 0; i < 3000; i++) {
      const text = Array.from(
        { length: Math.floor(r() * 40) },
        () => chars[Math.floor(r() * chars.length)],
      ).join('');
      const got = decodePixels(text, 16);
      if ('pixels' in got) {
        expect(got.pixels.length).toBe(16);
        expect(encodePixels(got.pixels)).toBe(text);
      } else {
        expect(got.error.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('quantising the drawn input', () => {
  it('moves each value to the nearest level k / 255, the levels a gallery digit has, and is idempotent', () => {
    const x = Float32Array.from([0, 1, 0.5, 0.001, 0.999, 1 / 255, 0.502, -0.2, 1.3, NaN]);
    const q = quantizePixels(x);
    expect(Array.from(pixelsToBytes(x))).toEqual([0, 255, 128, 0, 255, 1, 128, 0, 255, 0]);
    expect(q).toEqual(bytesToPixels(Uint8Array.from([0, 255, 128, 0, 255, 1, 128, 0, 255, 0])));
    expect(quantizePixels(q)).toEqual(q);
    const r = rng(5);
    for (let i = 0; i < 200; i++) {
      const y = quantizePixels(randomImage(r));
      expect(quantizePixels(y)).toEqual(y);
      expect(decoded(encodePixels(y))).toEqual(y);
    }
  });

  it('compares two inputs at byte precision', () => {
    const a = Float32Array.from([0, 0.5, 1]);
    expect(samePixels(a, quantizePixels(a))).toBe(true);
    expect(samePixels(a, Float32Array.from([0, 0.51, 1]))).toBe(false);
    expect(samePixels(a, Float32Array.from([0, 0.5]))).toBe(false);
  });
});
