/**
 * The experiments the checkpoints' reveals run, as numbers (their text is in ./checkpoints.tsx):
 * each works on the lab's current state (./labReads) or on the shipped data.
 */
import { coverageExperiment } from './coverage';
import { bestOf } from './checkpointMath';
import { lessonSnippetCertify } from './lessonSnippet';
import { certifyAt, currentInput, labNow } from './labReads';
import { certifiedAccuracy, MISMATCH_SIGMAS } from '../smoothing';
import { modelId, shippedRunKey } from '../models/ids';
import { loadShippedRuns } from '../models/shipped';
import { yieldToPage } from './yieldToPage';

/** CERTIFY on the lab's input at sigma `base` and at twice it. */
export async function doubleSigma(base: number) {
  const x = await currentInput();
  return { a: await certifyAt(x, base), b: await certifyAt(x, 2 * base) };
}

/** Certified accuracy at r = 0.5 of each shipped CNN run (trained and certified at sigma), and the best sigmas (ties: all). */
export async function shippedAccuracyAtHalf() {
  const runs = await loadShippedRuns();
  const accs = MISMATCH_SIGMAS.map((s) => {
    const rows = runs[shippedRunKey(modelId('cnn', s), s)] ?? [];
    const acc = certifiedAccuracy(rows, [0.5])[0]!;
    return { s, acc, count: Math.round(acc * rows.length) };
  });
  return { accs, best: bestOf(accs.map((a) => ({ key: a.s.toFixed(2), count: a.count }))) };
}

/** The time of one certificate with n = 100,000, extrapolated from one with n = 2,000 on the lab's input. */
export async function certificateCost() {
  const x = await currentInput();
  const { params, modelId: model } = labNow();
  const r = await certifyAt(x, params.sigma, 2000);
  const perSample = r.seconds / (params.n0 + 2000);
  return { model, measured: r.seconds, perSample, seconds: perSample * (params.n0 + 100_000) };
}

/** The lesson's snippet on 100 of 100 unanimous votes (sigma 0.25, alpha 0.001). */
export function unanimousSnippet() {
  const unanimous = (num: number) => Promise.resolve([num, ...Array<number>(9).fill(0)]);
  return lessonSnippetCertify(unanimous, 100, 0.001, 0.25);
}

/** 1,000 simulated certifications of a class with p_A = 0.9 (n = 100, alpha = 0.01, seed 7). */
export function alphaCoverage() {
  return coverageExperiment({ pA: 0.9, n: 100, n0: 10, alpha: 0.01, runs: 1000, seed: 7 }, yieldToPage);
}
