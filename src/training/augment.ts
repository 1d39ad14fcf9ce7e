/**
 * Small geometric augmentation for 28x28 digits: a random shift of up to `shift` pixels on each
 * axis and a random rotation of up to `degrees` about the centre, resampled bilinearly with zeros
 * outside the image. Pure TypeScript (no TF.js), so it runs in Node tests, the training script and
 * the browser's training worker alike.
 */
import mt19937 from '@stdlib/random-base-mt19937';

export interface AugmentOptions {
  /** Largest shift, in pixels, on each axis (uniform in [-shift, shift]). */
  shift: number;
  /** Largest rotation, in degrees (uniform in [-degrees, degrees]). */
  degrees: number;
}

export const DEFAULT_AUGMENT: AugmentOptions = { shift: 2, degrees: 10 };

/** A seeded source of uniform numbers in [0, 1). */
export function uniformSource(seed: number): () => number {
  const next = mt19937.factory({ seed: seed >>> 0 || 1 });
  return () => next() / 4294967296;
}

/** A seeded permutation of 0..n-1 (Fisher-Yates). */
export function permutation(n: number, rand: () => number): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = p[i]!;
    p[i] = p[j]!;
    p[j] = t;
  }
  return p;
}

/**
 * Writes the warped image of `src` (side x side, any scale) into `dst`. The output pixel (r, c)
 * takes the source at the inverse rotation about the centre, minus the shift.
 */
export function warp(
  src: ArrayLike<number>,
  dst: Float32Array,
  side: number,
  dx: number,
  dy: number,
  radians: number,
  scale = 1,
): void {
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  const mid = (side - 1) / 2;
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      const y = r - dy - mid;
      const x = c - dx - mid;
      const sx = cos * x + sin * y + mid;
      const sy = -sin * x + cos * y + mid;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      let v = 0;
      for (let k = 0; k < 4; k++) {
        const yy = y0 + (k >> 1);
        const xx = x0 + (k & 1);
        if (yy < 0 || yy >= side || xx < 0 || xx >= side) continue;
        const w = (k & 1 ? fx : 1 - fx) * (k >> 1 ? fy : 1 - fy);
        v += w * src[yy * side + xx]!;
      }
      dst[r * side + c] = v * scale;
    }
  }
}

/**
 * A batch of digits as float32 in [0, 1], shape [indices.length, side, side] flattened:
 * warped at random when `augment` is given, copied as they are otherwise.
 */
export function batchPixels(
  pixels: Uint8Array,
  side: number,
  indices: ArrayLike<number>,
  augment: AugmentOptions | null,
  rand: () => number,
): Float32Array {
  const size = side * side;
  const out = new Float32Array(indices.length * size);
  for (let i = 0; i < indices.length; i++) {
    const src = pixels.subarray(indices[i]! * size, (indices[i]! + 1) * size);
    const dst = out.subarray(i * size, (i + 1) * size);
    if (!augment) {
      for (let p = 0; p < size; p++) dst[p] = src[p]! / 255;
      continue;
    }
    const dx = (2 * rand() - 1) * augment.shift;
    const dy = (2 * rand() - 1) * augment.shift;
    const angle = (((2 * rand() - 1) * augment.degrees) / 180) * Math.PI;
    warp(src, dst, side, dx, dy, angle, 1 / 255);
  }
  return out;
}
