import { useMemo, useRef, useState } from 'react';
import { SamplesSaved } from '../../components/SamplesSaved';
import { SectionCheckpoints } from '../../components/SectionCheckpoints';
import { LiveAccuracyTable, SamplingNote, ShippedTable } from '../../components/tradeoff/AccuracyTables';
import { MismatchSection } from '../../components/tradeoff/MismatchSection';
import { TradeoffFigure } from '../../components/tradeoff/TradeoffFigure';
import { TradeoffSettings } from '../../components/tradeoff/TradeoffSettings';
import { findModel } from '../../models/cards';
import { modelId, shippedRunKey } from '../../models/ids';
import { SHIPPED_RUN, useAblationRuns, useShippedRuns } from '../../models/shipped';
import { ABLATION_RUN } from '../../models/shippedRun';
import { MISMATCH_SIGMAS, type MismatchTable } from '../../smoothing';
import type { Arch } from '../../store/tradeoffSlice';
import shippedMismatch from '../../../models/certify/mismatch.json';
import {
  chartRadii,
  gaussianBaselineCurves,
  jobsFor,
  liveChartCurves,
  liveMismatchCells,
  resultsJson,
  shippedChartCurves,
} from '../tradeoff/curves';
import { publishedChartCurves, publishedNotes } from '../tradeoff/published';
import { cancelTradeoff, runTradeoff } from '../tradeoff/run';
import { useExports } from '../tradeoff/useExports';
import { useTradeoffSelection } from '../tradeoff/useTradeoffSelection';
import { TrainSection } from '../train/TrainSection';
import { userChartCurves, userRuns } from '../train/userCurves';
import { useAppStore } from '../../store';
import { BEST_SIGMA_CHECKPOINT } from '../../lesson/checkpoints';
import './tradeoff.css';

/**
 * Our side of the comparison with the published curves, read from the model cards (training digits
 * and epochs, shipped test digits), the curve parameters and the shipped runs (their digit count).
 */
function ourSide(
  arch: Arch,
  p: { count: number; n: number; alpha: number },
  shipped: Record<string, { length: number }> | null,
) {
  const card = findModel(modelId(arch, 0.25));
  const shippedCard = findModel(modelId('cnn', 0.25));
  const shippedRows = shipped?.[shippedRunKey(modelId('cnn', 0.25), 0.25)];
  return {
    arch,
    trainDigits: card?.data.train ?? NaN,
    epochs: card?.epochs ?? NaN,
    early: card?.recipe
      ? { bestEpoch: card.recipe.bestEpoch, validation: card.recipe.validation }
      : undefined,
    shippedTestDigits: card?.data.test ?? NaN,
    count: p.count,
    n: p.n,
    alpha: p.alpha,
    shipped:
      shippedRows && shippedCard
        ? {
            digits: shippedRows.length,
            n: SHIPPED_RUN.n,
            alpha: SHIPPED_RUN.alpha,
            trainDigits: shippedCard.data.train,
          }
        : null,
  };
}

/**
 * The sigma-radius trade-off, measured live: settings, run/cancel, progress, chart, tables, exports.
 * The store selection is in ../tradeoff/useTradeoffSelection, the curve maths in ../tradeoff/curves,
 * the exports in ../tradeoff/useExports, the markup in components/tradeoff.
 */
export function TradeoffWidget() {
  const { digits, set, s, count, p, runOf } = useTradeoffSelection();
  const chartRef = useRef<HTMLDivElement>(null);
  const [showShipped, setShowShipped] = useState(true);
  // While presenting, the chart sits beside the section's checkpoint, and the shipped curves (and
  // table) give its answer away: they wait for the reveal.
  const presenting = useAppStore((st) => st.presenting);
  const revealed = useAppStore(
    (st) =>
      BEST_SIGMA_CHECKPOINT in st.progress.checkpoints || st.revealedNow.includes(BEST_SIGMA_CHECKPOINT),
  );
  const heldBack = presenting && !revealed;
  const shippedShown = showShipped && !heldBack;
  const shipped = useShippedRuns();
  const [showBaselines, setShowBaselines] = useState(false);
  const baselinesShown = showBaselines && !heldBack;
  const ablation = useAblationRuns(baselinesShown);
  // Certifying one digit costs n0 + n forward passes, so the whole curve set is
  // 4 * count * (n0 + n) of them; a matrix adds 16 more runs.
  const radii = useMemo(
    () =>
      chartRadii(
        s.n,
        s.alpha,
        [...(shippedShown ? [SHIPPED_RUN] : []), ...(baselinesShown ? [ABLATION_RUN] : [])],
        s.published,
      ),
    [s.n, s.alpha, shippedShown, baselinesShown, s.published],
  );
  const live = MISMATCH_SIGMAS.map((sigma) => {
    const job = { modelId: modelId(s.arch, sigma), sigmaTrain: sigma, sigma };
    return { sigma, job, run: runOf(job) };
  });
  const userCards = useAppStore((st) => st.userModels);
  const curves = [
    ...liveChartCurves(live, radii, p),
    ...(shippedShown ? shippedChartCurves(shipped, radii) : []),
    ...(baselinesShown ? gaussianBaselineCurves(ablation, radii) : []),
    // The student's own models (trained in this browser), certified from the training section.
    ...userChartCurves(userRuns(userCards, runOf), radii, p),
    ...(s.published ? publishedChartCurves(radii) : []),
  ];
  const notes = s.published ? publishedNotes(ourSide(s.arch, p, shippedShown ? shipped : null)) : null;
  const matrixJobs = jobsFor(s.arch, true);
  const exports = useExports(chartRef, radii, curves, s.arch, p, notes ? [notes.source, notes.gap] : []);

  return (
    <div className="tradeoff">
      <TradeoffSettings
        arch={s.arch}
        countSetting={s.count}
        count={count}
        n0={s.n0}
        n={s.n}
        alpha={s.alpha}
        seed={s.seed}
        status={s.status}
        message={s.message}
        progress={s.progress}
        canRun={set !== null && s.ready}
        digitsError={digits.status === 'error' ? digits.message : null}
        onArch={s.setArch}
        onCount={s.setCount}
        onRun={(matrix) => {
          if (set) void runTradeoff(jobsFor(s.arch, matrix), set);
        }}
        onCancel={cancelTradeoff}
      />
      <TradeoffFigure
        chartRef={chartRef}
        radii={radii}
        curves={curves}
        showShipped={shippedShown}
        shippedHeldBack={heldBack}
        showBaselines={baselinesShown}
        showPublished={s.published}
        provenance={notes}
        note={exports.note}
        onShowShipped={setShowShipped}
        onShowBaselines={setShowBaselines}
        onShowPublished={s.setPublished}
        onCsv={exports.exportCsv}
        onPng={() => void exports.exportPng()}
      />
      <LiveAccuracyTable
        live={live.map((l) => ({ sigma: l.sigma, rows: l.run?.rows ?? [] }))}
        count={count}
        n0={s.n0}
        n={s.n}
        alpha={s.alpha}
        results={resultsJson(live)}
      />
      <SamplingNote live={live.map((l) => l.run?.rows ?? [])} count={count} />
      {!heldBack && <ShippedTable shipped={shipped} />}
      <MismatchSection
        live={liveMismatchCells(matrixJobs, runOf, p)}
        jobs={matrixJobs.length}
        arch={s.arch}
        count={count}
        n={s.n}
        shipped={shippedMismatch as MismatchTable}
      />
    </div>
  );
}

/** The lesson's "sigma-radius trade-off" section beside the live measurement (the third view). */
export function TradeoffView() {
  return (
    <div className="tradeoff-view">
      <div className="prose lesson">
        <p>
          The radius is R = σ · Φ⁻¹(p_lower). Two things in it pull in opposite directions as σ grows. The
          factor σ scales every radius up: at the same vote share, doubling the noise doubles the certificate.
          But noise also drowns the digit: the base model's votes spread over more classes, p_A falls, and at
          the largest σ many digits end in ABSTAIN or in the wrong class.
        </p>
        <p>
          So no single σ wins. A small σ (0.12) keeps accuracy near the clean model's but cannot certify far:
          even a unanimous vote stops at R_max = σ · Φ⁻¹(α^(1/n)). A large σ (1.0) reaches radii the small one
          never can, on fewer digits. The curves cross; which σ is right depends on the radius you need to
          defend. Cohen et al. (2019) report the same picture on CIFAR-10 and ImageNet.
        </p>
        <p>
          Read the chart as: “at radius r, this share of test digits is both classified correctly and
          certified at least that far”. Each curve drops to zero at its σ's R_max for this n and α.
        </p>
      </div>
      <SectionCheckpoints section="tradeoff" />
      <TradeoffWidget />
      <TrainSection />
      <SamplesSaved />
    </div>
  );
}
