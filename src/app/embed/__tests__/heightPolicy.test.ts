import { describe, expect, it } from 'vitest';
import { INITIAL_HEIGHT, isNewWidth, nextHeight, type HeightState } from '../heightPolicy';

/** Runs a sequence of measures through the policy; returns what was posted. */
function posts(measures: { width: number; height: number; laidOut: boolean }[]): number[] {
  let s: HeightState = INITIAL_HEIGHT;
  const out: number[] = [];
  for (const m of measures) {
    const d = nextHeight(s, m);
    s = d.state;
    if (d.send !== null) out.push(d.send);
  }
  return out;
}

describe('height policy', () => {
  it('reports nothing before the widget is laid out, then its height, rounded up', () => {
    expect(
      posts([
        { width: 640, height: 72, laidOut: false },
        { width: 640, height: 72.2, laidOut: false },
        { width: 640, height: 812.3, laidOut: true },
      ]),
    ).toEqual([813]);
  });

  it('never shrinks at one width, and reports only changes', () => {
    const at = (height: number) => ({ width: 640, height, laidOut: true });
    expect(posts([at(1127), at(1190), at(1127), at(1190), at(1191)])).toEqual([1127, 1190, 1191]);
  });

  it('measures afresh at a new width, and may then shrink', () => {
    expect(
      posts([
        { width: 1280, height: 900, laidOut: true },
        { width: 375, height: 1500, laidOut: true },
        { width: 1280, height: 880, laidOut: true },
      ]),
    ).toEqual([900, 1500, 880]);
    expect(isNewWidth(INITIAL_HEIGHT, 640)).toBe(true);
    expect(isNewWidth({ width: 640, floor: 10, sent: 10 }, 640.2)).toBe(false);
  });

  it('ignores measures of nothing (a frame not displayed)', () => {
    expect(posts([{ width: 0, height: 0, laidOut: true }])).toEqual([]);
    expect(posts([{ width: 640, height: Number.NaN, laidOut: true }])).toEqual([]);
  });
});
