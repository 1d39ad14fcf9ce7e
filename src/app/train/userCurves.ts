/**
 * The student's own models in the trade-off view, free of React: which certifications exist for
 * them (the trade-off store's runs, keyed like the shipped models'), their curves for the chart,
 * their summaries for the cards, and the mismatch sentences of the lesson text.
 */
import type { ChartCurve } from '../../components/TradeoffChart';
import type { UserModelView, UserRunSummary } from '../../components/train/UserModelList';
import { shortUserModelLabel, type UserModelCard } from '../../models/userModels';
import { certifiedAccuracy, MISMATCH_SIGMAS } from '../../smoothing';
import type { TradeoffRun } from '../../store/tradeoffSlice';
import type { CurveParams } from '../tradeoff/curves';
import type { TradeoffJob } from '../tradeoff/run';

/** Colours of the student's curves (solid, darker than the per-sigma colours of the shipped models). */
const USER_COLORS = ['#1f2937', '#9d174d', '#0f766e', '#854d0e', '#4338ca', '#7f1d1d'];

/** The radii each card's summary reports. */
export const SUMMARY_RADII = [0, 0.25, 0.5, 1];

/** The certification job of a student's model at `sigma`. */
export function userJob(card: UserModelCard, sigma: number): TradeoffJob {
  return { modelId: card.id, sigmaTrain: card.sigmaTrain, sigma };
}

/** Every run (with at least one row) of each of the student's models, with these parameters. */
export function userRuns(
  cards: readonly UserModelCard[],
  runOf: (j: TradeoffJob) => TradeoffRun | undefined,
): { card: UserModelCard; sigma: number; run: TradeoffRun }[] {
  return cards.flatMap((card) =>
    MISMATCH_SIGMAS.flatMap((sigma) => {
      const run = runOf(userJob(card, sigma));
      return run && run.rows.length > 0 ? [{ card, sigma, run }] : [];
    }),
  );
}

/** The student's curves for the trade-off chart: one per (model, certification sigma) measured. */
export function userChartCurves(
  runs: ReturnType<typeof userRuns>,
  radii: readonly number[],
  p: CurveParams,
): ChartCurve[] {
  return runs.map(({ card, sigma, run }, i) => ({
    key: `user-${card.id}-${sigma}`,
    label: `${shortUserModelLabel(card)} at σ = ${sigma.toFixed(2)}${run.rows.length < p.count ? ` (${run.rows.length}/${p.count})` : ''}`,
    color: USER_COLORS[i % USER_COLORS.length]!,
    values: certifiedAccuracy(run.rows, radii),
    source: `measured here; your model ${card.id} (${card.architecture}, sigma_train ${card.sigmaTrain}, ${card.method}, ${card.epochs} epochs); ${run.rows.length} digits; n0 ${p.n0}; n ${p.n}; alpha ${p.alpha}; seed ${p.seed}`,
  }));
}

/** The cards as the list shows them, each with its certifications summarised. */
export function userModelViews(
  cards: readonly UserModelCard[],
  unsaved: readonly string[],
  runs: ReturnType<typeof userRuns>,
  count: number,
): UserModelView[] {
  return [...cards].reverse().map((card) => ({
    card,
    saved: !unsaved.includes(card.id),
    runs: runs
      .filter((r) => r.card.id === card.id)
      .map(({ sigma, run }): UserRunSummary => ({
        sigma,
        done: run.rows.length,
        count,
        at: certifiedAccuracy(run.rows, SUMMARY_RADII).map((accuracy, k) => ({
          r: SUMMARY_RADII[k]!,
          accuracy,
        })),
      })),
  }));
}

/**
 * The lesson's sentences with the student's own numbers: for every finished certification, the
 * share certified at r = 0.5 (correct, and certified at least that far), matched runs (certified at
 * sigma_train) apart from mismatched ones.
 */
export function mismatchSentences(runs: ReturnType<typeof userRuns>, count: number): string[] {
  return runs
    .filter((r) => r.run.rows.length >= count)
    .map(({ card, sigma, run }) => {
      const [at0, at05] = certifiedAccuracy(run.rows, [0, 0.5]) as [number, number];
      const match = Math.abs(card.sigmaTrain - sigma) < 1e-9 ? 'matched' : 'mismatched';
      return `Your ${card.architecture.toUpperCase()} trained at σ_train ${card.sigmaTrain.toFixed(2)}, certified at σ = ${sigma.toFixed(2)} (${match}): ${(100 * at0).toFixed(0)}% of ${run.rows.length} digits correct and certified, ${(100 * at05).toFixed(0)}% certified at r = 0.5.`;
    });
}
