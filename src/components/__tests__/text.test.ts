import { describe, expect, it } from 'vitest';
import { ellipsize, formatCount, MAX_RUN, MAX_TEXT, shortenNotice } from '../text';

describe('shortening echoed values', () => {
  it('leaves short text alone', () => {
    expect(ellipsize('abc', 4)).toBe('abc');
    expect(shortenNotice('sigma = 5 is outside 0.01 to 2; using 2.')).toBe(
      'sigma = 5 is outside 0.01 to 2; using 2.',
    );
  });

  it('cuts long text with an ellipsis, never splitting a surrogate pair', () => {
    expect(ellipsize('abcdef', 4)).toBe('abc…');
    expect(ellipsize('😀😀😀😀😀', 3)).toBe('😀😀…');
  });

  it('shortens a 300,000-character value inside a sentence to a few dozen characters', () => {
    const seed = '9'.repeat(300_000);
    const out = shortenNotice(`seed = ${seed} is outside 0 to 4294967295; using 4294967295.`);
    expect(out.length).toBeLessThanOrEqual(MAX_TEXT);
    expect(out).toMatch(/^seed = 9+…9+ is outside 0 to 4294967295; using 4294967295\.$/);
    for (const word of out.split(' ')) expect(Array.from(word).length).toBeLessThanOrEqual(MAX_RUN);
  });

  it('caps a text of many short words', () => {
    const out = shortenNotice('ab '.repeat(100_000));
    expect(out.length).toBeLessThanOrEqual(MAX_TEXT);
    expect(out.endsWith('…')).toBe(true);
  });
});

describe('formatCount', () => {
  it('writes numbers exactly as toLocaleString("en")', () => {
    for (const v of [0, 1, 25, 999, 1000, 20_000, 100_100, 1234567.891, 0.001, 0.25, -3, 1e21]) {
      expect(formatCount(v)).toBe(v.toLocaleString('en'));
    }
  });
});
