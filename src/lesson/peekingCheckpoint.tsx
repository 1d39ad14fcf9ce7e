/**
 * The predict-then-reveal checkpoint shown before the peeking experiment. Its reveal runs the
 * experiment's default case (the same seed, so the same numbers as the experiment's first run).
 */
import type { CheckpointDef } from './checkpointDef';
import { peekingExperiment, rateInterval, type PeekingOptions } from './peeking';
import { yieldUnless } from '../tasks/yieldToPage';
import { ceilPercent, floorPercent } from '../smoothing';

/** The experiment's default case: a true tie, read after every 50 of 10,000 votes at alpha 0.05. */
export const PEEKING_DEFAULT: PeekingOptions = {
  pA: 0.5,
  target: 0.5,
  n: 10_000,
  batch: 50,
  alpha: 0.05,
  runs: 1000,
  seed: 1,
};

/** A Monte Carlo interval on a failure rate, widened outward when rounded: low end down, high end up. */
const interval = ([lo, hi]: [number, number]) => `${floorPercent(lo)} to ${ceilPercent(hi)}`;

export const PEEKING_CHECKPOINT: CheckpointDef = {
  id: 'check-peeking',
  section: 'check',
  inline: true,
  question:
    'A class truly gets exactly half the votes (p_A = 0.5), so any certificate for it is false. Stream 10,000 votes, read the Clopper-Pearson p_lower (α = 0.05) after every 50 votes, and stop as soon as it is above 1/2. Over 1,000 such runs, in what share is a (false) certificate issued?',
  options: [
    { value: 'at-most-alpha', label: 'At most 5% (α), as the bound promises' },
    { value: 'up-to-15', label: 'More than 5% but at most 15%' },
    { value: 'over-15', label: 'More than 15%' },
  ],
  reveal: async (_asked, signal) => {
    const r = await peekingExperiment(PEEKING_DEFAULT, yieldUnless(signal));
    const k = r.cpPeeking.claims;
    const share = k / r.runs;
    return {
      // Boundaries as the options state them: exactly 5% is "at most 5%", exactly 15% "at most 15%".
      answer: k * 20 <= r.runs ? 'at-most-alpha' : k * 100 <= 15 * r.runs ? 'up-to-15' : 'over-15',
      detail: (
        <p>
          Measured over {r.runs.toLocaleString('en')} seeded runs: a false certificate in {k} runs (
          {ceilPercent(share)}; 95% Monte Carlo interval {interval(rateInterval(k, r.runs))}). The
          anytime-valid bound, read the same way on the same votes: {r.anytimePeeking.claims} (
          {interval(rateInterval(r.anytimePeeking.claims, r.runs))}). Fixed-n CERTIFY, one bound after all
          10,000 votes: {r.fixedN.claims}.
        </p>
      ),
    };
  },
  why: 'A Clopper-Pearson bound is wrong with probability α at the one n planned in advance. Read 200 times, each reading is another chance for noise to push it over 1/2, and the run stops at the first one. A confidence sequence is built to hold at every n at once, so stopping whenever it first certifies is safe.',
};
