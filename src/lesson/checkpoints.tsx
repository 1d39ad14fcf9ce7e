/**
 * The lesson's predict-then-reveal checkpoints, at least one per section: the lesson text (questions,
 * options, what the reveal says, why). Each reveal runs a real experiment (./checkpointExperiments)
 * on the state its question was asked about (digit or drawing, model, sigma, n, n0, alpha, seed: a
 * snapshot taken in ./labReads when asked, or the question's own example) or on its shipped data,
 * and reports which option it came out as. Every certified number is written rounded toward safety,
 * and every statement about a run's certificate comes from the one claims function (claimFor). The
 * pieces the questions are worded with live in ./checkpointParts.tsx.
 */
import type { Asked, CheckpointDef } from './checkpointDef';
import { readFailureRate } from './coverage';
import {
  alphaOutcome,
  costBucket,
  gapOutcome,
  l2Distance,
  linearGap,
  rotateImage,
  uniformShiftL2,
} from './checkpointMath';
import {
  alphaCoverage,
  certificateCost,
  DOUBLE_SIGMA_EXAMPLE,
  doubleSigma,
  doubleSigmaBase,
  shippedAccuracyAtHalf,
  unanimousSnippet,
} from './checkpointExperiments';
import { askExample, askLab, inputFor } from './labReads';
import type { SectionId } from './sections';
import { describeSetting } from './askedSetting';
import {
  floorFixed,
  floorPercent,
  formatPLower,
  formatRadius,
  maxCertifiableRadius,
  MISMATCH_SIGMAS,
} from '../smoothing';
import { PEEKING_CHECKPOINT } from './peekingCheckpoint';
import {
  askLabCertificate,
  COST_FACTS,
  coverOf,
  coverOptions,
  dist,
  doubleSigmaFacts,
  doubleSigmaResult,
  LINEAR_GAP_FACTS,
} from './checkpointParts';

import { SHIPPED_RUN } from '../models/shipped';

export { doubleSigmaResult };

/** The trade-off section's checkpoint, which the shipped curves answer (the view holds them back). */
export const BEST_SIGMA_CHECKPOINT = 'tradeoff-best-sigma';

/** The why-linf-shift change: every pixel brightened by 0.03, as an L2 length. */
const linfShiftL2 = (x: Float32Array) => uniformShiftL2(0.03, x.length);

/** The when-rotation change: the digit rotated by 10 degrees, as an L2 distance. */
const rotationL2 = (x: Float32Array) => l2Distance(x, rotateImage(x, 28, 10));

/** " (n = 17,700)": the n the certificate asked about used, where the ask says. */
const atN = (asked: Asked | null) =>
  asked?.data.n === undefined ? '' : ` (n = ${asked.data.n.toLocaleString('en')})`;

export const CHECKPOINTS: readonly CheckpointDef[] = [
  {
    id: 'why-linf-shift',
    section: 'why',
    question:
      'An attacker brightens every pixel of the lab’s current digit by 0.03. Is that change inside its certified L2 ball?',
    options: coverOptions('No: it is outside the ball'),
    ask: askLabCertificate(linfShiftL2),
    reveal: async (asked) => {
      const dim = asked?.data.dim ?? 784;
      const l2 = uniformShiftL2(0.03, dim);
      const { prediction, radius, answer } = coverOf(asked, l2);
      return {
        answer,
        detail: (
          <p>
            The shift has L∞ size 0.03 but L2 length 0.03 · √{dim} = {dist(l2)}.{' '}
            {prediction < 0
              ? 'The lab abstained on this input, so no ball is certified and nothing is covered.'
              : `The certified radius${atN(asked)} is R = ${formatRadius(radius)}, so the change is ${answer === 'covered' ? `inside the ball (${dist(l2)} ≤ ${formatRadius(radius)})` : `outside the ball (${dist(l2)} > ${formatRadius(radius)})`}.`}
          </p>
        ),
      };
    },
    why: 'What decides is the L2 length, not the change per pixel: 0.03 on each of 784 pixels adds up to 0.84 in L2. A certificate covers one ball in one norm, so only a radius of at least 0.84 covers this shift.',
  },
  {
    id: 'lab-double-sigma',
    section: 'lab',
    question: 'Double the noise level σ on the digit below. What happens to the certified radius?',
    options: [
      { value: 'shrinks', label: 'It shrinks' },
      { value: 'same', label: 'It stays about the same' },
      { value: 'grows-less', label: 'It grows, but less than double' },
      { value: 'doubles', label: 'It doubles' },
      { value: 'abstains', label: 'There is no radius to begin with (ABSTAIN)' },
    ],
    ask: async (source, _signal, lab) => {
      const setting = source === 'lab' ? await askLab(lab) : askExample(DOUBLE_SIGMA_EXAMPLE);
      const base = doubleSigmaBase(setting);
      return { facts: doubleSigmaFacts(setting, base), data: { base }, setting };
    },
    reveal: async (asked, signal, lab) => {
      const setting = asked?.setting ?? (await askLab(lab));
      const base = asked?.data.base ?? doubleSigmaBase(setting);
      const { a, b } = await doubleSigma(lab, setting, base, signal);
      return doubleSigmaResult(base, a, b, setting.key.params);
    },
    why: 'R = σ · Φ⁻¹(p_lower): σ doubles the radius only if p_lower stays put, but more noise usually lowers the vote share. When every vote agrees at both levels, p_lower sits at its ceiling α^(1/n) and the radius does double.',
  },
  {
    id: 'geometry-linear-gap',
    section: 'geometry',
    question:
      'A linear classifier, a point at distance 0.5 from its boundary, smoothed with the lab’s settings. How does the Monte Carlo certificate compare with the exact one?',
    options: [
      { value: 'smaller', label: 'Smaller than 0.5' },
      { value: 'equal', label: 'Equal to 0.5' },
      { value: 'larger', label: 'Larger than 0.5' },
    ],
    ask: async (_source, _signal, lab) => {
      const setting = await askLab(lab, LINEAR_GAP_FACTS);
      const { sigma, n, alpha, seed } = setting.key.params;
      return {
        facts: (
          <p>
            The lab’s settings: {describeSetting(setting.key, LINEAR_GAP_FACTS)}. The exact certificate is R =
            0.5.
          </p>
        ),
        data: { sigma, n, alpha, seed },
        setting,
      };
    },
    reveal: async (asked, _signal, lab) => {
      const params = asked?.data ?? (await askLab(lab, LINEAR_GAP_FACTS)).key.params;
      const g = linearGap(0.5, params.sigma!, params.n!, params.alpha!, params.seed!);
      return {
        answer: gapOutcome(g.radius, g.exact),
        detail: (
          <p>
            Exactly, p_A = Φ(0.5 / {params.sigma!.toFixed(2)}) = {floorFixed(g.pA, 4)} and the smoothed
            classifier is certified to R = 0.5. With n = {params.n!.toLocaleString('en')} samples the lab
            counted n_A = {g.nA.toLocaleString('en')}, so p_lower = {formatPLower(g.pLower)} and R ={' '}
            {formatRadius(g.radius)}.
          </p>
        ),
      };
    },
    why: 'For a linear base classifier the smoothed certificate is exactly the distance to the boundary (Cohen et al. 2019). The Monte Carlo version is smaller: p_lower sits below p_A so that it is wrong with probability at most α, and finite n caps it.',
  },
  {
    id: BEST_SIGMA_CHECKPOINT,
    section: 'tradeoff',
    question: `In the runs shipped with the lab (the CNN trained and certified at each σ, the first ${SHIPPED_RUN.digits.toLocaleString('en')} test digits, n = ${SHIPPED_RUN.n.toLocaleString('en')}, α = ${SHIPPED_RUN.alpha}), which σ certifies the most test digits correctly at radius r = 0.5?`,
    options: MISMATCH_SIGMAS.map((s) => ({ value: s.toFixed(2), label: `σ = ${s.toFixed(2)}` })),
    reveal: async () => {
      // Ties: every σ with the largest count is right.
      const { accs, best } = await shippedAccuracyAtHalf();
      return {
        answer: best,
        detail: (
          <p>
            Certified accuracy at r = 0.5 in the shipped runs (CNN, {SHIPPED_RUN.digits.toLocaleString('en')}{' '}
            digits, n = {SHIPPED_RUN.n.toLocaleString('en')}):{' '}
            {accs.map((a) => `σ = ${a.s.toFixed(2)}: ${floorPercent(a.acc)}`).join('; ')}.
            {best.length > 1
              ? ` A tie: σ = ${best.join(' and σ = ')} certify equally many digits, so each is right.`
              : ''}{' '}
            At r = 0.5, σ = 0.12 cannot certify at all: its ceiling R_max is{' '}
            {formatRadius(maxCertifiableRadius(0.12, 10_000, 0.001))}.
          </p>
        ),
      };
    },
    why: 'Too little noise and the radius cannot reach 0.5 however sure the votes are; too much and the votes scatter. The best σ sits in between, and it moves with the radius you care about.',
  },
  {
    id: 'limits-cost',
    section: 'limits',
    question:
      'How long does one certificate with the paper’s n = 100,000 samples take on this device, with the lab’s current model?',
    ask: async (_source, _signal, lab) => {
      const setting = await askLab(lab, COST_FACTS);
      const { modelId, params } = setting.key;
      return {
        facts: (
          <p>
            Model {modelId}, n0 = {params.n0.toLocaleString('en')} plus n = 100,000 forward passes.
          </p>
        ),
        data: {},
        setting,
      };
    },
    options: [
      { value: 'under-1s', label: 'Under a second' },
      { value: '1-10s', label: '1 to 10 seconds' },
      { value: '10-60s', label: '10 to 60 seconds' },
      { value: 'over-60s', label: 'More than a minute' },
    ],
    reveal: async (asked, signal, lab) => {
      const setting = asked?.setting ?? (await askLab(lab, COST_FACTS));
      const { model, measured, perSample, seconds } = await certificateCost(lab, setting, signal);
      return {
        answer: costBucket(seconds),
        detail: (
          <p>
            The lab certified the asked input with {model} and n = 2,000 in {measured.toFixed(2)} s, that is{' '}
            {Math.round(1 / perSample).toLocaleString('en')} samples/s; n = 100,000 would take about{' '}
            {seconds.toFixed(1)} s. One plain prediction is a single forward pass.
          </p>
        ),
      };
    },
    why: 'Randomized smoothing pays for its guarantee at inference time: every certified answer costs n0 + n forward passes.',
  },
  {
    id: 'check-unanimous',
    section: 'check',
    question:
      'All 100 of 100 noisy votes agree, σ = 0.25, α = 0.001. What radius does the lesson’s Python snippet report?',
    options: [
      { value: 'finite', label: 'A modest finite radius, as CERTIFY gives' },
      { value: 'infinite', label: 'An infinite radius' },
      { value: 'zero', label: 'Zero: it abstains' },
    ],
    reveal: async () => {
      const snippet = await unanimousSnippet();
      const certifyR = maxCertifiableRadius(0.25, 100, 0.001);
      return {
        answer: !Number.isFinite(snippet.radius) ? 'infinite' : snippet.radius > 0 ? 'finite' : 'zero',
        detail: (
          <p>
            The snippet’s bound binom.ppf(α, n, k/n) / n with k = n gives p_lower ={' '}
            {formatPLower(snippet.pLower)} and R = {formatRadius(snippet.radius)}. Clopper-Pearson gives
            p_lower = α^(1/n) = {formatPLower(Math.pow(0.001, 1 / 100))} and R = {formatRadius(certifyR)}.
          </p>
        ),
      };
    },
    why: 'A plug-in quantile of Binomial(n, k/n) has no spread when k/n = 1, so the “bound” is the estimate itself; an honest bound never reaches 1 with finite samples.',
  },
  PEEKING_CHECKPOINT,
  {
    id: 'when-rotation',
    section: 'when',
    question: 'Rotate the lab’s current digit by 10 degrees. Does its L2 certificate cover that change?',
    options: coverOptions('No: in L2 it is outside the ball'),
    ask: askLabCertificate(rotationL2),
    reveal: async (asked, _signal, lab) => {
      const x = await inputFor(lab, asked?.setting ?? (await askLab(lab)));
      const d = rotationL2(x);
      const { prediction, radius, answer } = coverOf(asked, d);
      return {
        answer,
        detail: (
          <p>
            The rotated digit lies at L2 distance {dist(d)} from the original;{' '}
            {prediction < 0
              ? 'the lab abstained on it, so no ball is certified and nothing is covered.'
              : `the certified radius${atN(asked)} is R = ${formatRadius(radius)}, so the rotation is ${answer === 'covered' ? 'inside' : 'outside'} the ball.`}
          </p>
        ),
      };
    },
    why: 'A rotation a person hardly notices moves many pixels a lot, so it is usually far away in L2. Semantic changes need their own certificates.',
  },
  {
    id: 'summary-alpha',
    section: 'when',
    question:
      'Certify 1,000 times with α = 0.01, each time with n = 100 fresh samples of a class whose true p_A is 0.9. In how many runs does p_lower land above the true 0.9?',
    options: [
      { value: 'none', label: 'None: a bound is never wrong' },
      { value: 'few', label: 'A few: about 1% of the runs or fewer' },
      { value: 'many', label: 'Many, more than 2% of the runs' },
    ],
    reveal: async (_asked, signal) => {
      // Yields to the page every 50 runs so it stays responsive, and stops if the student leaves.
      const r = await alphaCoverage(signal);
      const k = r.certifyFailures;
      return {
        answer: alphaOutcome(k, 1000, 0.01),
        detail: (
          <p>
            The lab ran 1,000 simulated certifications: p_lower exceeded 0.9 in {k} of them,{' '}
            {readFailureRate(k, 1000, 0.01).text}. The lesson’s snippet, on the same votes, in{' '}
            {r.snippetFailures}.
          </p>
        ),
      };
    },
    why: 'The guarantee is probabilistic: a Clopper-Pearson bound is wrong with probability at most α in each run, usually less, because it is conservative. The count over 1,000 runs varies from one experiment to the next around that rate.',
  },
];

/** The checkpoints of one section, in order. */
export function checkpointsFor(section: SectionId): CheckpointDef[] {
  return CHECKPOINTS.filter((c) => c.section === section);
}

/** Checkpoint ids per section, for the progress summary. */
export function checkpointIdsBySection(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const c of CHECKPOINTS) (out[c.section] ??= []).push(c.id);
  return out;
}
