import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeDigits, digitAsFloats, DigitsFormatError, encodeDigits, type DigitSet } from '../digits';

const SHIPPED = 'public/data/mnist-test.bin';

function tiny(): DigitSet {
  return {
    count: 2,
    rows: 2,
    cols: 3,
    seed: 99,
    labels: Uint8Array.from([3, 9]),
    sourceIndex: Uint16Array.from([1234, 9999]),
    pixels: Uint8Array.from([0, 255, 128, 1, 2, 3, 4, 5, 6, 7, 8, 9]),
  };
}

describe('digits binary', () => {
  it('round-trips', () => {
    const set = tiny();
    const back = decodeDigits(encodeDigits(set));
    expect(back).toEqual(set);
    expect(Array.from(digitAsFloats(back, 0))).toEqual(
      [0, 1, 128 / 255, 1 / 255, 2 / 255, 3 / 255].map(Math.fround),
    );
  });

  it('ships 2,000 stratified test digits in under 2 MB', () => {
    const bytes = new Uint8Array(readFileSync(SHIPPED));
    expect(bytes.length).toBeLessThanOrEqual(2 * 1024 * 1024);
    const set = decodeDigits(bytes, SHIPPED);
    expect(set.count).toBe(2000);
    expect([set.rows, set.cols]).toEqual([28, 28]);
    const perClass = Array.from({ length: 10 }, (_, d) => set.labels.filter((l) => l === d).length);
    // 20% of each class of the npm package (863 ... 1127 digits per class).
    for (const c of perClass) expect(c).toBeGreaterThanOrEqual(170);
    expect(new Set(set.sourceIndex).size).toBe(2000);
    expect(set.pixels.reduce((m, v) => Math.max(m, v), 0)).toBe(255);
  });

  it('says what is wrong with a damaged file', () => {
    const good = encodeDigits(tiny());
    const bad = (mutate: (b: Uint8Array) => Uint8Array) => () => decodeDigits(mutate(good.slice()), 'x.bin');
    expect(bad((b) => b.slice(0, 10))).toThrow(/x.bin .*fewer than the 16-byte header/);
    expect(bad((b) => b.slice(0, b.length - 1))).toThrow(/truncated/);
    expect(
      bad((b) => {
        b[0] = 0x50;
        return b;
      }),
    ).toThrow(/starts with "PLMN"/);
    expect(
      bad((b) => {
        b[4] = 7;
        return b;
      }),
    ).toThrow(/version 7/);
    expect(
      bad((b) => {
        b[16] = 12;
        return b;
      }),
    ).toThrow(/label 12/);
    expect(bad(() => new TextEncoder().encode('<html>not found</html>'))).toThrow(DigitsFormatError);
  });
});
