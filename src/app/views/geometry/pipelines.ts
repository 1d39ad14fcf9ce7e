/**
 * The geometry view's five async pipelines as plain functions of their inputs, an AbortSignal and a
 * progress callback (the shape `useKeyedTask` runs): training the base classifier, CERTIFY at the
 * selected point, the ray search, the PGD attack and the smoothed decision regions. Each stops soon
 * after its signal aborts. TF.js runs in the geometry view's own worker (./toyTf), started on first
 * use, not with the page; CERTIFY and the ray search are plain TypeScript in short page slices.
 */
import type { ReluNet } from '../../../bounds';
import { EXTENT, type RegionGrid } from '../../../components/geometry/GeoPlot';
import type {
  AttackOutcome,
  RayState,
  SmoothedState,
  TrainedToy,
  TrainProgress,
} from '../../../components/geometry/types';
import { ABSTAIN, certify, predict, type CertifyResult } from '../../../smoothing';
import type { GeoParams } from '../../../store/urlSchema';
import { compileNet, DEFAULT_RAY_OPTIONS, raySearch, type RayHit } from '../../../toy2d/raySearch';
import { classOf, smoothedRegions, toySampler } from '../../../toy2d/smooth';
import { createTrainer, initNet, TOY_MODELS, type ToyModelKind, type TrainData } from '../../../toy2d/train';
import { loadToyTf } from './toyTf';
import { errorMessage } from '../../../tasks/errorMessage';
import { yieldToPage } from '../../../tasks/yieldToPage';

/** Epochs between two yields to the browser: of the TF.js trainer, and of the TypeScript fallback. */
const TF_CHUNK = 10;
const TS_CHUNK = 50;
/**
 * The smoothed decision regions: cells per side of each level, coarse to fine (computed with TF.js on
 * the GPU), and noisy samples per cell. Without TF.js, plain TypeScript computes the first two levels.
 */
const SMOOTH_LEVELS = [12, 24, 48, 96];
const SMOOTH_LEVELS_TS = [12, 24];
export const SMOOTH_SAMPLES = 128;
/** PGD steps, and noise draws per step of the attack on the smoothed classifier. */
export const ATTACK_STEPS = 12;
const ATTACK_NOISE = 32;

const pause = yieldToPage;

/** P(class 1) of the base net's softmax at every cell centre of a grid over [-EXTENT, EXTENT]^2. */
export function baseRegions(net: ReluNet, cells: number): RegionGrid {
  const values = new Float32Array(cells * cells);
  const step = (2 * EXTENT) / cells;
  const f = compileNet(net);
  for (let r = 0; r < cells; r++)
    for (let c = 0; c < cells; c++)
      values[r * cells + c] = f(-EXTENT + (c + 0.5) * step, EXTENT - (r + 0.5) * step);
  return { cells, values };
}

/** The plain-TypeScript trainer (./toy2d/train), used where TF.js cannot run. */
async function trainInTypeScript(
  data: TrainData,
  kind: ToyModelKind,
  seed: number,
  onProgress: (epochs: number) => void,
  cancelled: () => boolean,
) {
  const cfg = TOY_MODELS[kind];
  const t0 = performance.now();
  const trainer = createTrainer(initNet(cfg.sizes, seed), data, { lr: cfg.lr });
  let loss = NaN;
  while (trainer.epochs < cfg.epochs) {
    await pause();
    if (cancelled()) return null;
    loss = trainer.step(Math.min(TS_CHUNK, cfg.epochs - trainer.epochs));
    onProgress(trainer.epochs);
  }
  return {
    net: trainer.net,
    accuracy: trainer.accuracy(),
    loss,
    epochs: trainer.epochs,
    seconds: (performance.now() - t0) / 1000,
  };
}

/**
 * Trains base classifier `kind` on `data` with TF.js (in the geometry worker, else on the page in
 * small awaited chunks), or in plain TypeScript if TF.js cannot run here. Resolves null when cancelled.
 */
export async function trainToy(
  data: TrainData,
  kind: ToyModelKind,
  seed: number,
  signal: AbortSignal,
  report: (p: TrainProgress) => void,
): Promise<TrainedToy | null> {
  const isCancelled = () => signal.aborted;
  let fallback: string | undefined;
  try {
    const tf = await loadToyTf();
    const { backend } = tf;
    if (signal.aborted) return null;
    report({ epochs: 0, loss: NaN, backend });
    const r = await tf.train(data, kind, seed, TF_CHUNK, signal, (p) =>
      report({ epochs: p.epochs, loss: p.loss, backend }),
    );
    return r && { ...r, leaked: r.tensorsAfter - r.tensorsBefore, thread: tf.where, threadNote: tf.why };
  } catch (e) {
    fallback = errorMessage(e);
  }
  const r = await trainInTypeScript(
    data,
    kind,
    seed,
    (epochs) => report({ epochs, loss: NaN, backend: 'typescript' }),
    isCancelled,
  );
  return r && { ...r, backend: 'typescript', leaked: null, fallback };
}

/** The smoothing parameters the geometry view takes from the lab. */
export interface SmoothingParams {
  sigma: number;
  n: number;
  n0: number;
  alpha: number;
  seed: number;
}

/** Resolves null when `run` throws because `signal` aborted; other errors pass through. */
async function unlessAborted<T>(signal: AbortSignal, run: () => Promise<T>): Promise<T | null> {
  try {
    return await run();
  } catch (e) {
    if (signal.aborted) return null;
    throw e;
  }
}

/**
 * CERTIFY at point `x` of the 2D net (after one yield, so a quick change of the point skips it); the
 * sampler yields to the page between short slices and stops once `signal` aborts.
 */
export async function certifyPoint(
  net: ReluNet,
  x: [number, number],
  { sigma, n, n0, alpha, seed }: SmoothingParams,
  signal: AbortSignal,
): Promise<CertifyResult | null> {
  await pause();
  if (signal.aborted) return null;
  return unlessAborted(signal, () =>
    certify(toySampler(net, x, sigma, seed, signal), { n0, n, alpha, sigma }),
  );
}

/** The ray search for the nearest change of the smoothed prediction, one ray per yield. */
export async function searchRays(
  net: ReluNet,
  x: [number, number],
  sigma: number,
  seed: number,
  signal: AbortSignal,
  report: (r: RayState) => void,
): Promise<RayState | null> {
  await pause();
  if (signal.aborted) return null;
  const t0 = performance.now();
  const hits: RayHit[] = [];
  const r = await raySearch(net, x, sigma, seed, {}, async (_done, hit) => {
    hits.push(hit);
    if (hits.length % 4 === 0) {
      report({ hits: hits.slice(), done: false, distance: NaN, point: null, samples: 0, ms: 0 });
      await pause();
    }
    return !signal.aborted;
  });
  return {
    hits: r.rays,
    done: true,
    distance: r.distance,
    point: r.point,
    samples: DEFAULT_RAY_OPTIONS.samples,
    ms: performance.now() - t0,
  };
}

/**
 * PGD from point `x` (L2, budget `eps`, against the base or the smoothed classifier), then PREDICT at
 * both ends. Throws what TF.js throws (the view shows it).
 */
export async function attackPoint(
  net: ReluNet,
  x: [number, number],
  eps: number,
  atk: GeoParams['atk'],
  { sigma, n, alpha, seed }: SmoothingParams,
  signal: AbortSignal,
): Promise<AttackOutcome | null> {
  await pause();
  if (signal.aborted) return null;
  const tf = await loadToyTf();
  const o = { n, alpha };
  const before = await unlessAborted(signal, () => predict(toySampler(net, x, sigma, seed, signal), o));
  if (!before) return null;
  const label = before.prediction === ABSTAIN ? classOf(net, x) : before.prediction;
  if (signal.aborted) return null;
  const r = await tf.attack(
    net,
    x,
    atk === 'base' ? classOf(net, x) : label,
    {
      target: atk,
      eps,
      steps: ATTACK_STEPS,
      sigma,
      noiseSamples: ATTACK_NOISE,
      seed,
      box: [-EXTENT, EXTENT],
    },
    signal,
  );
  if (!r) return null;
  const after = await unlessAborted(signal, () => predict(toySampler(net, r.xAdv, sigma, seed, signal), o));
  if (!after) return null;
  if (signal.aborted) return null;
  return {
    path: r.path,
    l2: r.l2,
    baseBefore: r.baseBefore,
    baseAfter: r.baseAfter,
    before: before.prediction,
    after: after.prediction,
  };
}

/**
 * The smoothed decision regions, coarse to fine, each level reported as it is done: with TF.js (in
 * the geometry worker, else on the page), else in plain TypeScript (the coarse levels only).
 */
export async function smoothRegions(
  net: ReluNet,
  sigma: number,
  seed: number,
  signal: AbortSignal,
  report: (s: SmoothedState) => void,
): Promise<void> {
  const show = async (values: Float32Array, cells: number, level: number, levels: number, by: string) => {
    if (signal.aborted) return false;
    report({ grid: { cells, values: values.slice() }, level: level + 1, levels, by });
    await pause();
    return !signal.aborted;
  };
  const opts = { samples: SMOOTH_SAMPLES, lo: -EXTENT, hi: EXTENT };
  try {
    const tf = await loadToyTf();
    await tf.regions(
      net,
      sigma,
      seed,
      { ...opts, levels: SMOOTH_LEVELS },
      (grid, cells, level) => show(grid, cells, level, SMOOTH_LEVELS.length, tf.backend),
      signal,
    );
  } catch {
    // No TF.js on this page: the plain-TypeScript Monte Carlo, coarse levels only.
    for (let level = 0; level < SMOOTH_LEVELS_TS.length; level++) {
      const cells = SMOOTH_LEVELS_TS[level]!;
      const grid = await smoothedRegions(net, sigma, seed, { ...opts, cells }, async () => {
        await pause();
        return !signal.aborted;
      });
      if (!grid || !(await show(grid, cells, level, SMOOTH_LEVELS_TS.length, 'TypeScript'))) return;
    }
  }
}
