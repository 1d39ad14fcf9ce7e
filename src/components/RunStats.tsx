import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store';
import { isRunStale } from '../store/labSlice';
import { formatCount } from './text';

/**
 * Run status (running, paused, done, error, or out of date when the settings changed since the
 * run), the run's samples so far, speed, time per certificate and the backend.
 */
export const RunStats = memo(function RunStats() {
  const { status, selectionDone, estimationDone, outcome, n0, n, backend, runError, stale } = useAppStore(
    useShallow((s) => ({
      status: s.status,
      selectionDone: s.selectionDone,
      estimationDone: s.estimationDone,
      outcome: s.outcome,
      // The run's own sizes: the sliders may already say something else.
      n0: (s.run ?? s).params.n0,
      n: (s.run ?? s).params.n,
      stale: s.status !== 'running' && isRunStale(s),
      backend: s.backendReport?.backend,
      runError: s.runError,
    })),
  );
  const samples = selectionDone + estimationDone;
  const label = stale && status !== 'error' ? 'out of date' : status;
  return (
    <section className="runstats" aria-label="Run status and speed">
      <p>
        Status:{' '}
        <strong data-testid="run-status" data-samples-done={samples} aria-live="polite">
          {label}
        </strong>{' '}
        <span className="hint">
          {formatCount(samples)} of {formatCount(n0 + n)} samples
        </span>
      </p>
      {/* Always one paragraph, so the panel keeps its height when the run finishes. */}
      {outcome ? (
        <p className="speed">
          <span data-testid="samples-per-second">
            {formatCount(Math.round(outcome.timing.samplesPerSecond))}
          </span>{' '}
          samples/s · {outcome.timing.seconds.toFixed(2)} s per certificate · first votes after{' '}
          {(1000 * outcome.timing.firstUpdateSeconds).toFixed(0)} ms · batches of {outcome.timing.batchSize}{' '}
          on {backend ?? '?'}
        </p>
      ) : (
        <p className="speed hint">Speed and time per certificate: measured when the run finishes.</p>
      )}
      {runError && (
        <p className="notice notice-error" role="alert">
          The run failed: {runError}
        </p>
      )}
    </section>
  );
});
