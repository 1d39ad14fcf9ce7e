/**
 * Noisy copies x + sigma * z made in JavaScript, for backends without the GPU noise program (wasm,
 * cpu). z is exactly the lab's counter-based noise (fillGaussian, src/smoothing/noise.ts); the
 * product and the sum are rounded to float32 as TF.js's Mul and Add kernels round them, so the rows
 * equal `tf.add(x, tf.mul(z, sigma))` bit for bit and the votes stay those of the certify CLI. Fusing
 * the two steps here saves two full-batch tensor operations, and lets the work run in a helper
 * worker beside the forward pass (see noiseSource.ts). Pure TypeScript, no TF.js.
 */
import { fillGaussian } from '../../smoothing/noise';

export interface NoisyRowsRequest {
  /** The clean input, length dim. */
  x: Float32Array;
  /** Noise standard deviation (rounded to float32, as a TF.js scalar would be). */
  sigma: number;
  seed: number;
  /** Stream id (STREAM_IDS). */
  stream: number;
  /** First sample index of the batch in its stream. */
  first: number;
  /** Noisy rows (samples first .. first + count - 1). */
  count: number;
  /** Total rows, count <= rows; rows past count are x itself (padding, never counted). */
  rows: number;
}

/**
 * Fills `out` (length rows * dim, sample-major) with x + sigma * z(seed, stream, first + s, j) for
 * s < count and with x for the padding rows. Returns `out`.
 */
export function fillNoisyRows(out: Float32Array, r: NoisyRowsRequest): Float32Array {
  const { x, count, rows } = r;
  const dim = x.length;
  const sigma = Math.fround(r.sigma);
  const z = new Float32Array(dim);
  for (let s = 0; s < count; s++) {
    fillGaussian(z, r.seed, r.stream, r.first + s, 1, dim);
    const row = s * dim;
    // Each product and sum is exact in double precision and then rounded once to float32, which is
    // float32 arithmetic's own result (53 >= 2 * 24 + 2 bits, so double rounding cannot differ).
    for (let j = 0; j < dim; j++) out[row + j] = x[j]! + Math.fround(z[j]! * sigma);
  }
  for (let s = count; s < rows; s++) out.set(x, s * dim);
  return out;
}
