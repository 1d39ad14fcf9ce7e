/**
 * The trade-off view's maths on finished rows, free of React: which certifications make up the
 * curves and the matrix, the chart's radius grid, the chart's curves (measured here and shipped),
 * and the live mismatch cells (`summarizeMismatch`, as `npm run mismatch` computes the shipped ones).
 */
import type { ChartCurve } from '../../components/TradeoffChart';
import { findModel } from '../../models/cards';
import { modelId, shippedRunKey, sigmaLabel as sig } from '../../models/ids';
import { publishedMaxRadius } from '../../models/published';
import { SHIPPED_RUN } from '../../models/shipped';
import { ABLATION_RUN, TARGET_RADIUS } from '../../models/shippedRun';
import {
  certifiedAccuracy,
  maxCertifiableRadius,
  MISMATCH_SIGMAS,
  radiusGrid,
  summarizeMismatch,
  type CertifyRow,
  type MismatchCell,
} from '../../smoothing';
import type { Arch, TradeoffRun } from '../../store/tradeoffSlice';
import type { TradeoffJob } from './run';

/** One colour per certification sigma, the same in every chart and table. */
export const COLORS: Record<string, string> = {
  '0.12': '#2a8f6a',
  '0.25': '#1f5fbf',
  '0.50': '#c2410c',
  '1.00': '#7b2cbf',
};
const TRAIN_SIGMAS = [0, 0.12, 0.25, 0.5, 1] as const;

/** The parameters every measured curve shares: digits, n0, n, alpha and seed. */
export interface CurveParams {
  count: number;
  n0: number;
  n: number;
  alpha: number;
  seed: number;
}

/** The diagonal jobs (each sigma with the model trained at it) and, for the matrix, all the others. */
export function jobsFor(arch: Arch, matrix: boolean): TradeoffJob[] {
  const diag = MISMATCH_SIGMAS.map((s) => ({ modelId: modelId(arch, s), sigmaTrain: s, sigma: s }));
  if (!matrix) return diag;
  const rest = TRAIN_SIGMAS.flatMap((t) =>
    MISMATCH_SIGMAS.filter((s) => s !== t).map((s) => ({
      modelId: modelId(arch, t),
      sigmaTrain: t,
      sigma: s,
    })),
  );
  return [...diag, ...rest];
}

/** The shipped runs' parameters (models/README.md): n0, n, alpha and seed. */

/** A stored run's n and alpha: what sets its largest certifiable radius. */
export interface StoredRun {
  n: number;
  alpha: number;
}

/**
 * The chart's radii: 0 to the largest radius any curve can show (R_max at sigma = 1 for this n and
 * alpha, for each stored run shown, such as SHIPPED_RUN and ABLATION_RUN, and the published curves'
 * last nonzero radius while they are shown), step 0.02.
 */
export function chartRadii(
  n: number,
  alpha: number,
  stored: readonly StoredRun[],
  withPublished = false,
): number[] {
  const rMax = Math.max(
    maxCertifiableRadius(1, n, alpha),
    ...stored.map((r) => maxCertifiableRadius(1, r.n, r.alpha)),
    withPublished ? publishedMaxRadius() : 0,
  );
  return radiusGrid(Math.max(1, Math.ceil(rMax * 4) / 4), 0.02);
}

/** One measured curve's sigma, job and run so far (undefined before it starts). */
export interface LiveCurve {
  sigma: number;
  job: TradeoffJob;
  run: TradeoffRun | undefined;
}

/** The measured curves as the chart draws them: one per sigma that has rows, with its provenance. */
export function liveChartCurves(live: readonly LiveCurve[], radii: readonly number[], p: CurveParams) {
  return live
    .filter((l) => (l.run?.rows.length ?? 0) > 0)
    .map((l): ChartCurve => ({
      key: `live-${sig(l.sigma)}`,
      label: `σ = ${sig(l.sigma)}${l.run!.rows.length < p.count ? ` (${l.run!.rows.length}/${p.count})` : ''}`,
      color: COLORS[sig(l.sigma)]!,
      values: certifiedAccuracy(l.run!.rows, radii),
      source: `measured here; model ${l.job.modelId}; ${l.run!.rows.length} digits; n0 ${p.n0}; n ${p.n}; alpha ${p.alpha}; seed ${p.seed}`,
    }));
}

/** How a shipped CNN was trained, for a curve's provenance: "consistency regularisation" or "Gaussian noise". */
function trainedWith(id: string): string {
  const card = findModel(id);
  if (card?.recipe?.method === 'consistency') return 'consistency regularisation';
  return card && card.sigmaTrain > 0 ? 'Gaussian noise' : 'no noise';
}

/** The shipped runs' curves (CNN, n = 10,000), dashed; the provenance names how each model was trained. */
export function shippedChartCurves(shipped: Record<string, CertifyRow[]>, radii: readonly number[]) {
  return MISMATCH_SIGMAS.flatMap((sigma): ChartCurve[] => {
    const rows = shipped[shippedRunKey(modelId('cnn', sigma), sigma)];
    return rows
      ? [
          {
            key: `shipped-${sig(sigma)}`,
            label: `shipped σ = ${sig(sigma)}`,
            color: COLORS[sig(sigma)]!,
            values: certifiedAccuracy(rows, radii),
            dashed: true,
            source: `shipped run; model ${modelId('cnn', sigma)} (${trainedWith(modelId('cnn', sigma))}); ${rows.length} digits; n0 ${SHIPPED_RUN.n0}; n ${SHIPPED_RUN.n}; alpha ${SHIPPED_RUN.alpha}; seed ${SHIPPED_RUN.seed}`,
          },
        ]
      : [];
  });
}

/** The line pattern of our Gaussian baselines (SVG dash array, pixels): long dashes. */
export const BASELINE_DASH: readonly number[] = [12, 4];

/**
 * Our Gaussian baselines from the training ablation (`npm run ablation`): at each sigma it covers,
 * the CNN trained with plain Gaussian noise (Cohen et al. 2019), with or without shifts and
 * rotations, whichever certifies more at the sigma's target radius (the rule that chose the shipped
 * models; a tie keeps the one without). The shipped CNNs at these sigmas won with consistency
 * regularisation, so these curves show what that method adds on the same digits, n and alpha.
 */
export function gaussianBaselineCurves(ablation: Record<string, CertifyRow[]>, radii: readonly number[]) {
  return Object.entries(TARGET_RADIUS).flatMap(([s, target]): ChartCurve[] => {
    const variants = (['plain', 'aug'] as const).flatMap((v) => {
      const id = `cnn-${s}-gauss-${v}`;
      const rows = ablation[`${id}-sigma${s}`];
      return rows ? [{ id, v, rows, at: certifiedAccuracy(rows, [target])[0]! }] : [];
    });
    const best = variants.reduce<(typeof variants)[number] | null>(
      (b, x) => (!b || x.at > b.at ? x : b),
      null,
    );
    if (!best) return [];
    return [
      {
        key: `baseline-${s}`,
        label: `our Gaussian σ = ${s}`,
        color: COLORS[s]!,
        values: certifiedAccuracy(best.rows, radii),
        dashed: true,
        dash: BASELINE_DASH,
        source: `training ablation; model ${best.id} (Gaussian noise, ${best.v === 'aug' ? 'with shifts and rotations' : 'no shifts or rotations'}); ${best.rows.length} digits; n0 ${ABLATION_RUN.n0}; n ${ABLATION_RUN.n}; alpha ${ABLATION_RUN.alpha}; seed ${ABLATION_RUN.seed}`,
      },
    ];
  });
}

/** The mismatch cells of the jobs whose run has all `p.count` digits (an unfinished run has none). */
export function liveMismatchCells(
  jobs: readonly TradeoffJob[],
  runOf: (j: TradeoffJob) => TradeoffRun | undefined,
  p: CurveParams,
): MismatchCell[] {
  const complete = jobs.flatMap((j) => {
    const r = runOf(j);
    return r && r.rows.length >= p.count
      ? [{ model: j.modelId, sigmaTrain: j.sigmaTrain, sigma: j.sigma, rows: r.rows }]
      : [];
  });
  const { count: digits, n0, n, alpha, seed } = p;
  return summarizeMismatch({ digits, n0, n, alpha, seed }, complete).cells;
}

/** The measured rows per sigma as [digit, prediction, radius], for the results table's data attribute. */
export function resultsJson(live: readonly LiveCurve[]): string {
  return JSON.stringify(
    Object.fromEntries(
      live
        .filter((l) => l.run)
        .map((l) => [sig(l.sigma), l.run!.rows.map((r) => [r.idx, r.predict, r.radius])]),
    ),
  );
}
