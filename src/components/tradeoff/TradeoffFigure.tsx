import type { RefObject } from 'react';
import { projectable, ProjectorToggle, useProjected } from '../Projector';
import { TradeoffChart, type ChartCurve } from '../TradeoffChart';
import { SHIPPED_RUN } from '../../models/shipped';
import { ABLATION_RUN } from '../../models/shippedRun';

/**
 * The trade-off chart with its caption, the shipped- and published-curves switches, the published
 * curves' provenance (while shown), the export buttons and their note.
 */
export function TradeoffFigure({
  chartRef,
  radii,
  curves,
  showShipped,
  shippedHeldBack = false,
  showBaselines,
  showPublished,
  provenance,
  note,
  onShowShipped,
  onShowBaselines,
  onShowPublished,
  onCsv,
  onPng,
}: {
  chartRef: RefObject<HTMLDivElement | null>;
  radii: readonly number[];
  curves: readonly ChartCurve[];
  showShipped: boolean;
  /**
   * True while presenting before the section's checkpoint is revealed: the shipped curves answer
   * it, so they stay hidden and the switch says why.
   */
  shippedHeldBack?: boolean;
  /** Whether our Gaussian baselines (the training ablation's best Gaussian CNN per sigma) are drawn. */
  showBaselines: boolean;
  showPublished: boolean;
  /** Where the published curves come from and how they differ from ours (null while hidden). */
  provenance: { source: string; gap: string } | null;
  /** What happened to the last export. */
  note: string;
  onShowShipped: (show: boolean) => void;
  onShowBaselines: (show: boolean) => void;
  onShowPublished: (show: boolean) => void;
  onCsv: () => void;
  onPng: () => void;
}) {
  const projected = useProjected('tradeoff');
  return (
    <figure {...projectable('tradeoff-figure', 'tradeoff', 'the trade-off chart', projected, true)}>
      <ProjectorToggle id="tradeoff" title="the trade-off chart" />
      <figcaption>
        <strong>Certified accuracy against radius</strong>: solid lines measured here, dashed ones shipped
        with the models (CNN, first {SHIPPED_RUN.digits.toLocaleString('en')} test digits, n ={' '}
        {SHIPPED_RUN.n.toLocaleString('en')})
        {showBaselines
          ? `, long-dashed ones our CNNs trained with plain Gaussian noise (first ${ABLATION_RUN.digits.toLocaleString('en')} test digits, n = ${ABLATION_RUN.n.toLocaleString('en')})`
          : ''}
        {showPublished ? ', dotted and dash-dot ones published (LeNet on all of MNIST, N = 100,000)' : ''}.
      </figcaption>
      <TradeoffChart ref={chartRef} radii={radii} curves={curves} />
      <div className="row">
        <label className="checkbox-label">
          <input
            type="checkbox"
            checked={showShipped}
            disabled={shippedHeldBack}
            onChange={(e) => onShowShipped(e.target.checked)}
          />{' '}
          show the shipped curves
        </label>
        <label className="checkbox-label">
          <input
            type="checkbox"
            data-testid="baseline-toggle"
            checked={showBaselines}
            disabled={shippedHeldBack}
            onChange={(e) => onShowBaselines(e.target.checked)}
          />{' '}
          show our Gaussian baselines at σ = 0.25, 0.50 and 1.00 (the shipped CNNs there use consistency
          regularisation)
        </label>
        <label className="checkbox-label">
          <input
            type="checkbox"
            data-testid="published-toggle"
            checked={showPublished}
            onChange={(e) => onShowPublished(e.target.checked)}
          />{' '}
          show the published curves (Cohen et al. 2019; Jeong &amp; Shin 2020)
        </label>
        <button type="button" data-testid="export-csv" onClick={onCsv} disabled={curves.length === 0}>
          Export CSV
        </button>
        <button type="button" data-testid="export-png" onClick={onPng}>
          Export PNG
        </button>
      </div>
      {shippedHeldBack && (
        <p className="held-back" data-testid="shipped-held-back">
          The shipped curves answer the checkpoint above: they appear once it is revealed.
        </p>
      )}
      {provenance && (
        <div className="hint" data-testid="published-provenance">
          <p>{provenance.source}</p>
          <p data-testid="published-gap">{provenance.gap}</p>
        </div>
      )}
      <p className="hint" role="status">
        {note}
      </p>
    </figure>
  );
}
