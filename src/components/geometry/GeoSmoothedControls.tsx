import type { SmoothedState } from './types';

/** The smoothed regions' two buttons (compute, show) and how far their Monte Carlo estimate has got. */
export function GeoSmoothedControls({
  canCompute,
  smoothed,
  samples,
  shown,
  onCompute,
  onShow,
}: {
  canCompute: boolean;
  smoothed: SmoothedState | null;
  /** Noisy samples per cell. */
  samples: number;
  shown: boolean;
  onCompute: () => void;
  onShow: (shown: boolean) => void;
}) {
  return (
    <>
      <div className="row">
        <button type="button" disabled={!canCompute} onClick={onCompute}>
          Compute smoothed regions
        </button>
        <button type="button" aria-pressed={shown} disabled={!smoothed} onClick={() => onShow(!shown)}>
          Show smoothed regions
        </button>
      </div>
      {smoothed && (
        <p className="hint" data-testid="geo-smooth-progress" data-level={smoothed.level}>
          Smoothed regions: level {smoothed.level} of {smoothed.levels} ({smoothed.grid.cells}×
          {smoothed.grid.cells} cells, {samples} noisy samples each, on {smoothed.by}
          {smoothed.level < smoothed.levels ? '; a finer one is on its way' : ''}). A Monte Carlo estimate,
          not certified.
        </p>
      )}
    </>
  );
}
