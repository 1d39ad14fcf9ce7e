import { describe, expect, it } from 'vitest';
import { plainLabel, plainTicks, roundTicks, tickWidth } from '../axisTicks';

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

describe('plainTicks: plain radius ticks that cover the axis', () => {
  it('picks the smallest plain step that fits the room', () => {
    expect(plainTicks(3.24, 8)).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5]);
    expect(plainTicks(1, 4)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(plainTicks(1, 10)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(plainTicks(3.24, 3)).toEqual([0, 2, 4]);
  });
  it('never below the maximum, never more intervals than the room, labels plain', () => {
    for (const max of [0.3, 0.98, 1, 1.24, 2.5, 3.24, 4.74, 17]) {
      for (const room of [2, 3, 5, 8, 12]) {
        const t = plainTicks(max, room);
        expect(t[0]).toBe(0);
        expect(t.at(-1)!).toBeGreaterThanOrEqual(max);
        expect(t.length - 1).toBeLessThanOrEqual(room);
        for (const v of t) expect(plainLabel(v)).toMatch(/^\d+(\.\d{1,2})?$/);
      }
    }
  });
});
