/**
 * A photo of a digit written on paper, turned into an MNIST-style input the way MNIST was made
 * (LeCun et al. 1998): grayscale; inverted to white ink on black when the paper is light; a
 * contrast stretch that sends the paper to 0 and the ink to 1; a crop (adjustable by the student);
 * then `preprocessDrawing`: the ink's bounding box scaled to 20 px on its longer side, keeping its
 * aspect ratio, and placed in 28x28 by its centre of mass. Every step's image is returned so the
 * page can show it. Pure TypeScript: decoding and downscaling the file happen elsewhere (a worker).
 */
import { MNIST_SIDE, preprocessDrawing } from './preprocess';

/** A crop rectangle in pixels of the working image: left, top, width, height (integers). */
export interface Crop {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Below this difference between the ink and the paper level (on [0, 1]), there is no digit. */
export const MIN_CONTRAST = 0.2;
/** Below this share of the crop's pixels carrying ink, there is no digit. */
export const MIN_INK_SHARE = 0.0005;

/**
 * Luminance (ITU-R BT.601 weights) of RGBA pixels, in [0, 1].
 * @param rgba width * height * 4 bytes, row-major
 */
export function toGray(rgba: ArrayLike<number>, width: number, height: number): Float32Array {
  if (rgba.length !== width * height * 4) {
    throw new RangeError(`rgba has ${rgba.length} values, not width * height * 4 = ${width * height * 4}`);
  }
  const out = new Float32Array(width * height);
  for (let i = 0; i < out.length; i++) {
    out[i] = (0.299 * rgba[4 * i]! + 0.587 * rgba[4 * i + 1]! + 0.114 * rgba[4 * i + 2]!) / 255;
  }
  return out;
}

/** The q-quantiles (each in 0..1) of values, by sorting one copy. */
function quantiles(values: ArrayLike<number>, ...qs: number[]): number[] {
  const s = Float32Array.from(values).sort();
  return qs.map((q) => s[Math.min(s.length - 1, Math.max(0, Math.floor(q * (s.length - 1))))]!);
}

export interface InkLevels {
  /** True when the paper is lighter than the ink (a photo of dark ink on paper): the image is inverted. */
  inverted: boolean;
  /** The paper's level after any inversion (the median pixel). */
  paper: number;
  /** The ink's level after any inversion (the 99.9th percentile). */
  ink: number;
}

/**
 * Decides the polarity from the image border (paper surrounds the digit): a border median above
 * 1/2 means light paper, so the image is inverted. Then the paper and ink levels.
 */
export function inkLevels(gray: Float32Array, width: number, height: number): InkLevels {
  const border: number[] = [];
  for (let x = 0; x < width; x++) border.push(gray[x]!, gray[(height - 1) * width + x]!);
  for (let y = 0; y < height; y++) border.push(gray[y * width]!, gray[y * width + width - 1]!);
  const inverted = quantiles(border, 0.5)[0]! > 0.5;
  const v = inverted ? gray.map((g) => 1 - g) : gray;
  const [paper, ink] = quantiles(v, 0.5, 0.999) as [number, number];
  return { inverted, paper, ink };
}

/**
 * White-on-black ink in [0, 1]: inverted if needed, then stretched so that everything up to 35% of
 * the way from the paper level to the ink level becomes 0 (paper texture, noise, soft shadows) and
 * everything from 75% of the way becomes 1.
 */
export function stretchInk(gray: Float32Array, levels: InkLevels): Float32Array {
  const lo = levels.paper + 0.35 * (levels.ink - levels.paper);
  const hi = levels.paper + 0.75 * (levels.ink - levels.paper);
  const span = Math.max(1e-6, hi - lo);
  return gray.map((g) => {
    const v = levels.inverted ? 1 - g : g;
    return Math.min(1, Math.max(0, (v - lo) / span));
  });
}

/** The bounding box of pixels above `threshold`, or null when there are none. */
export function inkBox(ink: Float32Array, width: number, height: number, threshold = 0.05): Crop | null {
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x]! > threshold) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  return x1 < 0 ? null : { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
}

/** The crop clamped to the image, at least 1x1, in whole pixels. */
export function clampCrop(c: Crop, width: number, height: number): Crop {
  const x = Math.min(width - 1, Math.max(0, Math.round(c.x)));
  const y = Math.min(height - 1, Math.max(0, Math.round(c.y)));
  const w = Math.min(width - x, Math.max(1, Math.round(c.w)));
  const h = Math.min(height - y, Math.max(1, Math.round(c.h)));
  return { x, y, w, h };
}

/** The box grown by `margin` of its longer side on every side, clamped to the image. */
export function padCrop(c: Crop, margin: number, width: number, height: number): Crop {
  const m = Math.round(margin * Math.max(c.w, c.h));
  return clampCrop({ x: c.x - m, y: c.y - m, w: c.w + 2 * m, h: c.h + 2 * m }, width, height);
}

/** The pixels of `crop` (clamped to the image), row-major. */
export function cropPixels(img: Float32Array, width: number, height: number, crop: Crop): Float32Array {
  const c = clampCrop(crop, width, height);
  const out = new Float32Array(c.w * c.h);
  for (let y = 0; y < c.h; y++)
    out.set(img.subarray((c.y + y) * width + c.x, (c.y + y) * width + c.x + c.w), y * c.w);
  return out;
}

export type PhotoResult =
  | {
      ok: true;
      gray: Float32Array;
      levels: InkLevels;
      /** White-on-black ink after inversion and the contrast stretch, full working size. */
      ink: Float32Array;
      /** The crop used (the one given, or the ink's bounding box with a margin). */
      crop: Crop;
      /** 28 * 28 intensities in [0, 1]: the model's input. */
      input: Float32Array;
    }
  | { ok: false; reason: 'blank'; message: string; gray: Float32Array; crop: Crop | null };

/**
 * The whole pipeline on a decoded, downscaled photo.
 *
 * @param rgba width * height * 4 bytes (an ImageData's data)
 * @param crop the student's crop in working pixels; by default the ink's bounding box plus 10%
 * @returns every step, or `ok: false` with a message when no digit is found (too little contrast,
 *   or almost no ink inside the crop)
 */
export function photoToMnist(
  rgba: ArrayLike<number>,
  width: number,
  height: number,
  crop?: Crop,
): PhotoResult {
  const gray = toGray(rgba, width, height);
  const levels = inkLevels(gray, width, height);
  const blank = (message: string, c: Crop | null): PhotoResult => ({
    ok: false,
    reason: 'blank',
    message,
    gray,
    crop: c,
  });
  if (levels.ink - levels.paper < MIN_CONTRAST) {
    return blank(
      'No digit found: the photo is almost uniform (no ink darker than the paper). Write the digit with a dark pen, fill more of the frame, and try again.',
      null,
    );
  }
  const ink = stretchInk(gray, levels);
  const box = inkBox(ink, width, height);
  const c = crop ? clampCrop(crop, width, height) : box ? padCrop(box, 0.1, width, height) : null;
  if (!c) return blank('No digit found in this photo.', null);
  const inside = cropPixels(ink, width, height, c);
  let inked = 0;
  for (const v of inside) if (v > 0.5) inked++;
  if (inked < Math.max(3, MIN_INK_SHARE * inside.length)) {
    return blank('No digit found inside the crop: widen the crop so it holds the whole digit.', c);
  }
  const input = preprocessDrawing(inside, c.w, c.h);
  if (!input) return blank('No digit found inside the crop.', c);
  return { ok: true, gray, levels, ink, crop: c, input };
}

export { MNIST_SIDE };
