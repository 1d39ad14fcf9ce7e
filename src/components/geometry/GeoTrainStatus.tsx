import type { TrainedToy } from './types';

export interface GeoTraining {
  /** The trained network of the current dataset, seed and classifier; null while it trains. */
  ready: TrainedToy | null;
  /** Epochs done and in all. */
  epochs: number;
  total: number;
  /** Where it trains or trained ('' while TF.js loads). */
  backend: string;
  /** The last loss reported while training (NaN when none). */
  loss: number;
  /** Why training failed, if it did. */
  error: string | null;
}

/** The base classifier's training: a status, a progress bar, and how and where it was trained. */
export function GeoTrainStatus({ ready, epochs, total, backend, loss, error }: GeoTraining) {
  const pct = Math.round((100 * epochs) / total);
  return (
    <>
      <div className="geo-train">
        <span data-testid="geo-status" role="status" data-backend={backend}>
          {ready ? 'trained' : 'training'}
        </span>
        <progress
          max={total}
          value={epochs}
          aria-label="Training progress"
          aria-valuetext={`${epochs} of ${total} epochs`}
          data-testid="geo-train-progress"
        >
          {pct}%
        </progress>
      </div>
      <p
        className="hint"
        data-testid="geo-train-info"
        data-backend={backend}
        data-leaked={ready?.leaked ?? ''}
        data-thread={ready?.thread ?? ''}
      >
        {ready ? (
          <>
            Trained{' '}
            {ready.backend === 'typescript'
              ? 'in plain TypeScript'
              : `with TF.js on ${ready.backend} ${ready.thread === 'page' ? "on the page's thread" : 'in a background worker'}`}{' '}
            in {ready.seconds.toFixed(1)} s: {ready.epochs} epochs of full-batch Adam, final loss{' '}
            {ready.loss.toFixed(3)}
            {ready.leaked !== null && `, ${ready.leaked} tensors left behind`}.
            {ready.fallback && ` TF.js could not train here (${ready.fallback}).`}
            {ready.threadNote && ` No background worker could run TF.js (${ready.threadNote}).`}
          </>
        ) : (
          <>
            {backend ? `Training on ${backend}` : 'Loading TF.js'}: epoch {epochs} of {total}
            {Number.isFinite(loss) ? `, loss ${loss.toFixed(3)}` : ''}.
          </>
        )}
      </p>
      {error !== null && (
        <p className="notice notice-error" role="alert">
          The classifier could not be trained here: {error}
        </p>
      )}
    </>
  );
}
