import { describe, expect, it } from 'vitest';
import { MNIST_SIDE, preprocessDrawing } from '../preprocess';

function canvas(w: number, h: number, draw: (x: number, y: number) => number): Float32Array {
  const a = new Float32Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) a[y * w + x] = draw(x, y);
  return a;
}

function stats(img: Float32Array) {
  let x0 = MNIST_SIDE;
  let x1 = -1;
  let y0 = MNIST_SIDE;
  let y1 = -1;
  let m = 0;
  let cx = 0;
  let cy = 0;
  for (let y = 0; y < MNIST_SIDE; y++) {
    for (let x = 0; x < MNIST_SIDE; x++) {
      const v = img[y * MNIST_SIDE + x]!;
      if (v > 0.05) {
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y);
      }
      m += v;
      cx += v * (x + 0.5);
      cy += v * (y + 0.5);
    }
  }
  return { w: x1 - x0 + 1, h: y1 - y0 + 1, cx: cx / m, cy: cy / m };
}

describe('drawn digit preprocessing (MNIST style)', () => {
  it('scales the ink box to 20 px on its long side, keeping the aspect ratio', () => {
    // A 60 x 150 bar in the top-left corner of a 280 x 280 pad.
    const img = preprocessDrawing(
      canvas(280, 280, (x, y) => (x >= 10 && x < 70 && y >= 5 && y < 155 ? 1 : 0)),
      280,
      280,
    )!;
    const s = stats(img);
    expect(s.h).toBe(20);
    expect(s.w).toBe(8);
  });

  it('centres the digit by its centre of mass, wherever it was drawn', () => {
    for (const [ox, oy] of [
      [0, 0],
      [200, 30],
      [90, 210],
    ] as const) {
      // An L shape: mass is off the box centre on purpose.
      const img = preprocessDrawing(
        canvas(280, 280, (x, y) => {
          const u = x - ox;
          const v = y - oy;
          return (u >= 0 && u < 12 && v >= 0 && v < 70) || (u >= 0 && u < 60 && v >= 58 && v < 70) ? 1 : 0;
        }),
        280,
        280,
      )!;
      const s = stats(img);
      expect(Math.abs(s.cx - 14)).toBeLessThanOrEqual(0.5);
      expect(Math.abs(s.cy - 14)).toBeLessThanOrEqual(0.5);
    }
  });

  it('keeps intensities in [0, 1] with full ink at 1, and anti-aliases thin strokes', () => {
    // A diagonal stroke 8 px thick: scaled by 1/10 it covers pixels partially.
    const img = preprocessDrawing(
      canvas(280, 280, (x, y) => (Math.abs(x - y) < 6 && x > 40 && x < 240 ? 1 : 0)),
      280,
      280,
    )!;
    expect(img.reduce((m, v) => Math.max(m, v), 0)).toBe(1);
    expect(img.reduce((m, v) => Math.min(m, v), 1)).toBe(0);
    expect(img.filter((v) => v > 0.05 && v < 0.95).length).toBeGreaterThan(10);
  });

  it('returns null for an empty pad and rejects a wrong size', () => {
    expect(preprocessDrawing(new Float32Array(100), 10, 10)).toBeNull();
    expect(() => preprocessDrawing(new Float32Array(99), 10, 10)).toThrow(RangeError);
  });

  it('is deterministic', () => {
    const pad = canvas(140, 140, (x, y) =>
      Math.hypot(x - 70, y - 60) < 30 && Math.hypot(x - 70, y - 60) > 20 ? 1 : 0,
    );
    expect(Array.from(preprocessDrawing(pad, 140, 140)!)).toEqual(
      Array.from(preprocessDrawing(pad, 140, 140)!),
    );
  });
});
