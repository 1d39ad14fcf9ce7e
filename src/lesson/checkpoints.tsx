/**
 * The lesson's predict-then-reveal checkpoints, at least one per section. Each reveal runs a real
 * experiment with the lab's current state (digit, model, sigma, n, alpha, seed) or its shipped
 * data, and reports which option it came out as.
 */
import type { CheckpointDef } from './checkpointDef';
import { labInput } from '../data/digits';
import { loadDigits } from '../data/useDigits';
import { certifyInputs } from '../engine/client/certifyInputs';
import { coverageExperiment, readFailureRate } from './coverage';
import {
  alphaOutcome,
  bestOf,
  costBucket,
  coverVerdict,
  doublingOutcome,
  gapOutcome,
  l2Distance,
  linearGap,
  rotateImage,
  uniformShiftL2,
} from './checkpointMath';
import { lessonSnippetCertify } from './lessonSnippet';
import { certifiedAccuracy, maxCertifiableRadius, MISMATCH_SIGMAS } from '../smoothing';
import { modelId, shippedRunKey } from '../models/ids';
import { useAppStore } from '../store';
import { PEEKING_CHECKPOINT } from './peekingCheckpoint';
import { isRunStale } from '../store/labSlice';
import { loadShippedRuns } from '../models/shipped';

const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '∞');
const cls = (c: number) => (c < 0 ? 'ABSTAIN' : `class ${c}`);

/** The lab's current input: the drawn digit, or the chosen test digit. */
async function currentInput(): Promise<Float32Array> {
  const s = useAppStore.getState();
  return s.drawn ?? labInput(await loadDigits(), s.params.digit, null);
}

/**
 * The lab's certificate for its current settings: the finished run on screen when it is for
 * exactly these settings, else a fresh CERTIFY with them.
 */
async function labCertificate(x: Float32Array): Promise<{ prediction: number; radius: number }> {
  const s = useAppStore.getState();
  if (s.status === 'done' && s.outcome && !isRunStale(s)) return s.outcome;
  return certifyAt(x, s.params.sigma);
}

/** "test digit 4 (or your drawing), cnn-0.25, σ = 0.25, n = 1,000, α = 0.001": the lab's state. */
function labState(): string {
  const { params, modelId, drawn } = useAppStore.getState();
  return `${drawn ? 'your drawn digit' : `test digit ${params.digit}`}, model ${modelId}, σ = ${params.sigma.toFixed(2)}, n = ${params.n.toLocaleString('en')}, α = ${params.alpha}`;
}

/** The certificate stated in a question: "certified as class 3 with R = 0.612" or the abstention. */
function stateCertificate(prediction: number, radius: number): string {
  return prediction < 0
    ? 'the smoothed classifier abstains: it certifies no radius at all'
    : `it is certified as class ${prediction} with L2 radius R = ${f3(radius)}`;
}

/** CERTIFY on the lab's input with the lab's parameters, sigma replaced. */
async function certifyAt(x: Float32Array, sigma: number, n?: number) {
  const { params, modelId } = useAppStore.getState();
  const [r] = await certifyInputs([x], {
    modelId,
    sigma,
    n0: params.n0,
    n: n ?? params.n,
    alpha: params.alpha,
    seed: params.seed,
  });
  return r!;
}

export const CHECKPOINTS: readonly CheckpointDef[] = [
  {
    id: 'why-linf-shift',
    section: 'why',
    question:
      'An attacker brightens every pixel of the lab’s current digit by 0.03. Is that change inside its certified L2 ball?',
    options: [
      { value: 'covered', label: 'Yes: the change is inside the ball' },
      { value: 'not-covered', label: 'No: it is outside the ball' },
    ],
    ask: async () => {
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
    },
    reveal: async (asked) => {
      const a = asked?.data ?? { prediction: -1, radius: 0, dim: 784 };
      const l2 = uniformShiftL2(0.03, a.dim!);
      const answer = coverVerdict(a.prediction!, a.radius!, l2);
      return {
        answer,
        detail: (
          <p>
            The shift has L∞ size 0.03 but L2 length 0.03 · √{a.dim} = {f3(l2)}.{' '}
            {a.prediction! < 0
              ? 'The lab abstained on this input, so no ball is certified and nothing is covered.'
              : `The certified radius is R = ${f3(a.radius!)}, so the change is ${answer === 'covered' ? `inside the ball (${f3(l2)} ≤ ${f3(a.radius!)})` : `outside the ball (${f3(l2)} > ${f3(a.radius!)})`}.`}
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
      const base = Math.min(useAppStore.getState().params.sigma, 0.75);
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
      const x = await currentInput();
      const base = asked?.data.base ?? Math.min(useAppStore.getState().params.sigma, 0.75);
      const a = await certifyAt(x, base);
      const b = await certifyAt(x, 2 * base);
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
      const { params } = useAppStore.getState();
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
      const params = asked?.data ?? useAppStore.getState().params;
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
      const runs = await loadShippedRuns();
      const accs = MISMATCH_SIGMAS.map((s) => {
        const rows = runs[shippedRunKey(modelId('cnn', s), s)] ?? [];
        const acc = certifiedAccuracy(rows, [0.5])[0]!;
        return { s, acc, count: Math.round(acc * rows.length) };
      });
      // Ties: every σ with the largest count is right.
      const best = bestOf(accs.map((a) => ({ key: a.s.toFixed(2), count: a.count })));
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
      const { modelId, params } = useAppStore.getState();
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
      const x = await currentInput();
      const { params, modelId } = useAppStore.getState();
      const r = await certifyAt(x, params.sigma, 2000);
      const perSample = r.seconds / (params.n0 + 2000);
      const seconds = perSample * (params.n0 + 100_000);
      return {
        answer: costBucket(seconds),
        detail: (
          <p>
            The lab certified your input with {modelId} and n = 2,000 in {r.seconds.toFixed(2)} s, that is{' '}
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
      const unanimous = (num: number) => Promise.resolve([num, ...Array<number>(9).fill(0)]);
      const snippet = await lessonSnippetCertify(unanimous, 100, 0.001, 0.25);
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
    options: [
      { value: 'covered', label: 'Yes: the change is inside the ball' },
      { value: 'not-covered', label: 'No: in L2 it is outside the ball' },
    ],
    ask: async () => {
      const x = await currentInput();
      const r = await labCertificate(x);
      return {
        facts: (
          <p>
            The lab’s current input ({labState()}): {stateCertificate(r.prediction, r.radius)}.
          </p>
        ),
        data: { prediction: r.prediction, radius: r.radius },
      };
    },
    reveal: async (asked) => {
      const x = await currentInput();
      const a = asked?.data ?? { prediction: -1, radius: 0 };
      const d = l2Distance(x, rotateImage(x, 28, 10));
      const answer = coverVerdict(a.prediction!, a.radius!, d);
      return {
        answer,
        detail: (
          <p>
            The rotated digit lies at L2 distance {f3(d)} from the original;{' '}
            {a.prediction! < 0
              ? 'the lab abstained on it, so no ball is certified and nothing is covered.'
              : `the certified radius is R = ${f3(a.radius!)}, so the rotation is ${answer === 'covered' ? 'inside' : 'outside'} the ball.`}
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
      const r = await coverageExperiment(
        { pA: 0.9, n: 100, n0: 10, alpha: 0.01, runs: 1000, seed: 7 },
        // Yield to the page every 50 runs so it stays responsive.
        () => new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 0)),
      );
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
