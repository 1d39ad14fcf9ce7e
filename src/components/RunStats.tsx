import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store';

/** Run status (running / done, samples so far), speed, time per certificate and the backend. */
export const RunStats = memo(function RunStats() {
  const { status, selectionDone, estimationDone, outcome, n0, n, backend, runError } = useAppStore(
    useShallow((s) => ({
      status: s.status,
      selectionDone: s.selectionDone,
      estimationDone: s.estimationDone,
      outcome: s.outcome,
      n0: s.params.n0,
      n: s.params.n,
      backend: s.backendReport?.backend,
      runError: s.runError,
    })),
  );
  const samples = selectionDone + estimationDone;
  const label =
    status === 'running' ? 'running' : status === 'done' ? 'done' : status === 'error' ? 'error' : 'idle';
  return (
    <section className="runstats" aria-label="Run status and speed">
      <p>
        Status:{' '}
        <strong data-testid="run-status" data-samples-done={samples} aria-live="polite">
          {label}
        </strong>{' '}
        <span className="hint">
          {samples.toLocaleString('en')} of {(n0 + n).toLocaleString('en')} samples
        </span>
      </p>
      {outcome && (
        <p>
          <span data-testid="samples-per-second">
            {Math.round(outcome.timing.samplesPerSecond).toLocaleString('en')}
          </span>{' '}
          samples/s · {outcome.timing.seconds.toFixed(2)} s per certificate · first votes after{' '}
          {(1000 * outcome.timing.firstUpdateSeconds).toFixed(0)} ms · batches of {outcome.timing.batchSize}{' '}
          on {backend ?? '?'}
        </p>
      )}
      {runError && (
        <p className="notice notice-error" role="alert">
          The run failed: {runError}
        </p>
      )}
    </section>
  );
});
