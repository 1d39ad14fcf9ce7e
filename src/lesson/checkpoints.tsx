/**
 * The lesson's predict-then-reveal checkpoints, at least one per section: the lesson text (questions,
 * options, what the reveal says, why). Each reveal runs a real experiment (./checkpointExperiments)
 * with the lab's current state (digit, model, sigma, n, alpha, seed; read in ./labReads) or its
 * shipped data, and reports which option it came out as.
 */
import type { Asked, CheckpointDef } from './checkpointDef';
import { readFailureRate } from './coverage';
import {
  alphaOutcome,
  costBucket,
  coverVerdict,
  doublingOutcome,
  gapOutcome,
  l2Distance,
  linearGap,
  rotateImage,
  uniformShiftL2,
} from './checkpointMath';
import {
  alphaCoverage,
  certificateCost,
  doubleSigma,
  shippedAccuracyAtHalf,
  unanimousSnippet,
} from './checkpointExperiments';
import { currentInput, labCertificate, labNow, labState } from './labReads';
import { maxCertifiableRadius, MISMATCH_SIGMAS } from '../smoothing';
import { PEEKING_CHECKPOINT } from './peekingCheckpoint';

const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '∞');
const cls = (c: number) => (c < 0 ? 'ABSTAIN' : `class ${c}`);

/** The certificate stated in a question: "certified as class 3 with R = 0.612" or the abstention. */
function stateCertificate(prediction: number, radius: number): string {
  return prediction < 0
    ? 'the smoothed classifier abstains: it certifies no radius at all'
    : `it is certified as class ${prediction} with L2 radius R = ${f3(radius)}`;
}

/** The two options of a question on whether the lab's certificate covers a change of its input. */
const coverOptions = (no: string) => [
  { value: 'covered', label: 'Yes: the change is inside the ball' },
  { value: 'not-covered', label: no },
];

/**
 * The ask of a question about the lab's certificate: CERTIFY's answer for the current input and
 * settings, stated with the question; the reveal is judged on these numbers (and the input's size).
 */
async function askLabCertificate(): Promise<Asked> {
  const x = await currentInput();
  const r = await labCertificate(x);
  return {
    facts: (
      <p>
        The lab’s current input ({labState()}): {stateCertificate(r.prediction, r.radius)}.
      </p>
    ),
    data: { prediction: r.prediction, radius: r.radius, dim: x.length },
  };
}

/** Whether the certificate asked about (without one: none) covers a change of L2 length `l2`. */
function coverOf(asked: Asked | null, l2: number) {
  const { prediction, radius } = asked?.data ?? { prediction: -1, radius: 0 };
  return { prediction: prediction!, radius: radius!, answer: coverVerdict(prediction!, radius!, l2) };
}

export const CHECKPOINTS: readonly CheckpointDef[] = [
  {
    id: 'why-linf-shift',
    section: 'why',
    question:
      'An attacker brightens every pixel of the lab’s current digit by 0.03. Is that change inside its certified L2 ball?',
    options: coverOptions('No: it is outside the ball'),
    ask: askLabCertificate,
    reveal: async (asked) => {
      const dim = asked?.data.dim ?? 784;
      const l2 = uniformShiftL2(0.03, dim);
      const { prediction, radius, answer } = coverOf(asked, l2);
      return {
        answer,
        detail: (
          <p>
            The shift has L∞ size 0.03 but L2 length 0.03 · √{dim} = {f3(l2)}.{' '}
            {prediction < 0
              ? 'The lab abstained on this input, so no ball is certified and nothing is covered.'
              : `The certified radius is R = ${f3(radius)}, so the change is ${answer === 'covered' ? `inside the ball (${f3(l2)} ≤ ${f3(radius)})` : `outside the ball (${f3(l2)} > ${f3(radius)})`}.`}
          </p>
        ),
      };
    },
    why: 'What decides is the L2 length, not the change per pixel: 0.03 on each of 784 pixels adds up to 0.84 in L2. A certificate covers one ball in one norm, so only a radius of at least 0.84 covers this shift.',
  },
  {
    id: 'lab-double-sigma',
    section: 'lab',
    question: 'Double the noise level σ on the lab’s current digit. What happens to the certified radius?',
    options: [
      { value: 'shrinks', label: 'It shrinks' },
      { value: 'same', label: 'It stays about the same' },
      { value: 'grows-less', label: 'It grows, but less than double' },
      { value: 'doubles', label: 'It doubles' },
      { value: 'abstains', label: 'There is no radius to begin with (ABSTAIN)' },
    ],
    ask: () => {
      const base = Math.min(labNow().params.sigma, 0.75);
      return Promise.resolve({
        facts: (
          <p>
            From σ = {base.toFixed(2)} to σ = {(2 * base).toFixed(2)}, with{' '}
            {labState().replace(/, σ = [^,]*/, '')}.
          </p>
        ),
        data: { base },
      });
    },
    reveal: async (asked) => {
      const base = asked?.data.base ?? Math.min(labNow().params.sigma, 0.75);
      const { a, b } = await doubleSigma(base);
      return {
        answer: doublingOutcome(a.radius, b.radius),
        detail: (
          <p>
            At σ = {base.toFixed(2)}: {cls(a.prediction)}, p_lower = {f3(a.pLower)}, R = {f3(a.radius)}. At σ
            = {(2 * base).toFixed(2)}: {cls(b.prediction)}, p_lower = {f3(b.pLower)}, R = {f3(b.radius)}
            {a.radius > 0 ? ` (${(b.radius / a.radius).toFixed(2)} times)` : ''}.
          </p>
        ),
      };
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
    ask: () => {
      const { params } = labNow();
      return Promise.resolve({
        facts: (
          <p>
            σ = {params.sigma.toFixed(2)}, n = {params.n.toLocaleString('en')}, α = {params.alpha}, seed{' '}
            {params.seed}. The exact certificate is R = 0.5.
          </p>
        ),
        data: { sigma: params.sigma, n: params.n, alpha: params.alpha, seed: params.seed },
      });
    },
    reveal: async (asked) => {
      const params = asked?.data ?? labNow().params;
      const g = linearGap(0.5, params.sigma!, params.n!, params.alpha!, params.seed!);
      return {
        answer: gapOutcome(g.radius, g.exact),
        detail: (
          <p>
            Exactly, p_A = Φ(0.5 / {params.sigma!.toFixed(2)}) = {f3(g.pA)} and the smoothed classifier is
            certified to R = 0.5. With n = {params.n!.toLocaleString('en')} samples the lab counted n_A ={' '}
            {g.nA.toLocaleString('en')}, so p_lower = {f3(g.pLower)} and R = {f3(g.radius)}.
          </p>
        ),
      };
    },
    why: 'For a linear base classifier the smoothed certificate is exactly the distance to the boundary (Cohen et al. 2019). The Monte Carlo version is smaller: p_lower sits below p_A so that it is wrong with probability at most α, and finite n caps it.',
  },
  {
    id: 'tradeoff-best-sigma',
    section: 'tradeoff',
    question:
      'In the runs shipped with the lab (the CNN trained and certified at each σ, the first 200 test digits, n = 10,000, α = 0.001), which σ certifies the most test digits correctly at radius r = 0.5?',
    options: MISMATCH_SIGMAS.map((s) => ({ value: s.toFixed(2), label: `σ = ${s.toFixed(2)}` })),
    reveal: async () => {
      // Ties: every σ with the largest count is right.
      const { accs, best } = await shippedAccuracyAtHalf();
      return {
        answer: best,
        detail: (
          <p>
            Certified accuracy at r = 0.5 in the shipped runs (CNN, 200 digits, n = 10,000):{' '}
            {accs.map((a) => `σ = ${a.s.toFixed(2)}: ${(100 * a.acc).toFixed(1)}%`).join('; ')}.
            {best.length > 1
              ? ` A tie: σ = ${best.join(' and σ = ')} certify equally many digits, so each is right.`
              : ''}{' '}
            At r = 0.5, σ = 0.12 cannot certify at all: its ceiling R_max is{' '}
            {maxCertifiableRadius(0.12, 10_000, 0.001).toFixed(2)}.
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
    ask: () => {
      const { modelId, params } = labNow();
      return Promise.resolve({
        facts: (
          <p>
            Model {modelId}, n0 = {params.n0.toLocaleString('en')} plus n = 100,000 forward passes.
          </p>
        ),
        data: {},
      });
    },
    options: [
      { value: 'under-1s', label: 'Under a second' },
      { value: '1-10s', label: '1 to 10 seconds' },
      { value: '10-60s', label: '10 to 60 seconds' },
      { value: 'over-60s', label: 'More than a minute' },
    ],
    reveal: async () => {
      const { model, measured, perSample, seconds } = await certificateCost();
      return {
        answer: costBucket(seconds),
        detail: (
          <p>
            The lab certified your input with {model} and n = 2,000 in {measured.toFixed(2)} s, that is{' '}
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
            The snippet’s bound binom.ppf(α, n, k/n) / n with k = n gives p_lower = {f3(snippet.pLower)} and R
            = {f3(snippet.radius)}. Clopper-Pearson gives p_lower = α^(1/n) ={' '}
            {Math.pow(0.001, 1 / 100).toFixed(4)} and R = {f3(certifyR)}.
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
    ask: askLabCertificate,
    reveal: async (asked) => {
      const x = await currentInput();
      const d = l2Distance(x, rotateImage(x, 28, 10));
      const { prediction, radius, answer } = coverOf(asked, d);
      return {
        answer,
        detail: (
          <p>
            The rotated digit lies at L2 distance {f3(d)} from the original;{' '}
            {prediction < 0
              ? 'the lab abstained on it, so no ball is certified and nothing is covered.'
              : `the certified radius is R = ${f3(radius)}, so the rotation is ${answer === 'covered' ? 'inside' : 'outside'} the ball.`}
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
    reveal: async () => {
      // Yields to the page every 50 runs so it stays responsive.
      const r = await alphaCoverage();
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
export function checkpointsFor(section: string): CheckpointDef[] {
  return CHECKPOINTS.filter((c) => c.section === section);
}

/** Checkpoint ids per section, for the progress summary. */
export function checkpointIdsBySection(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const c of CHECKPOINTS) (out[c.section] ??= []).push(c.id);
  return out;
}
