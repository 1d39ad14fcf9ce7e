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
  /** The files, the weights' size in bytes and SHA-256 (hex), checked when the model loads. */
  files: { model: string; weights: string; weightBytes: number; sha256?: string };
  /** How the model was trained, for models trained by `npm run train` in Node (absent on older cards). */
  recipe?: TrainingRecipe;
}

/** The training method and its schedule, as recorded by scripts/train.ts. */
export interface TrainingRecipe {
  /** Gaussian augmentation (Cohen et al. 2019) or consistency regularisation (Jeong & Shin 2020). */
  method: 'gaussian' | 'consistency';
  /** Consistency weight, entropy weight and noisy copies per digit (consistency only). */
  lambda?: number;
  eta?: number;
  copies?: number;
  /** Largest random shift (pixels) and rotation (degrees) before the noise, or null for none. */
  augment: { shift: number; degrees: number } | null;
  /** Digits held out of the 8,000 training digits to pick the epoch and drive the schedule. */
  validation: number;
  maxEpochs: number;
  /** The epoch whose weights were kept (best accuracy under noise on the validation digits). */
  bestEpoch: number;
  stopped: 'early' | 'max-epochs';
  /** Per epoch: mean training loss, validation accuracy under N(0, sigmaTrain^2), learning rate, seconds. */
  history: { epoch: number; loss: number; valAccuracy: number; learningRate: number; seconds: number }[];
}
