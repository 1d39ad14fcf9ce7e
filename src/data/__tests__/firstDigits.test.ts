import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeDigits, digitAsFloats, FIRST_DIGITS, firstDigitsFile } from '../digits';

describe('the first-digits file', () => {
  it('holds the shipped set’s first digits, identical, in the same format and under 60 KB', () => {
    const all = decodeDigits(new Uint8Array(readFileSync('public/data/mnist-test.bin')));
    const bytes = firstDigitsFile(new Uint8Array(readFileSync('public/data/mnist-test.bin')));
    expect(bytes.length).toBeLessThan(60_000);
    const first = decodeDigits(bytes);
    expect(first.count).toBe(FIRST_DIGITS);
    expect(first.seed).toBe(all.seed);
    for (let i = 0; i < FIRST_DIGITS; i++) {
      expect(first.labels[i]).toBe(all.labels[i]);
      expect(first.sourceIndex[i]).toBe(all.sourceIndex[i]);
      expect(digitAsFloats(first, i)).toEqual(digitAsFloats(all, i));
    }
  });
});
