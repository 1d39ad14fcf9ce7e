/** Model cards: what each shipped base model is, how it was trained, and how well it does. */
import type { Architecture } from './architectures';

/** The noise levels the shipped models were trained with (Cohen et al. 2019 use 0.12 ... 1.00). */
export const SIGMAS = [0, 0.12, 0.25, 0.5, 1] as const;

/** "cnn-0.25", "mlp-1.00", ... */
export function modelId(arch: Architecture, sigma: number): string {
  return `${arch}-${sigma.toFixed(2)}`;
}

export interface ModelCard {
  id: string;
  architecture: Architecture;
  /** The layers in words. */
  layers: string;
  parameterCount: number;
  /** Standard deviation of the Gaussian noise added to the pixels in training (pixels in [0, 1]). */
  sigmaTrain: number;
  seed: number;
  data: { source: string; splitSeed: number; train: number; test: number };
  epochs: number;
  batchSize: number;
  optimizer: string;
  /** Accuracy on the test digits, no noise, as a fraction. */
  cleanAccuracy: number;
  /** Accuracy on the test digits with one draw of N(0, sigmaTrain^2) noise each, as a fraction. */
  noisyAccuracy: number;
  trainingCommand: string;
  trainingSeconds: number;
  trainingBackend: string;
  files: { model: string; weights: string; weightBytes: number };
}
