/**
 * Projected gradient descent (here ascent on a loss) against a TF.js model, for L2 and L-infinity
 * budgets. TF.js computes the loss and its gradient for one input; the step, the projection onto the
 * ball and the clip to the box run in plain TypeScript (./norms), so the budget is enforced by pure,
 * tested code. Every tensor is made inside tf.tidy and disposed before the function returns.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { argmax, fillGaussian, normalCdf } from '../smoothing';
import { clipToBox, l2Norm, linfNorm, projectBall, steepestDirection } from './norms';
import type { AttackOptions, AttackResult, Norm } from './types';

/**
 * Noise stream ids of the attacks, for the counter-based generator fillGaussian (src/smoothing/noise).
 * They extend STREAM_IDS there (selection 1, estimation 2) and must not be reused for anything else:
 * 3 = the Gaussian draws of pgdSmoothed (sample s * m + i is draw i of step s), 4 = random starts.
 */
export const ATTACK_STREAM_IDS = { smoothedNoise: 3, randomStart: 4 } as const;

/** Draws averaged per step by pgdSmoothed when noiseSamples is not given. */
export const DEFAULT_NOISE_SAMPLES = 16;

/** Probabilities are clamped below at this value before a log (models without visible logits). */
const MIN_PROB = 1e-12;

interface Setup {
  dim: number;
  shape: number[];
  classes: number;
  eps: number;
  steps: number;
  stepSize: number;
  norm: Norm;
  lo: number;
  hi: number;
  seed: number;
}

/** The loss at delta and its gradient with respect to delta (length dim). */
type Objective = (delta: Float32Array, step: number) => Promise<{ loss: number; grad: Float32Array }>;

function fail(message: string): never {
  throw new RangeError(message);
}

/** Checks the arguments shared by every attack and resolves the defaults. */
function setup(model: tfl.LayersModel, x: Float32Array, label: number, o: AttackOptions): Setup {
  const modelShape = model.inputs[0]?.shape.slice(1) ?? [];
  const shape = [...(o.inputShape ?? modelShape)];
  if (shape.length === 0 || !shape.every((d) => Number.isInteger(d) && d !== null && d > 0)) {
    fail(`the input shape must be known positive integers, got [${shape.join(', ')}]`);
  }
  const dim = (shape as number[]).reduce((a, b) => a * b, 1);
  if (x.length !== dim) {
    fail(`x has ${x.length} values but the input shape [${shape.join(', ')}] needs ${dim}`);
  }
  const classes = model.outputs[0]?.shape.at(-1) ?? 0;
  if (!(typeof classes === 'number' && classes >= 2)) fail('the model must output at least 2 classes');
  if (!Number.isInteger(label) || label < 0 || label >= classes) {
    fail(`label must be an integer in [0, ${classes - 1}], got ${String(label)}`);
  }
  if (!(o.eps >= 0 && Number.isFinite(o.eps))) fail(`eps must be a finite number >= 0, got ${String(o.eps)}`);
  if (!Number.isInteger(o.steps) || o.steps < 0) {
    fail(`steps must be an integer >= 0, got ${String(o.steps)}`);
  }
  if (o.norm !== 'l2' && o.norm !== 'linf') fail(`norm must be 'l2' or 'linf', got ${String(o.norm)}`);
  const stepSize = o.stepSize ?? (o.steps > 0 ? (2.5 * o.eps) / o.steps : 0);
  if (!(stepSize >= 0 && Number.isFinite(stepSize))) {
    fail(`stepSize must be a finite number >= 0, got ${String(stepSize)}`);
  }
  const [lo, hi] = o.clip ?? [0, 1];
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo < hi)) fail(`clip must be [lo, hi] with lo < hi`);
  for (let j = 0; j < dim; j++) {
    const v = x[j]!;
    if (!(v >= lo && v <= hi)) fail(`x[${j}] = ${v} lies outside the clip box [${lo}, ${hi}]`);
  }
  const seed = o.seed ?? 0;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    fail(`seed must be a uint32, got ${String(seed)}`);
  }
  return {
    dim,
    shape: shape as number[],
    classes,
    eps: o.eps,
    steps: o.steps,
    stepSize,
    norm: o.norm,
    lo,
    hi,
    seed,
  };
}

/** The model's class probabilities [rows, classes] for a flat batch [rows, dim]. */
function probabilities(model: tfl.LayersModel, flat: tf.Tensor2D, s: Setup): tf.Tensor2D {
  const rows = flat.shape[0];
  return model.apply(tf.reshape(flat, [rows, ...s.shape]), { training: false }) as tf.Tensor2D;
}

/**
 * Class scores [rows, classes] whose softmax is the model's output, for a flat batch [rows, dim];
 * differentiable. For a sequential model whose last layer is Dense with softmax (both architectures
 * here) these are the logits, computed by running the other layers and the last layer's affine part,
 * so the gradient does not vanish where the softmax saturates (p_label rounding to 1 in float32).
 * Any other model gets log(max(p, 1e-12)), which has the same differences between classes.
 */
export function modelScores(
  model: tfl.LayersModel,
  flat: tf.Tensor2D,
  inputShape: readonly number[],
): tf.Tensor2D {
  return tf.tidy((): tf.Tensor2D => {
    const rows = flat.shape[0];
    const input = tf.reshape(flat, [rows, ...inputShape]);
    const layers = model.layers.filter((l) => l.getClassName() !== 'InputLayer');
    const last = layers.at(-1);
    if (
      model.getClassName() === 'Sequential' &&
      last !== undefined &&
      last.getClassName() === 'Dense' &&
      last.getConfig()['activation'] === 'softmax'
    ) {
      let h: tf.Tensor = input;
      for (const layer of layers.slice(0, -1)) h = layer.apply(h, { training: false }) as tf.Tensor;
      const [kernel, bias] = last.getWeights();
      if (h.rank === 2 && kernel !== undefined && kernel.rank === 2) {
        const z = tf.matMul<tf.Tensor2D>(h, kernel);
        return bias === undefined ? z : (tf.add(z, bias) as tf.Tensor2D);
      }
    }
    const p = model.apply(input, { training: false }) as tf.Tensor2D;
    return tf.log(tf.maximum<tf.Tensor2D>(p, MIN_PROB));
  });
}

/** A random starting perturbation inside the ball (before the box clip), from stream 4. */
function randomDelta(s: Setup): Float32Array {
  const z = fillGaussian(new Float32Array(s.dim + 1), s.seed, ATTACK_STREAM_IDS.randomStart, 0, 1, s.dim + 1);
  const out = new Float32Array(s.dim);
  if (s.norm === 'linf') {
    // Phi(z) is uniform on (0, 1), so each value is uniform on (-eps, eps).
    for (let j = 0; j < s.dim; j++) out[j] = s.eps * (2 * normalCdf(z[j]!) - 1);
  } else {
    const dir = z.subarray(0, s.dim);
    const n = l2Norm(dir);
    const r = s.eps * normalCdf(z[s.dim]!);
    for (let j = 0; j < s.dim; j++) out[j] = n > 0 ? (r * dir[j]!) / n : 0;
  }
  return out;
}

/** Loss and gradient of a scalar function of delta [1, dim], read back to the CPU and disposed. */
async function evaluate(
  f: (delta: tf.Tensor2D) => tf.Scalar,
  delta: Float32Array,
): Promise<{ loss: number; grad: Float32Array }> {
  const [value, grad] = tf.tidy(() => {
    const r = tf.valueAndGrad(f)(tf.tensor2d(delta, [1, delta.length]));
    return [r.value, r.grad];
  });
  try {
    const [v, g] = await Promise.all([value.data(), grad.data()]);
    return { loss: v[0]!, grad: Float32Array.from(g) };
  } finally {
    value.dispose();
    grad.dispose();
  }
}

/** The base model's classes for a few flat inputs. */
async function baseClasses(model: tfl.LayersModel, inputs: Float32Array[], s: Setup): Promise<number[]> {
  const probs = tf.tidy(() => {
    const flat = tf.stack(inputs.map((v) => tf.tensor1d(v))) as tf.Tensor2D;
    return probabilities(model, flat, s);
  });
  try {
    const p = await probs.data();
    return inputs.map((_, r) => argmax(Array.from(p.subarray(r * s.classes, (r + 1) * s.classes))));
  } finally {
    probs.dispose();
  }
}

/**
 * The PGD loop shared by the attacks: from delta_0 (0, or a random point of the ball), repeat
 * delta <- clipToBox(project_eps(delta + stepSize * direction(grad))), where direction is
 * grad / ||grad||_2 for L2 and sign(grad) for L-infinity. Returns the last iterate.
 */
async function runPgd(
  model: tfl.LayersModel,
  x: Float32Array,
  s: Setup,
  o: AttackOptions,
  objective: Objective,
): Promise<AttackResult> {
  let delta = o.randomStart ? randomDelta(s) : new Float32Array(s.dim);
  delta = clipToBox(x, projectBall(delta, s.eps, s.norm), s.lo, s.hi);
  const lossHistory: number[] = [];
  for (let step = 0; step < s.steps; step++) {
    const { loss, grad } = await objective(delta, step);
    lossHistory.push(loss);
    o.onStep?.(step, loss, delta.slice());
    const dir = steepestDirection(grad, s.norm);
    const moved = new Float32Array(s.dim);
    for (let j = 0; j < s.dim; j++) moved[j] = delta[j]! + s.stepSize * dir[j]!;
    delta = clipToBox(x, projectBall(moved, s.eps, s.norm), s.lo, s.hi);
  }
  lossHistory.push((await objective(delta, s.steps)).loss);
  const xAdv = new Float32Array(s.dim);
  for (let j = 0; j < s.dim; j++) xAdv[j] = Math.min(s.hi, Math.max(s.lo, x[j]! + delta[j]!));
  const finalDelta = new Float32Array(s.dim);
  for (let j = 0; j < s.dim; j++) finalDelta[j] = xAdv[j]! - x[j]!;
  const [baseLabelBefore, baseLabelAfter] = await baseClasses(model, [x, xAdv], s);
  return {
    xAdv,
    delta: finalDelta,
    l2: l2Norm(finalDelta),
    linf: linfNorm(finalDelta),
    baseLabelBefore: baseLabelBefore!,
    baseLabelAfter: baseLabelAfter!,
    lossHistory,
    stepSize: s.stepSize,
  };
}

/**
 * PGD against the base model f (Madry, Makelov, Schmidt, Tsipras & Vladu 2018, "Towards Deep Learning
 * Models Resistant to Adversarial Attacks"). Maximizes the cross-entropy -log f(x + delta)_label
 * (or the logit margin, o.loss = 'margin') over ||delta|| <= eps in o.norm with x + delta in the clip
 * box: normalized-gradient steps and projection onto the L2 ball for 'l2', sign steps and clipping for
 * 'linf'.
 *
 * x: flat input values (e.g. 784 pixels in [0, 1]) in the model's input layout; label: its true class.
 * Guarantees ||xAdv - x|| <= eps (up to float32 rounding) and xAdv inside the box; not that the
 * base model's class changes. Deterministic given the options. Disposes every tensor it makes.
 *
 * @throws RangeError naming the offending option or argument
 */
export async function pgdBase(
  model: tfl.LayersModel,
  x: Float32Array,
  label: number,
  o: AttackOptions,
): Promise<AttackResult> {
  const s = setup(model, x, label, o);
  const lossKind = o.loss ?? 'ce';
  if (lossKind !== 'ce' && lossKind !== 'margin') {
    fail(`loss must be 'ce' or 'margin', got ${String(lossKind)}`);
  }
  const objective: Objective = (delta) =>
    evaluate((d) => {
      const z = modelScores(model, tf.add<tf.Tensor2D>(tf.tensor2d(x, [1, s.dim]), d), s.shape);
      const own = tf.sum(tf.slice(z, [0, label], [1, 1]));
      if (lossKind === 'ce') return tf.sub<tf.Scalar>(tf.logSumExp(z), own); // -log softmax(z)_label
      // The best other class: push the label's own score far down before the max.
      const mask = tf.mul(tf.oneHot(tf.tensor1d([label], 'int32'), s.classes), 1e9);
      return tf.sub<tf.Scalar>(tf.max(tf.sub(z, mask)), own);
    }, delta);
  return runPgd(model, x, s, o, objective);
}

/**
 * PGD against the smoothed classifier g(x) = argmax_c P(f(x + sigma z) = c), z ~ N(0, I): the SmoothAdv
 * attack of Salman, Li, Razenshteyn, Zhang, Zhang, Bubeck & Yang 2019, "Provably Robust Deep Learning
 * via Adversarially Trained Smoothed Classifiers". As g is not differentiable, it ascends the loss of
 * the soft smoothed classifier, -log( (1/m) sum_i softmax(f(x + delta + sigma z_i))_label ), with the
 * gradient taken through the average (expectation over transformation). Step s uses m = noiseSamples
 * fresh draws z, samples s * m .. s * m + m - 1 of noise stream ATTACK_STREAM_IDS.smoothedNoise (3)
 * under o.seed, so a run is reproducible (fresh draws at every step estimate the expectation rather
 * than fitting one fixed set; Salman et al.'s code reuses one set across steps). The noise is added
 * after the clip: x + delta stays in the box, x + delta + sigma z need not.
 *
 * Guarantees ||xAdv - x|| <= eps in o.norm (up to float32 rounding) and xAdv inside the box. For an L2
 * attack with eps below a certified radius R of x, a correct certificate (probability >= 1 - alpha)
 * means g(xAdv) = g(x) whatever this attack does. Disposes every tensor it makes.
 *
 * @throws RangeError naming the offending option (sigma and noiseSamples are required to be valid)
 */
export async function pgdSmoothed(
  model: tfl.LayersModel,
  x: Float32Array,
  label: number,
  o: AttackOptions,
): Promise<AttackResult> {
  const s = setup(model, x, label, o);
  const sigma = o.sigma ?? NaN;
  if (!(sigma > 0 && Number.isFinite(sigma))) {
    fail(`sigma must be a finite number > 0, got ${String(o.sigma)}`);
  }
  const m = o.noiseSamples ?? DEFAULT_NOISE_SAMPLES;
  if (!Number.isInteger(m) || m < 1) fail(`noiseSamples must be an integer >= 1, got ${String(m)}`);
  if (o.loss !== undefined && o.loss !== 'ce') {
    fail(`pgdSmoothed uses the smoothed cross-entropy; loss '${String(o.loss)}' is not supported`);
  }
  const z = new Float32Array(m * s.dim);
  const objective: Objective = (delta, step) => {
    fillGaussian(z, s.seed, ATTACK_STREAM_IDS.smoothedNoise, step * m, m, s.dim);
    return evaluate((d) => {
      const noisy = tf.add<tf.Tensor2D>(
        tf.add(tf.tensor2d(x, [1, s.dim]), d),
        tf.mul(tf.tensor2d(z, [m, s.dim]), sigma),
      );
      const scores = modelScores(model, noisy, s.shape);
      // log softmax_label of each draw, then -log of their mean, all in the log domain.
      const logP = tf.sub(tf.slice(scores, [0, label], [m, 1]), tf.logSumExp(scores, 1, true));
      return tf.neg(tf.sub<tf.Scalar>(tf.logSumExp(logP), Math.log(m)));
    }, delta);
  };
  return runPgd(model, x, s, o, objective);
}
