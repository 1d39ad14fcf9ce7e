import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeDigits, digitAsFloats } from '../digits';
import { readImageSize } from '../imageHeader';
import { clampCrop, inkLevels, photoToMnist, stretchInk, toGray } from '../photo';
import { preprocessDrawing } from '../preprocess';
import { encodePng, photoRgba, pngFile } from './syntheticPhoto';

const set = decodeDigits(new Uint8Array(readFileSync('public/data/mnist-test.bin')));

/** Cosine similarity of two images. */
function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i]! * b[i]!;
    aa += a[i]! ** 2;
    bb += b[i]! ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

function centreOfMass(x: Float32Array): [number, number] {
  let m = 0;
  let cx = 0;
  let cy = 0;
  x.forEach((v, i) => {
    m += v;
    cx += v * ((i % 28) + 0.5);
    cy += v * (Math.floor(i / 28) + 0.5);
  });
  return [cx / m, cy / m];
}

const spec = (i: number) => ({
  width: 360,
  height: 300,
  digit: digitAsFloats(set, i),
  scale: 9,
  degrees: 6,
  paper: 215,
  ink: 40,
  noise: 8,
  seed: 5 + i,
  at: [0.45, 0.55] as [number, number],
});

describe('photoToMnist', () => {
  it('turns a noisy, rotated, dark-on-light photo of a digit back into its MNIST image', () => {
    for (const i of [0, 1, 2, 3, 7]) {
      const s = spec(i);
      const r = photoToMnist(photoRgba(s), s.width, s.height);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.levels.inverted).toBe(true);
      expect(r.input.length).toBe(784);
      // As MNIST: centred by centre of mass, max 1, and like the original digit.
      const [cx, cy] = centreOfMass(r.input);
      expect(Math.abs(cx - 14)).toBeLessThan(1);
      expect(Math.abs(cy - 14)).toBeLessThan(1);
      expect(Math.max(...r.input)).toBeCloseTo(1, 5);
      const reference = preprocessDrawing(digitAsFloats(set, i), 28, 28)!;
      expect(cosine(r.input, reference)).toBeGreaterThan(0.7);
    }
  });

  it('scales the ink box to 20 px on its longer side, keeping the aspect ratio', () => {
    const s = spec(1);
    const r = photoToMnist(photoRgba(s), s.width, s.height);
    if (!r.ok) throw new Error(r.message);
    let x0 = 28;
    let x1 = -1;
    let y0 = 28;
    let y1 = -1;
    r.input.forEach((v, i) => {
      if (v > 0.05) {
        x0 = Math.min(x0, i % 28);
        x1 = Math.max(x1, i % 28);
        y0 = Math.min(y0, Math.floor(i / 28));
        y1 = Math.max(y1, Math.floor(i / 28));
      }
    });
    expect(Math.max(x1 - x0 + 1, y1 - y0 + 1)).toBeGreaterThanOrEqual(19);
    expect(Math.max(x1 - x0 + 1, y1 - y0 + 1)).toBeLessThanOrEqual(21);
  });

  it('does not invert a photo that is already light ink on dark', () => {
    const s = { ...spec(0), paper: 30, ink: 230 };
    const r = photoToMnist(photoRgba(s), s.width, s.height);
    expect(r.ok && r.levels.inverted).toBe(false);
    const dark = photoToMnist(photoRgba(spec(0)), 360, 300);
    if (!r.ok || !dark.ok) throw new Error('no digit');
    expect(cosine(r.input, dark.input)).toBeGreaterThan(0.95);
  });

  it('says "no digit found" for a blank photo of paper, and for a crop that misses the digit', () => {
    const blank = { ...spec(0), digit: new Float32Array(784) };
    const r = photoToMnist(photoRgba(blank), blank.width, blank.height);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/No digit found/);
    const s = spec(0);
    const miss = photoToMnist(photoRgba(s), s.width, s.height, { x: 0, y: 0, w: 40, h: 40 });
    expect(miss.ok).toBe(false);
    if (!miss.ok) expect(miss.message).toMatch(/inside the crop/);
  });

  it('uses the crop it is given: a crop around the digit gives the same input as the automatic one', () => {
    const s = spec(3);
    const rgba = photoRgba(s);
    const auto = photoToMnist(rgba, s.width, s.height);
    if (!auto.ok) throw new Error(auto.message);
    const wider = photoToMnist(rgba, s.width, s.height, {
      x: auto.crop.x - 10,
      y: auto.crop.y - 10,
      w: auto.crop.w + 20,
      h: auto.crop.h + 20,
    });
    if (!wider.ok) throw new Error(wider.message);
    expect(cosine(auto.input, wider.input)).toBeGreaterThan(0.99);
  });
});

describe('photo steps', () => {
  it('toGray weighs red, green and blue as BT.601', () => {
    const g = toGray(Uint8ClampedArray.from([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255]), 3, 1);
    expect(Array.from(g).map((v) => Number(v.toFixed(3)))).toEqual([0.299, 0.587, 0.114]);
    expect(() => toGray(new Uint8ClampedArray(7), 1, 2)).toThrow(/width \* height \* 4/);
  });

  it('stretchInk sends paper to 0 and ink to 1', () => {
    const gray = Float32Array.from([0.9, 0.9, 0.9, 0.1, 0.9, 0.9, 0.9, 0.9, 0.9]);
    const levels = inkLevels(gray, 3, 3);
    expect(levels.inverted).toBe(true);
    const ink = stretchInk(gray, levels);
    expect(ink[3]).toBeCloseTo(1, 5);
    expect(ink[0]).toBe(0);
  });

  it('clampCrop keeps a crop inside the image', () => {
    expect(clampCrop({ x: -5, y: 3.4, w: 500, h: 0 }, 100, 50)).toEqual({ x: 0, y: 3, w: 100, h: 1 });
  });
});

describe('readImageSize', () => {
  it('reads PNG, GIF, BMP, JPEG and WebP sizes from the header', () => {
    const png = encodePng(new Uint8ClampedArray(4 * 3 * 2), 3, 2);
    expect(readImageSize(png)).toEqual({ format: 'png', width: 3, height: 2 });
    expect(readImageSize(pngFile(20_000, 20_000, 0, new Uint8Array(4)))).toEqual({
      format: 'png',
      width: 20_000,
      height: 20_000,
    });
    const gif = Uint8Array.from([...Buffer.from('GIF89a'), 0x10, 0x27, 0x20, 0x4e]);
    expect(readImageSize(gif)).toEqual({ format: 'gif', width: 10_000, height: 20_000 });
    const bmp = new Uint8Array(26);
    bmp.set(Buffer.from('BM'));
    new DataView(bmp.buffer).setInt32(18, 640, true);
    new DataView(bmp.buffer).setInt32(22, -480, true);
    expect(readImageSize(bmp)).toEqual({ format: 'bmp', width: 640, height: 480 });
    // JPEG: SOI, an APP0 segment, then SOF0 with height 1200 and width 1600.
    const jpeg = Uint8Array.from([
      0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x04, 0xb0, 0x06, 0x40,
      0x03,
    ]);
    expect(readImageSize(jpeg)).toEqual({ format: 'jpeg', width: 1600, height: 1200 });
    const webp = new Uint8Array(30);
    webp.set(Buffer.from('RIFF'), 0);
    webp.set(Buffer.from('WEBPVP8X'), 8);
    webp.set([0x7f, 0x0c, 0x00, 0xdf, 0x09, 0x00], 24); // 3200 x 2528
    expect(readImageSize(webp)).toEqual({ format: 'webp', width: 3200, height: 2528 });
  });

  it('returns null for a file that is not an image it knows', () => {
    expect(readImageSize(new TextEncoder().encode('just some notes, not a photo'))).toBeNull();
    expect(readImageSize(new Uint8Array(0))).toBeNull();
  });
});
