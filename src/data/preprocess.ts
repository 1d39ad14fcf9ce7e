/**
 * Turns a digit drawn on a canvas into an MNIST-style input, following how MNIST itself was made
 * (LeCun et al. 1998): the ink's bounding box is scaled, keeping its aspect ratio, so that its
 * longer side is 20 pixels (area averaging, which anti-aliases like the original); the result is
 * placed in a 28x28 field so that its centre of mass sits at the centre. Pure TypeScript.
 */

export const MNIST_SIDE = 28;
const BOX = 20;
/** Pixels at or below this intensity count as background when finding the ink. */
const INK = 0.05;

/**
 * @param ink grayscale drawing, row-major, width * height values, 0 = paper, 1 = full ink
 * @returns 28 * 28 intensities in [0, 1] (max 1), or null when nothing was drawn
 */
export function preprocessDrawing(
  ink: ArrayLike<number>,
  width: number,
  height: number,
): Float32Array | null {
  if (ink.length !== width * height) {
    throw new RangeError(`ink has ${ink.length} values, not width * height = ${width * height}`);
  }
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x]! > INK) {
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y);
      }
    }
  }
  if (x1 < 0) return null;
  const bw = x1 - x0 + 1;
  const bh = y1 - y0 + 1;
  const scale = BOX / Math.max(bw, bh);
  const tw = Math.max(1, Math.round(bw * scale));
  const th = Math.max(1, Math.round(bh * scale));
  const small = resampleArea(ink, width, x0, y0, bw, bh, tw, th);

  // Centre of mass of the scaled digit, then its offset into the 28x28 field.
  let mass = 0;
  let cx = 0;
  let cy = 0;
  for (let y = 0; y < th; y++) {
    for (let x = 0; x < tw; x++) {
      const v = small[y * tw + x]!;
      mass += v;
      cx += v * (x + 0.5);
      cy += v * (y + 0.5);
    }
  }
  const ox = Math.round(MNIST_SIDE / 2 - cx / mass);
  const oy = Math.round(MNIST_SIDE / 2 - cy / mass);
  const out = new Float32Array(MNIST_SIDE * MNIST_SIDE);
  let max = 0;
  for (let y = 0; y < th; y++) {
    const ty = y + oy;
    if (ty < 0 || ty >= MNIST_SIDE) continue;
    for (let x = 0; x < tw; x++) {
      const tx = x + ox;
      if (tx < 0 || tx >= MNIST_SIDE) continue;
      const v = Math.min(1, Math.max(0, small[y * tw + x]!));
      out[ty * MNIST_SIDE + tx] = v;
      max = Math.max(max, v);
    }
  }
  if (max > 0) for (let i = 0; i < out.length; i++) out[i] = out[i]! / max;
  return out;
}

/**
 * Area-averaging resample of the box (x0, y0, bw, bh) of a width-wide image to tw x th: each
 * target pixel is the mean of the source area it covers, fractional overlaps weighted.
 */
function resampleArea(
  src: ArrayLike<number>,
  width: number,
  x0: number,
  y0: number,
  bw: number,
  bh: number,
  tw: number,
  th: number,
): Float32Array {
  const out = new Float32Array(tw * th);
  const sx = bw / tw;
  const sy = bh / th;
  for (let ty = 0; ty < th; ty++) {
    const ya = ty * sy;
    const yb = ya + sy;
    for (let tx = 0; tx < tw; tx++) {
      const xa = tx * sx;
      const xb = xa + sx;
      let sum = 0;
      for (let y = Math.floor(ya); y < Math.ceil(yb); y++) {
        const wy = Math.min(yb, y + 1) - Math.max(ya, y);
        for (let x = Math.floor(xa); x < Math.ceil(xb); x++) {
          const wx = Math.min(xb, x + 1) - Math.max(xa, x);
          sum += wx * wy * src[(y0 + y) * width + x0 + x]!;
        }
      }
      out[ty * tw + tx] = sum / (sx * sy);
    }
  }
  return out;
}
