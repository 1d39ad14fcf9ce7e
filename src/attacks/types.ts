/**
 * The shared signature of every attack in src/attacks: one input, its label, options in, one
 * adversarial input and its bookkeeping out. Plain data only (typed arrays and numbers), so results
 * can cross a Web Worker boundary.
 */
import type * as tfl from '@tensorflow/tfjs-layers';

/** The norm that measures the perturbation budget. */
export type Norm = 'l2' | 'linf';

/** What the base-model attack maximizes. */
export type AttackLoss = 'ce' | 'margin';

export interface AttackOptions {
  /** Budget: ||xAdv - x|| <= eps in `norm`, in input units (pixel intensities in [0, 1]); >= 0. */
  eps: number;
  /** Gradient steps, integer >= 0 (0 returns the starting point). */
  steps: number;
  /** Size of each step in `norm`, in input units; default 2.5 * eps / steps (Madry et al. 2018). */
  stepSize?: number;
  /** The norm of the budget and of the steps. */
  norm: Norm;
  /** Box the adversarial input stays in, [lo, hi]; default [0, 1]. x itself must lie in it. */
  clip?: readonly [number, number];
  /** Seed (uint32) of every random draw of the attack (random start, noise); default 0. */
  seed?: number;
  /**
   * Start from a random point of the ball (uniform per pixel for L-infinity; a uniform radius along
   * a Gaussian direction for L2) instead of from x. Default false.
   */
  randomStart?: boolean;
  /**
   * pgdBase only: 'ce' maximizes the cross-entropy -log p_label (default); 'margin' maximizes
   * max_{j != label} log p_j - log p_label, which equals the logit margin.
   */
  loss?: AttackLoss;
  /** pgdSmoothed only: the smoothing noise standard deviation, input units, > 0. */
  sigma?: number;
  /** pgdSmoothed only: Gaussian draws m averaged at each step, integer >= 1; default 16. */
  noiseSamples?: number;
  /** Model input shape without the batch dimension; default the model's own, e.g. [28, 28, 1]. */
  inputShape?: readonly number[];
  /**
   * Called at each step with its index (0-based), the loss before the step, and the iterate delta =
   * x' - x the step starts from (a copy, same length as x): delta at step 0 is the start (zeros, or the
   * random start), so these iterates followed by AttackResult.delta trace the attack's whole path.
   */
  onStep?: (step: number, loss: number, delta: Float32Array) => void;
}

export interface AttackResult {
  /** The adversarial input, same length as x, every value inside the clip box. */
  xAdv: Float32Array;
  /** xAdv - x. */
  delta: Float32Array;
  /** ||delta||_2 in input units (at most eps + float32 rounding for an L2 attack). */
  l2: number;
  /** ||delta||_inf in input units (at most eps + float32 rounding for an L-infinity attack). */
  linf: number;
  /** The base model's class (argmax of its output) on x. */
  baseLabelBefore: number;
  /** The base model's class on xAdv. */
  baseLabelAfter: number;
  /** The attack's loss at each iterate 0 .. steps (length steps + 1); the attack tries to raise it. */
  lossHistory: number[];
  /** The step size used, input units. */
  stepSize: number;
}

/**
 * An attack: finds xAdv near x (a flat Float32Array of the model's input values, e.g. 784 pixels in
 * [0, 1]) that raises the model's loss on `label`. The model is a TF.js layers model with softmax
 * output [batch, classes]. Deterministic given the options; every tensor it makes is disposed.
 */
export type Attack = (
  model: tfl.LayersModel,
  x: Float32Array,
  label: number,
  o: AttackOptions,
) => Promise<AttackResult>;
