/**
 * The experiments the checkpoints' reveals run, as numbers (their text is in ./checkpoints.tsx):
 * each works on the state its question was asked about (./labReads) or on the shipped data.
 */
import { coverageExperiment } from './coverage';
import { bestOf } from './checkpointMath';
import { lessonSnippetCertify } from './lessonSnippet';
import { certifyOn, type LessonLab } from './labReads';
import type { AskedSetting } from './askedSetting';
import type { RunKey } from '../store/runKey';
import { DEFAULT_PARAMS } from '../store/urlSchema';
import { certifiedAccuracy, MISMATCH_SIGMAS } from '../smoothing';
import { modelId, shippedRunKey } from '../models/ids';
import { loadShippedRuns } from '../models/shipped';
import { yieldUnless } from '../tasks/yieldToPage';

/**
 * The double-sigma question's own example: test digit 58 (a 6) with cnn-0.25, n = 1,000, from
 * sigma 0.25 to 0.50. At 0.25 all 1,000 votes are for the 6, so R sits at its ceiling R_max
 * (0.6158); at 0.50 the votes split (972 of 1,000), p_lower falls below its ceiling and the radius
 * grows by less than double (0.6158 to 0.8321, 1.35 times). In the lab's default state (test digit
 * 0) every vote agrees at both levels, R sits at R_max = sigma * PhiInverse(alpha^(1/n)) at both and
 * doubles with sigma: the exception, not the rule. src/lesson/__tests__/checkpointDefaults.test.ts
 * checks both with the measured counts.
 */
export const DOUBLE_SIGMA_EXAMPLE: RunKey = {
  params: { ...DEFAULT_PARAMS, digit: 58, sigma: 0.25, n: 1000, n0: 100, alpha: 0.001, seed: 0 },
  modelId: 'cnn-0.25',
  drawn: null,
  stop: null,
};

/** The noise level a double-sigma question starts from: the setting's sigma, at most 0.75 (2 sigma within the slider). */
export const doubleSigmaBase = (s: AskedSetting) => Math.min(s.key.params.sigma, 0.75);

/**
 * CERTIFY on the asked input at sigma `base` and at twice it, with the asked model and parameters,
 * the lab's n included: unlike the other checkpoints' experiments, this question is about the
 * student's own setting, and its answer depends on n (when every vote agrees, R sits at its ceiling
 * R_max = sigma * PhiInverse(alpha^(1/n)) and doubles with sigma; a smaller n lowers that ceiling
 * and can change which outcome the student sees). Cancelled with `signal` when the student leaves.
 */
export async function doubleSigma(lab: LessonLab, s: AskedSetting, base: number, signal?: AbortSignal) {
  return {
    a: await certifyOn(lab, s, base, undefined, signal),
    b: await certifyOn(lab, s, 2 * base, undefined, signal),
  };
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

/** The time of one certificate with n = 100,000, extrapolated from one with n = 2,000 on the asked input and model. */
export async function certificateCost(lab: LessonLab, s: AskedSetting, signal?: AbortSignal) {
  const { params, modelId: model } = s.key;
  const r = await certifyOn(lab, s, params.sigma, 2000, signal);
  const perSample = r.seconds / (params.n0 + 2000);
  return { model, measured: r.seconds, perSample, seconds: perSample * (params.n0 + 100_000) };
}

/** The lesson's snippet on 100 of 100 unanimous votes (sigma 0.25, alpha 0.001). */
export function unanimousSnippet() {
  const unanimous = (num: number) => Promise.resolve([num, ...Array<number>(9).fill(0)]);
  return lessonSnippetCertify(unanimous, 100, 0.001, 0.25);
}

/** 1,000 simulated certifications of a class with p_A = 0.9 (n = 100, alpha = 0.01, seed 7). */
export function alphaCoverage(signal?: AbortSignal) {
  return coverageExperiment(
    { pA: 0.9, n: 100, n0: 10, alpha: 0.01, runs: 1000, seed: 7 },
    yieldUnless(signal),
  );
}
