/** Model cards: what each shipped base model is, how it was trained, and how well it does. */
import type { Architecture } from './architectures';

export { SIGMAS, modelId } from './ids';

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
