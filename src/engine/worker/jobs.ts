/**
 * The engine's three kinds of work on a loaded model: CERTIFY on one input with streaming counts,
 * CERTIFY on a set of inputs (one row each), and PGD followed by PREDICT. Each returns its result
 * or throws; a cancelled job throws an AbortError between two batches. Where the job runs and how
 * its events travel is the core's business (core.ts).
 */
import type * as tfl from '@tensorflow/tfjs-layers';
import { pgdSmoothed } from '../../attacks';
import {
  argmax,
  certifiedRadius,
  certify,
  confidenceSequenceLower,
  firstStopInBatch,
  predict,
  ABSTAIN,
  type CertifyResult,
  type VoteSampler,
} from '../../smoothing';
import type { AttackAnswer, AttackOp, CertifyAnswer, CertifyOp, CertifySetOp, ProgressOf } from '../protocol';
import { PROGRESS_INTERVAL_MS, samplerOptions } from './batching';
import type { WebglContextGuard } from './context';
import { modelVoteSampler, type VoteSamplerOptions } from './votes';

/** What a job may use of the engine, for one request. */
export interface JobScope<K extends 'certify' | 'certify-set' | 'attack'> {
  /** The model, loaded once per backend. */
  model(id: string): Promise<tfl.LayersModel>;
  guard: WebglContextGuard;
  /** Whether the page cancelled this request. */
  cancelled(): boolean;
  /** A progress event for this request. */
  progress(data: ProgressOf<K>): void;
  /** Moves off a lost WebGL context (wasm, else cpu) and says so; true if it moved. */
  recover(): Promise<boolean>;
}

function aborted(): DOMException {
  return new DOMException('cancelled', 'AbortError');
}

export function isAbort(e: unknown): boolean {
  return (e as Error | null)?.name === 'AbortError';
}

/** CERTIFY, abandoned (rejected) as soon as the WebGL context is found lost. */
function certifyGuarded(
  guard: WebglContextGuard,
  sampler: VoteSampler,
  o: { n0: number; n: number; alpha: number; sigma: number },
): Promise<CertifyResult> {
  return guard.race(certify(sampler, { n0: o.n0, n: o.n, alpha: o.alpha, sigma: o.sigma }));
}

/** What stop mode reports: the target r, whether the radius reached it, the estimation samples used. */
export type StopOutcome = NonNullable<CertifyAnswer['stop']>;

/**
 * CERTIFY in stop mode: n0 selection samples pick the candidate c_A as in Algorithm 1; then the
 * estimation samples are drawn until the first sample at which the anytime-valid radius of c_A
 * reaches r, or (stopWhenUnreachable) its anytime-valid upper bound rules r out (found sample by
 * sample inside each batch by firstStopInBatch, so the stop does not depend on the batch sizes), or
 * until n. The answer is the anytime-valid certificate at the
 * samples used, with the counts of exactly those: Clopper-Pearson is not valid after a
 * data-dependent stop.
 *
 * @param makeSampler builds the vote sampler with the given per-batch stop hook (VoteSamplerOptions.keepEstimation)
 * @param onStop called once, when the stopping sample is found (before its counts are reported)
 */
export async function certifyWithStop(
  makeSampler: (keepEstimation: NonNullable<VoteSamplerOptions['keepEstimation']>) => VoteSampler,
  o: {
    n0: number;
    n: number;
    alpha: number;
    sigma: number;
    stopAtRadius: number;
    stopWhenUnreachable?: boolean;
    resume?: VoteSamplerOptions['resume'];
  },
  onStop?: (samples: number) => void,
): Promise<CertifyResult & { stop: StopOutcome }> {
  let candidate = -1;
  let hitsBefore = 0;
  let reached = false;
  let unreachable = false;
  const rule = {
    alpha: o.alpha,
    sigma: o.sigma,
    r: o.stopAtRadius,
    alsoWhenUnreachable: o.stopWhenUnreachable === true,
  };
  const sampler = makeSampler((votes, doneBefore) => {
    const hits = Uint8Array.from(votes, (v) => (v === candidate ? 1 : 0));
    const stop = firstStopInBatch(hits, hitsBefore, doneBefore, rule);
    const kept = stop?.kept ?? null;
    for (let i = 0; i < (kept ?? hits.length); i++) hitsBefore += hits[i]!;
    if (stop !== null) {
      reached = stop.decision === 'certified';
      unreachable = stop.decision === 'unreachable';
      onStop?.(doneBefore + stop.kept);
    }
    return kept;
  });
  const selectionCounts = await sampler(o.n0, 'selection');
  candidate = argmax(selectionCounts); // fixed before any estimation vote
  // Resumed: no rule had stopped the run before the samples already counted (the run went on).
  hitsBefore = o.resume?.estimation?.counts[candidate] ?? 0;
  const estimationCounts = await sampler(o.n, 'estimation');
  const samples = estimationCounts.reduce((a, b) => a + b, 0);
  const pLower =
    samples > 0 ? confidenceSequenceLower(estimationCounts[candidate] ?? 0, samples, o.alpha) : 0;
  const certified = pLower > 0.5;
  return {
    prediction: certified ? candidate : ABSTAIN,
    radius: certified ? certifiedRadius(o.sigma, pLower) : 0,
    pLower,
    selectionCounts,
    estimationCounts,
    stop: { target: o.stopAtRadius, reached, samples, ...(rule.alsoWhenUnreachable && { unreachable }) },
  };
}

/**
 * CERTIFY (Cohen et al. 2019, Algorithm 1) on one input, with each stream's counts as progress
 * (its first and last batch, and at most one update per PROGRESS_INTERVAL_MS between). On a lost
 * WebGL context it moves to another backend and starts again. With `resume`, it carries on from
 * the counts an engine that died had reported (the same samples, so the same final counts).
 */
export async function runCertify(r: CertifyOp, s: JobScope<'certify'>): Promise<CertifyAnswer> {
  const t0 = performance.now();
  let first = 0;
  let lastPost = 0;
  const started = { selection: false, estimation: false };
  try {
    await s.recover(); // lost while idle: move before any GPU work
    const model = await s.guard.raceEvent(s.model(r.modelId));
    if (s.cancelled()) throw aborted();
    const base = samplerOptions(r.modelId, r.x, r.sigma, r.seed);
    const target = r.stopAtRadius;
    let stopFound = false;
    const resume = resumeStreams(r);
    const options = (keepEstimation?: VoteSamplerOptions['keepEstimation']): VoteSamplerOptions => ({
      ...base,
      resume,
      keepEstimation,
      cancelled: () => s.guard.throwIfLost() || s.cancelled(),
      onBatch: (stream, counts, done) => {
        const now = performance.now();
        if (!first) first = now;
        // A fast backend finishes hundreds of batches a second, and each update costs the page a
        // render: at most one per interval, plus each stream's first and last.
        const whole = done >= (stream === 'selection' ? r.n0 : r.n) || (stream === 'estimation' && stopFound);
        if (!started[stream] || whole || now - lastPost >= PROGRESS_INTERVAL_MS) {
          lastPost = now;
          started[stream] = true;
          s.progress({ stream, counts: [...counts], done });
        }
      },
      yieldBetweenBatches: true,
    });
    const res: CertifyResult & Pick<CertifyAnswer, 'stop'> =
      target === undefined
        ? await certifyGuarded(s.guard, modelVoteSampler(model, options()), r)
        : await s.guard.race(
            certifyWithStop(
              (keep) => modelVoteSampler(model, options(keep)),
              { ...r, stopAtRadius: target, resume },
              () => (stopFound = true),
            ),
          );
    const seconds = (performance.now() - t0) / 1000;
    // Samples this engine drew (a resumed run's earlier samples were another engine's).
    const earlier = resume ? r.n0 + (resume.estimation?.done ?? 0) : 0;
    const used = r.n0 + (res.stop ? res.stop.samples : r.n) - earlier;
    return {
      ...res,
      timing: {
        seconds,
        firstUpdateSeconds: ((first || performance.now()) - t0) / 1000,
        samplesPerSecond: used / seconds,
        batchSize: base.batchSize,
      },
    };
  } catch (e) {
    if (isAbort(e) || s.cancelled()) throw e;
    if (await s.recover()) return runCertify(r, s);
    throw e;
  }
}

/** CertifyOp.resume as the vote sampler takes it (checked: counts of the right length, in range). */
function resumeStreams(r: CertifyOp): VoteSamplerOptions['resume'] {
  const from = r.resume;
  if (!from) return undefined;
  const classes = from.selectionCounts.length;
  const whole = (c: number[], total: number) =>
    c.length === classes &&
    c.every((v) => Number.isInteger(v) && v >= 0) &&
    c.reduce((a, b) => a + b, 0) === total;
  if (!whole(from.selectionCounts, r.n0)) return undefined; // not a full selection: start again
  const est = from.estimation;
  const estimation = est && est.done <= r.n && whole(est.counts, est.done) ? est : undefined;
  return { selection: { counts: from.selectionCounts, done: r.n0 }, ...(estimation ? { estimation } : {}) };
}

/**
 * CERTIFY on each input of the set in turn (from `from`); one progress row per input, then the row
 * count. On a lost WebGL context it moves to another backend and carries on from the input it was
 * on: the rows already sent stay (each input's noise is its own seed's, so they are what the new
 * backend would give too), and none is sent twice.
 */
export async function runCertifySet(r: CertifySetOp, s: JobScope<'certify-set'>): Promise<{ rows: number }> {
  const dim = 28 * 28;
  let k = r.from ?? 0;
  for (;;) {
    try {
      await s.recover(); // lost while idle: move before any GPU work
      const model = await s.guard.raceEvent(s.model(r.modelId));
      for (; k < r.seeds.length; k++) {
        if (s.cancelled()) throw aborted();
        const t0 = performance.now();
        const x = r.xs.slice(k * dim, (k + 1) * dim);
        const sampler = modelVoteSampler(model, {
          ...samplerOptions(r.modelId, x, r.sigma, r.seeds[k]!),
          cancelled: () => s.guard.throwIfLost() || s.cancelled(),
          yieldBetweenBatches: true,
        });
        const res = await certifyGuarded(s.guard, sampler, r);
        s.progress({
          index: k,
          prediction: res.prediction,
          radius: res.radius,
          pLower: res.pLower,
          seconds: (performance.now() - t0) / 1000,
        });
      }
      return { rows: r.seeds.length };
    } catch (e) {
      if (isAbort(e) || s.cancelled()) throw e;
      if (!(await s.recover())) throw e;
      // Moved off the lost context: input k (whose row was not sent) starts again on the new backend.
    }
  }
}

/**
 * PGD against the smoothed classifier (Salman et al. 2019) inside an L2 or L-infinity ball, then
 * PREDICT (Cohen et al. 2019, Algorithm 2) on the attacked input with fresh noise from the same seed.
 */
export async function runAttack(r: AttackOp, s: JobScope<'attack'>): Promise<AttackAnswer> {
  const model = await s.model(r.modelId);
  const res = await pgdSmoothed(model, r.x, r.label, {
    eps: r.eps,
    steps: r.steps,
    norm: r.norm,
    sigma: r.sigma,
    seed: r.seed,
    noiseSamples: 16,
    onStep: (step) => s.progress({ step, steps: r.steps }),
  });
  const options = samplerOptions(r.modelId, res.xAdv, r.sigma, r.seed);
  const p = await predict(modelVoteSampler(model, options), { n: r.n, alpha: r.alpha });
  return {
    xAdv: res.xAdv,
    delta: res.delta,
    l2: res.l2,
    linf: res.linf,
    baseLabelAfter: res.baseLabelAfter,
    prediction: p.prediction,
    pValue: p.pValue,
    counts: p.counts,
  };
}
