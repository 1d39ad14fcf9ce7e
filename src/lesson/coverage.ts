/**
 * The coverage experiment of the "Check the lesson's code" view: many seeded runs on a simulated
 * base classifier whose true top-class probability p_A is known, counting how often each method's
 * p_lower exceeds the true probability of the class it certified. CERTIFY (Cohen et al. 2019,
 * Algorithm 1) promises a share of at most alpha; the lesson's snippet makes no real promise.
 * Pure TypeScript: runs in the page without TF.js.
 */
import {
  argmax,
  ceilPercent,
  certify,
  clopperPearsonLower,
  clopperPearsonUpper,
  floorPercent,
  gaussianAt,
  normalCdf,
  sampleKey,
  type VoteSampler,
} from '../smoothing';
import { lessonSnippetCertify } from './lessonSnippet';

/** Stream ids of the simulation (distinct from the model noise streams). */
const SIM_STREAMS = { selection: 20, estimation: 21 } as const;

/**
 * Two-class simulated sampler: sample i of a stream votes for class 0 with probability pA (a
 * uniform Phi(z) from the counter-based generator below pA), else for class 1.
 */
export function simulatedSampler(pA: number, seed: number): VoteSampler {
  const next = { selection: 0, estimation: 0 };
  return (num, stream) => {
    const counts = [0, 0];
    for (let k = 0; k < num; k++) {
      const u = normalCdf(gaussianAt(sampleKey(seed, SIM_STREAMS[stream], next[stream]++), 0));
      counts[u < pA ? 0 : 1]!++;
    }
    return Promise.resolve(counts);
  };
}

/** The cases the view offers: a true p_A and the snippet's and CERTIFY's n. */
export const COVERAGE_CASES = [
  { label: 'p_A = 0.99, n = 100', pA: 0.99, n: 100 },
  { label: 'p_A = 0.9, n = 100', pA: 0.9, n: 100 },
  { label: 'p_A = 0.7, n = 1,000', pA: 0.7, n: 1000 },
] as const;

/**
 * The experiment the view opens with, chosen so that it shows its point: p_A = 0.99, n = 100,
 * alpha = 0.01, 1,000 runs (n0 = 100, seed 1). All 100 of the snippet's votes agree in
 * 0.99^100 = 36.6% of runs, and then its p_lower is 1, above p_A: it fails in about a third of
 * the runs, far above alpha. CERTIFY's p_lower is at most alpha^(1/n) = 0.955 < 0.99, so it
 * cannot overshoot p_A, and 0 failures in 1,000 runs have a 95% interval of 0% to 0.37%, below
 * alpha. (At p_A = 0.7, n = 1,000 unanimous votes never happen, the plug-in quantile fails about
 * alpha of the time, and the two methods cannot be told apart.) The lesson's unit tests pin
 * this outcome.
 */
export const DEFAULT_COVERAGE = { caseIndex: 0, alpha: 0.01, runs: 1000, n0: 100, seed: 1 } as const;

// The numbers a case can show, and the note that states them, live beside the coverage promise.
export { caseNumbers, type CaseNumbers } from '../smoothing';

export interface CoverageOptions {
  pA: number;
  n: number;
  n0: number;
  alpha: number;
  runs: number;
  seed: number;
}

export interface CoverageResult {
  runs: number;
  /** Runs where CERTIFY's p_lower exceeded the true probability of its class. */
  certifyFailures: number;
  /** Runs where the snippet's p_lower exceeded the true probability of its class. */
  snippetFailures: number;
  /** Runs where the snippet reported an infinite radius (p_lower = 1). */
  snippetInfinite: number;
  /** alpha + 3 binomial standard errors: the most a correct method should show. */
  allowance: number;
}

/**
 * Runs the experiment in chunks, awaiting `onProgress` between them (so a page can repaint and
 * cancel: return false to stop early; the partial result is returned).
 */
export async function coverageExperiment(
  o: CoverageOptions,
  onProgress?: (done: number, partial: CoverageResult) => boolean | Promise<boolean>,
): Promise<CoverageResult> {
  const probs = [o.pA, 1 - o.pA];
  const r: CoverageResult = {
    runs: 0,
    certifyFailures: 0,
    snippetFailures: 0,
    snippetInfinite: 0,
    allowance: o.alpha + 3 * Math.sqrt((o.alpha * (1 - o.alpha)) / o.runs),
  };
  for (let run = 0; run < o.runs; run++) {
    const seed = (o.seed * 100_003 + run) >>> 0;
    const c = await certify(simulatedSampler(o.pA, seed), { n0: o.n0, n: o.n, alpha: o.alpha, sigma: 1 });
    if (c.pLower > probs[argmax(c.selectionCounts)]!) r.certifyFailures++;
    // The snippet sees its own fresh votes (the estimation stream of another seed).
    const s = await lessonSnippetCertify(simulatedSampler(o.pA, seed ^ 0x5bd1e995), o.n, o.alpha, 1);
    if (s.pLower > probs[s.prediction]!) r.snippetFailures++;
    if (!Number.isFinite(s.radius)) r.snippetInfinite++;
    r.runs++;
    if (onProgress && run % 50 === 49 && !(await onProgress(r.runs, { ...r }))) break;
  }
  return r;
}

export interface RateReading {
  /** The observed share k / runs. */
  rate: number;
  /** Two-sided 95% Clopper-Pearson interval on the true rate (Monte Carlo uncertainty). */
  lower: number;
  upper: number;
  /**
   * How the interval compares with a promised ceiling: `breaks` when even its lower end is above
   * it, `below` when its upper end is at or below it, `consistent` when it straddles it.
   */
  verdict: 'breaks' | 'below' | 'consistent';
  /**
   * One line for people, e.g. "1.10% (95% interval 0.55% to 1.96%): consistent with the promise of
   * at most 1%". Rounded toward safety: the rate and the interval's high end up, its low end down
   * (the interval shown holds the computed one).
   */
  text: string;
}

/**
 * Reads `failures` out of `runs` against a promise of a failure rate of at most `ceiling`, with
 * the sampling error of the count: the two-sided 95% Clopper-Pearson interval on the true rate.
 * A count a little above the ceiling is not evidence of a broken promise unless the whole
 * interval lies above it.
 */
export function readFailureRate(failures: number, runs: number, ceiling: number): RateReading {
  const rate = runs > 0 ? failures / runs : 0;
  const lower = runs > 0 ? clopperPearsonLower(failures, runs, 0.025) : 0;
  const upper = runs > 0 ? clopperPearsonUpper(failures, runs, 0.025) : 1;
  const verdict = lower > ceiling ? 'breaks' : upper <= ceiling ? 'below' : 'consistent';
  const promise = `the promise of at most ${+(100 * ceiling).toPrecision(3)}%`;
  const reading =
    verdict === 'breaks'
      ? `breaks ${promise}: even the interval's low end is above it`
      : verdict === 'below'
        ? `keeps ${promise}, with room to spare`
        : `consistent with ${promise}; more runs would narrow the interval`;
  return {
    rate,
    lower,
    upper,
    verdict,
    text: `${ceilPercent(rate, 2)} (95% interval ${floorPercent(lower, 2)} to ${ceilPercent(upper, 2)}): ${reading}`,
  };
}
