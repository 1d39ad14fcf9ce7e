/**
 * The published curves in the trade-off view, free of React: as chart curves (dotted for Gaussian
 * augmentation, dash-dot for consistency regularisation, in the colour of their sigma), and the
 * sentences that say where they come from and how they differ from ours, for the page, the CSV and
 * the PNG alike.
 */
import type { ChartCurve } from '../../components/TradeoffChart';
import { sigmaLabel as sig } from '../../models/ids';
import { methodName, PUBLISHED, publishedAccuracyAt, type PublishedCurve } from '../../models/published';
import { maxCertifiableRadius } from '../../smoothing';
import { COLORS } from './curves';

/** The line patterns of the published curves (SVG dash arrays, in pixels). */
export const PUBLISHED_DASH: Record<PublishedCurve['method'], readonly number[]> = {
  gaussian: [2, 3],
  consistency: [10, 3, 2, 3],
};

const en = (x: number) => x.toLocaleString('en');

/** The folder the curve's logs share (their common directory). */
function logFolder(c: PublishedCurve): string {
  const first = c.source.files[0] ?? '';
  return first.slice(0, first.lastIndexOf('/'));
}

/** How the curve's model was trained, in a few words ("consistency regularisation m 2 lambda 5 eta 0.5"). */
function trainingWords(c: PublishedCurve): string {
  const t = c.training;
  return t.name === 'Consistency regularisation'
    ? `consistency regularisation (Jeong & Shin 2020) m ${t.m} lambda ${t.lambda} eta ${t.eta}`
    : 'Gaussian augmentation (Cohen, Rosenfeld & Kolter 2019)';
}

/**
 * One published curve's provenance in the form the other curves use ("measured here; model ...;
 * 20 digits; ..."): written after its label in the CSV header and the PNG legend.
 */
export function publishedSource(c: PublishedCurve): string {
  const commit = c.source.commit ? ` @ ${c.source.commit.slice(0, 7)}` : '';
  return [
    trainingWords(c),
    `${c.model} trained on ${c.trainDigits} digits`,
    `${c.testDigits} test digits`,
    `mean of ${c.runs} runs`,
    `n0 ${c.n0}; N ${c.n}; alpha ${c.alpha}`,
    `${c.source.repository} ${logFolder(c)}${commit}`,
  ].join('; ');
}

/** The published curves on the chart's radius grid. */
export function publishedChartCurves(
  radii: readonly number[],
  curves: readonly PublishedCurve[] = PUBLISHED,
): ChartCurve[] {
  return curves.map((c) => ({
    key: `published-${c.id}`,
    label: `${methodName(c)} σ = ${sig(c.sigma)} (published)`,
    color: COLORS[sig(c.sigma)] ?? '#444444',
    values: radii.map((r) => publishedAccuracyAt(c, r)),
    dashed: true,
    dash: PUBLISHED_DASH[c.method],
    source: publishedSource(c),
  }));
}

/** The values all curves share, or the distinct ones joined ("60,000"; "0.001 / 0.01"). */
function shared<T>(curves: readonly PublishedCurve[], f: (c: PublishedCurve) => T, show: (v: T) => string) {
  return [...new Set(curves.map(f))].map(show).join(' / ');
}

/** What our curves are: the models' training digits and epochs, and how they are certified. */
export interface OurSide {
  /** The model family of the curves measured here ("cnn"). */
  arch: string;
  /** Training digits and epochs of those models, and the test digits shipped. */
  trainDigits: number;
  epochs: number;
  /**
   * Where training stopped early on held-out digits: the epoch whose weights were kept and how many
   * digits were held out (absent for a model trained for a fixed number of epochs).
   */
  early?: { bestEpoch: number; validation: number };
  shippedTestDigits: number;
  /** Digits, n and alpha of the curves measured here. */
  count: number;
  n: number;
  alpha: number;
  /** The shipped (dashed) curves: their digits, n and alpha; null while they are not shown. */
  shipped: { digits: number; n: number; alpha: number; trainDigits: number } | null;
}

/**
 * Two paragraphs: where the published curves come from (method, paper, model, data, N, alpha,
 * repository), and the gap between them and ours, in words, with our side's real numbers.
 */
export function publishedNotes(
  ours: OurSide,
  curves: readonly PublishedCurve[] = PUBLISHED,
): { source: string; gap: string } {
  const consistency = curves.flatMap((c) =>
    c.training.name === 'Consistency regularisation' ? [{ sigma: c.sigma, ...c.training }] : [],
  );
  // "m = 2, η = 0.5, λ = 10 at σ = 0.25 and 5 at 0.50 and 1.00"
  const lambdas = [...new Set(consistency.map((t) => t.lambda))].map(
    (l, i) =>
      `${i === 0 ? 'λ = ' : ''}${l} at ${i === 0 ? 'σ = ' : ''}${consistency
        .filter((t) => t.lambda === l)
        .map((t) => sig(t.sigma))
        .join(' and ')}`,
  );
  const settings =
    `m = ${[...new Set(consistency.map((t) => t.m))].join(' / ')}, ` +
    `η = ${[...new Set(consistency.map((t) => t.eta))].join(' / ')}, ${lambdas.join(' and ')}`;
  const commit = shared(
    curves,
    (c) => c.source.commit,
    (v) => (v ? ` at commit ${v.slice(0, 7)}` : ''),
  );
  const source =
    `Published curves: dotted, Gaussian augmentation (Cohen, Rosenfeld & Kolter 2019); dash-dot, ` +
    `consistency regularisation (Jeong & Shin, NeurIPS 2020; ${settings}). ` +
    `${shared(curves, (c) => c.model, String)} trained on all ${shared(curves, (c) => c.trainDigits, en)} ` +
    `MNIST training digits, certified on the ${shared(curves, (c) => c.testDigits, en)} test digits with ` +
    `n0 = ${shared(curves, (c) => c.n0, en)}, N = ${shared(curves, (c) => c.n, en)} and ` +
    `α = ${shared(curves, (c) => c.alpha, String)}; each curve is the mean of ` +
    `${shared(curves, (c) => c.runs, String)} trained models. Source: the certify logs in ` +
    `${shared(curves, (c) => c.source.repository, String)} (data/certify/mnist/${commit}).`;

  const pubN = Math.max(...curves.map((c) => c.n));
  const pubAlpha = Math.max(...curves.map((c) => c.alpha));
  const pubTrain = Math.max(...curves.map((c) => c.trainDigits));
  const rOurs = maxCertifiableRadius(1, ours.n, ours.alpha);
  const rPub = maxCertifiableRadius(1, pubN, pubAlpha);
  const shipped = ours.shipped
    ? ` The dashed shipped curves (CNN, trained on ${en(ours.shipped.trainDigits)} digits) are certified ` +
      `on ${ours.shipped.digits === ours.shippedTestDigits ? 'all' : 'the first'} ${en(ours.shipped.digits)} ` +
      `with n = ${en(ours.shipped.n)}, α = ${ours.shipped.alpha}.`
    : '';
  const gap =
    `Ours are trained on ${en(ours.trainDigits)} digits, not ${en(pubTrain)} ` +
    `(${ours.arch.toUpperCase()}, ${
      ours.early
        ? `the weights of epoch ${ours.early.bestEpoch} of ${ours.epochs}, chosen on ${en(ours.early.validation)} held-out digits`
        : `${ours.epochs} epochs`
    }), and the curves measured here are certified with ` +
    `n = ${en(ours.n)}, α = ${ours.alpha} on the first ${en(ours.count)} of the ` +
    `${en(ours.shippedTestDigits)} shipped test digits.${shipped} Less training data lowers our curves; a ` +
    `smaller n also ends them sooner: at σ = 1 the largest certifiable radius is ${rOurs.toFixed(2)} with ` +
    `n = ${en(ours.n)} and ${rPub.toFixed(2)} with N = ${en(pubN)}.`;
  return { source, gap };
}
