/**
 * The published MNIST certified-accuracy curves the trade-off view can overlay on ours: Gaussian
 * augmentation (Cohen, Rosenfeld & Kolter 2019) and consistency regularisation (Jeong & Shin 2020),
 * each at sigma 0.25, 0.5 and 1.0, as computed by scripts/published-curves.ts from the certify logs
 * in github.com/jh-jeong/smoothing-consistency (data/certify/mnist/). Pure data and maths: no React.
 */
import data from './published.json';

/** How the published model was trained. */
export type PublishedTraining =
  | { name: 'Gaussian augmentation'; paper: string }
  | { name: 'Consistency regularisation'; paper: string; m: number; lambda: number; eta: number };

/** One published curve and where it came from. */
export interface PublishedCurve {
  /** "gaussian-0.25", "consistency-1.00". */
  id: string;
  method: 'gaussian' | 'consistency';
  /** The noise level of training and certification. */
  sigma: number;
  training: PublishedTraining;
  /** The paper whose logs these are (it reports the Gaussian baseline too). */
  reportedIn: string;
  /** The repository, the commit read (null if unknown) and the log files (one per run). */
  source: { repository: string; commit: string | null; files: string[] };
  model: string;
  /** MNIST training digits the model saw. */
  trainDigits: number;
  /** MNIST test digits certified. */
  testDigits: number;
  n0: number;
  /** Estimation samples per digit (N in the paper). */
  n: number;
  alpha: number;
  /** Runs (trained models) averaged. */
  runs: number;
  /** The figure the paper reports, which the data matches (percent at a radius). */
  check: { radius: number; percent: number };
  radiusStep: number;
  /** Certified accuracy (fraction) at r = i * radiusStep; zero beyond the last entry. */
  accuracy: number[];
}

export interface PublishedCurves {
  about: string;
  curves: PublishedCurve[];
}

export const PUBLISHED: readonly PublishedCurve[] = (data as PublishedCurves).curves;

/** The method's name as the legend and the exports write it. */
export function methodName(c: PublishedCurve): string {
  return c.method === 'gaussian' ? 'Gaussian' : 'Consistency';
}

/**
 * Certified accuracy of a published curve at radius r: the value at the largest stored radius not
 * above r (exact on the stored grid; the curve is a non-increasing step function), 0 beyond it.
 */
export function publishedAccuracyAt(c: PublishedCurve, r: number): number {
  if (!(r >= 0)) return c.accuracy[0] ?? 0;
  // Radii on the grid (0.02, 1.5) land on their own index despite float error.
  const i = Math.floor(r / c.radiusStep + 1e-6);
  return i < c.accuracy.length ? c.accuracy[i]! : 0;
}

/** The largest radius where any published curve is still above zero. */
export function publishedMaxRadius(curves: readonly PublishedCurve[] = PUBLISHED): number {
  return Math.max(
    0,
    ...curves.map((c) => {
      let last = c.accuracy.length - 1;
      while (last >= 0 && !(c.accuracy[last]! > 0)) last--;
      return Math.max(0, last) * c.radiusStep;
    }),
  );
}
