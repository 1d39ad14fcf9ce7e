import { describe, expect, it } from 'vitest';
import { roundTicks, tickWidth } from '../axisTicks';

describe('roundTicks: round count ticks that include the maximum', () => {
  it('n = 1,000 gives 0 / 250 / 500 / 750 / 1,000', () => {
    expect(roundTicks(1000)).toEqual([0, 250, 500, 750, 1000]);
  });
  it('other run sizes: the top tick is the maximum when it is round, never below it', () => {
    expect(roundTicks(100)).toEqual([0, 25, 50, 75, 100]);
    expect(roundTicks(20)).toEqual([0, 5, 10, 15, 20]);
    expect(roundTicks(100_000)).toEqual([0, 25_000, 50_000, 75_000, 100_000]);
    expect(roundTicks(10)).toEqual([0, 5, 10]);
    expect(roundTicks(1)).toEqual([0, 1]);
    for (const m of [3, 7, 13, 150, 777, 2000, 5000, 12_345]) {
      const t = roundTicks(m);
      expect(t.at(-1)!).toBeGreaterThanOrEqual(m);
      expect(t.length).toBeLessThanOrEqual(6);
      t.forEach((v) => expect(Number.isInteger(v)).toBe(true));
    }
  });
  it('the axis is wide enough for its longest label', () => {
    expect(tickWidth(['0', '100,000'], 20)).toBeGreaterThanOrEqual(7 * 0.6 * 20);
  });
});
