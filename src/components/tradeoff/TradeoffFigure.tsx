import type { RefObject } from 'react';
import { TradeoffChart, type ChartCurve } from '../TradeoffChart';

/** The trade-off chart with its caption, the shipped-curves switch, the export buttons and their note. */
export function TradeoffFigure({
  chartRef,
  radii,
  curves,
  showShipped,
  note,
  onShowShipped,
  onCsv,
  onPng,
}: {
  chartRef: RefObject<HTMLDivElement | null>;
  radii: readonly number[];
  curves: readonly ChartCurve[];
  showShipped: boolean;
  /** What happened to the last export. */
  note: string;
  onShowShipped: (show: boolean) => void;
  onCsv: () => void;
  onPng: () => void;
}) {
  return (
    <figure className="tradeoff-figure">
      <figcaption>
        <strong>Certified accuracy against radius</strong>: solid lines measured here, dashed ones shipped
        with the models (CNN, first 200 digits, n = 10,000).
      </figcaption>
      <TradeoffChart ref={chartRef} radii={radii} curves={curves} />
      <div className="row">
        <label className="checkbox-label">
          <input type="checkbox" checked={showShipped} onChange={(e) => onShowShipped(e.target.checked)} />{' '}
          show the shipped curves
        </label>
        <button type="button" data-testid="export-csv" onClick={onCsv} disabled={curves.length === 0}>
          Export CSV
        </button>
        <button type="button" data-testid="export-png" onClick={onPng}>
          Export PNG
        </button>
      </div>
      <p className="hint" role="status">
        {note}
      </p>
    </figure>
  );
}
