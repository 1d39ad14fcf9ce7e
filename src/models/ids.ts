/**
 * The names of the shipped models and of their certify runs, built in one place: model ids
 * ("cnn-0.25"), the keys of the shipped certify runs ("cnn-0.25-sigma0.25", the TSV file names in
 * models/certify/), and the noise levels the sliders mark. Pure: no TF.js.
 */
import type { Architecture } from './architectures';

/** The noise levels the shipped models were trained with (Cohen et al. 2019 use 0.12 ... 1.00). */
export const SIGMAS = [0, 0.12, 0.25, 0.5, 1] as const;

/** The noise levels marked on every sigma slider: the nonzero training levels. */
export const SIGMA_MARKS: readonly number[] = SIGMAS.filter((s) => s > 0);

/** A noise level as it appears in ids and file names: two decimals ("0.50"). */
export const sigmaLabel = (sigma: number): string => sigma.toFixed(2);

/** "cnn-0.25", "mlp-1.00", ... */
export function modelId(arch: Architecture, sigma: number): string {
  return `${arch}-${sigmaLabel(sigma)}`;
}

/** The key of a shipped certify run of `model` at noise `sigma`: "cnn-0.25-sigma0.50". */
export function shippedRunKey(model: string, sigma: number): string {
  return `${model}-sigma${sigmaLabel(sigma)}`;
}
