/**
 * Common random numbers for the noise (docs/architecture/engine.md, "Noise"): the Gaussian value z for sample i, value j of a
 * stream is a fixed function of (seed, stream, i, j), so
 *  - the same seed gives the same noise on every run and every device (up to float rounding),
 *  - selection and estimation use disjoint streams and stay independent,
 *  - raising n extends the same prefix of samples, and a change of sigma rescales the same z.
 *
 * Each uniform comes from the PCG integer hash (Jarzynski & Olano 2020, "Hash Functions for GPU
 * Rendering", JCGT 9(3)); two uniforms give one normal by Box-Muller. Only 32-bit integer
 * arithmetic and 24-bit uniforms are used, so a WebGL2 shader can compute the very same values.
 * Pure TypeScript: no TF.js.
 */

/**
 * Stream ids of CERTIFY and PREDICT. Every use of the generator has its own ids, never reused:
 * 1, 2 here; 3, 4 the attacks (src/attacks, ATTACK_STREAM_IDS); 10 the 2D toy data, 11 and 12
 * 2D CERTIFY, 13 2D weight initialisation, 14 the 2D smoothed regions, 15 the 2D ray search
 * (src/toy2d); 20, 21 the simulated classifier of the coverage experiment (src/lesson); 22 the
 * checkpoints' simulated linear classifier (src/lesson/checkpointMath.ts).
 */
export const STREAM_IDS = { selection: 1, estimation: 2 } as const;

/** PCG hash: uint32 -> uint32. */
export function pcgHash(v: number): number {
  const state = (Math.imul(v >>> 0, 747796405) + 2891336453) >>> 0;
  const word = Math.imul(((state >>> ((state >>> 28) + 4)) ^ state) >>> 0, 277803737) >>> 0;
  return ((word >>> 22) ^ word) >>> 0;
}

/** A seed for one (base seed, item) pair, e.g. one test digit in the certify CLI. */
export function mixSeed(seed: number, item: number): number {
  return pcgHash((pcgHash(seed >>> 0) ^ (item >>> 0)) >>> 0);
}

/** The per-sample key from which all values of sample i in a stream derive. */
export function sampleKey(seed: number, stream: number, i: number): number {
  return pcgHash((pcgHash((pcgHash(seed >>> 0) ^ stream) >>> 0) + (i >>> 0)) >>> 0);
}

const TWO_POW_24 = 16777216;

/** Standard normal value j of the sample whose key is `key` (from sampleKey). */
export function gaussianAt(key: number, j: number): number {
  const a = pcgHash((key ^ pcgHash(2 * j)) >>> 0);
  const b = pcgHash((key ^ pcgHash(2 * j + 1)) >>> 0);
  const u1 = ((a >>> 8) + 0.5) / TWO_POW_24; // in (0, 1): log is finite
  const u2 = (b >>> 8) / TWO_POW_24;
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** pcgHash(2 j) and pcgHash(2 j + 1) for j < length: the part of gaussianAt that is the same for every sample. */
let valueHashes = { even: new Uint32Array(0), odd: new Uint32Array(0) };

function valueHashesFor(dim: number): { even: Uint32Array; odd: Uint32Array } {
  if (valueHashes.even.length < dim) {
    const even = new Uint32Array(dim);
    const odd = new Uint32Array(dim);
    for (let j = 0; j < dim; j++) {
      even[j] = pcgHash(2 * j);
      odd[j] = pcgHash(2 * j + 1);
    }
    valueHashes = { even, odd };
  }
  return valueHashes;
}

/**
 * Fills `out` (length count * dim) with z for samples first .. first + count - 1 of a stream,
 * sample-major: out[s * dim + j] = z(seed, stream, first + s, j), exactly gaussianAt(key, j) (the
 * same integer and double operations in the same order); the per-value hashes of j, which do not
 * depend on the sample, are computed once per dimension rather than once per value, which makes
 * this about a fifth faster (it is the engine's noise on wasm and cpu, and the certify CLI's).
 */
export function fillGaussian(
  out: Float32Array,
  seed: number,
  stream: number,
  first: number,
  count: number,
  dim: number,
): Float32Array {
  const { even, odd } = valueHashesFor(dim);
  for (let s = 0; s < count; s++) {
    const key = sampleKey(seed, stream, first + s);
    const row = s * dim;
    for (let j = 0; j < dim; j++) {
      const a = pcgHash((key ^ even[j]!) >>> 0);
      const b = pcgHash((key ^ odd[j]!) >>> 0);
      const u1 = ((a >>> 8) + 0.5) / TWO_POW_24;
      const u2 = (b >>> 8) / TWO_POW_24;
      out[row + j] = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
  }
  return out;
}
