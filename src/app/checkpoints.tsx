/**
 * The lesson's predict-then-reveal checkpoints, at least one per section. Each reveal runs a real
 * experiment with the lab's current state (digit, model, sigma, n, alpha, seed) or its shipped
 * data, and reports which option it came out as.
 */
import type { CheckpointDef } from '../components/Checkpoint';
import { labInput } from '../data/digits';
import { loadDigits } from '../data/useDigits';
import { certifyInputs } from '../engine/certifyInputs';
import { coverageExperiment } from '../lesson/coverage';
import {
  costBucket,
  doublingOutcome,
  gapOutcome,
  l2Distance,
  linearGap,
  rotateImage,
  uniformShiftL2,
} from '../lesson/checkpointMath';
import { lessonSnippetCertify } from '../lesson/lessonSnippet';
import { certifiedAccuracy, maxCertifiableRadius, MISMATCH_SIGMAS } from '../smoothing';
import { useAppStore } from '../store';
import { PEEKING_CHECKPOINT } from './peekingCheckpoint';
import { loadShippedRuns } from './tradeoff/shipped';

const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '∞');
const cls = (c: number) => (c < 0 ? 'ABSTAIN' : `class ${c}`);

/** The lab's current input: the drawn digit, or the chosen test digit. */
async function currentInput(): Promise<Float32Array> {
  const s = useAppStore.getState();
  return s.drawn ?? labInput(await loadDigits(), s.params.digit, null);
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
      'A digit is certified at L2 radius R. An attacker brightens every pixel by 0.03. Is that change inside the certified ball?',
    options: [
      { value: 'covered', label: 'Yes: 0.03 per pixel is tiny, so it is covered' },
      { value: 'not-covered', label: 'No: it is outside the ball' },
    ],
    reveal: async () => {
      const x = await currentInput();
      const { params } = useAppStore.getState();
      const r = await certifyAt(x, params.sigma);
      const l2 = uniformShiftL2(0.03, x.length);
      return {
        answer: l2 <= r.radius ? 'covered' : 'not-covered',
        detail: (
          <p>
            The lab certified your current input: {cls(r.prediction)}, R = {f3(r.radius)}. The shift has L∞
            size 0.03 but L2 length 0.03 · √{x.length} = {f3(l2)}.
          </p>
        ),
      };
    },
    why: 'Small per pixel is not small in L2: over 784 pixels, tiny changes add up. A certificate covers one ball in one norm.',
  },
  {
    id: 'lab-double-sigma',
    section: 'lab',
    question: 'Double the noise level σ on this digit. What happens to the certified radius?',
    options: [
      { value: 'shrinks', label: 'It shrinks' },
      { value: 'same', label: 'It stays about the same' },
      { value: 'grows-less', label: 'It grows, but less than double' },
      { value: 'doubles', label: 'It doubles' },
      { value: 'abstains', label: 'There is no radius to begin with (ABSTAIN)' },
    ],
    reveal: async () => {
      const x = await currentInput();
      const base = Math.min(useAppStore.getState().params.sigma, 0.75);
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
      'A linear classifier, a point at distance 0.5 from its boundary, smoothed at the lab’s σ. How does the Monte Carlo certificate compare with the exact one?',
    options: [
      { value: 'smaller', label: 'Smaller than 0.5' },
      { value: 'equal', label: 'Equal to 0.5' },
      { value: 'larger', label: 'Larger than 0.5' },
    ],
    reveal: async () => {
      const { params } = useAppStore.getState();
      const g = linearGap(0.5, params.sigma, params.n, params.alpha, params.seed);
      return {
        answer: gapOutcome(g.radius, g.exact),
        detail: (
          <p>
            Exactly, p_A = Φ(0.5 / {params.sigma.toFixed(2)}) = {f3(g.pA)} and the smoothed classifier is
            certified to R = 0.5. With n = {params.n.toLocaleString('en')} samples the lab counted n_A ={' '}
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
    question: 'Which σ certifies the most test digits correctly at radius r = 0.5?',
    options: MISMATCH_SIGMAS.map((s) => ({ value: s.toFixed(2), label: `σ = ${s.toFixed(2)}` })),
    reveal: async () => {
      const runs = await loadShippedRuns();
      const accs = MISMATCH_SIGMAS.map((s) => {
        const rows = runs[`cnn-${s.toFixed(2)}-sigma${s.toFixed(2)}`] ?? [];
        return { s, acc: certifiedAccuracy(rows, [0.5])[0]! };
      });
      const best = accs.reduce((a, b) => (b.acc > a.acc ? b : a));
      return {
        answer: best.s.toFixed(2),
        detail: (
          <p>
            Certified accuracy at r = 0.5 in the shipped runs (CNN, 200 digits, n = 10,000):{' '}
            {accs.map((a) => `σ = ${a.s.toFixed(2)}: ${(100 * a.acc).toFixed(1)}%`).join('; ')}. At r = 0.5, σ
            = 0.12 cannot certify at all: its ceiling R_max is{' '}
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
    question: 'How long does one certificate with the paper’s n = 100,000 samples take on this device?',
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
    question: 'Rotate the current digit by 10 degrees. Does its L2 certificate cover that change?',
    options: [
      { value: 'covered', label: 'Yes: the digit barely changes' },
      { value: 'not-covered', label: 'No: in L2 it is a big change' },
    ],
    reveal: async () => {
      const x = await currentInput();
      const r = await certifyAt(x, useAppStore.getState().params.sigma);
      const d = l2Distance(x, rotateImage(x, 28, 10));
      return {
        answer: d <= r.radius ? 'covered' : 'not-covered',
        detail: (
          <p>
            Certified: {cls(r.prediction)} with R = {f3(r.radius)}. The rotated digit lies at L2 distance{' '}
            {f3(d)} from the original.
          </p>
        ),
      };
    },
    why: 'A rotation a person hardly notices moves many pixels a lot: it is far away in L2. Semantic changes need their own certificates.',
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
        answer: k === 0 ? 'none' : k <= 20 ? 'few' : 'many',
        detail: (
          <p>
            The lab ran 1,000 simulated certifications: p_lower exceeded 0.9 in {k} of them (
            {((100 * k) / 1000).toFixed(1)}
            %); the lesson’s snippet, on the same votes, in {r.snippetFailures}.
          </p>
        ),
      };
    },
    why: 'The guarantee is probabilistic: a Clopper-Pearson bound is wrong in at most a share α of runs, usually fewer, because it is conservative.',
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
