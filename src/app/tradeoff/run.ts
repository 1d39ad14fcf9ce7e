/**
 * Runs the trade-off view's certifications on the engine, one (model, sigma) pair after another,
 * each over the first `count` test digits with the seeds the certify CLI uses (mixSeed(seed, i)),
 * so the rows match `npm run certify` for the same parameters. Rows stream into the store.
 */
import { digitAsFloats, type DigitSet } from '../../data/digits';
import { certifySet, type InputCertificate } from '../../engine/client/certifyInputs';
import { mixSeed } from '../../smoothing';
import { useAppStore } from '../../store';
import { runKey, type TradeoffRun } from '../../store/tradeoffSlice';
import { errorMessage, isAbortError } from '../../tasks/errorMessage';
import { TaskRunner } from '../../tasks/runner';

export interface TradeoffJob {
  modelId: string;
  sigmaTrain: number;
  sigma: number;
}

/** Runs the view's certifications: one set of jobs at a time, a newer set cancels the older. */
const runner = new TaskRunner();

/** The first `count` digits as one Float32Array (count * 784) and their labels. */
function inputs(set: DigitSet, count: number): { xs: Float32Array; labels: number[] } {
  const dim = set.rows * set.cols;
  const xs = new Float32Array(count * dim);
  for (let i = 0; i < count; i++) xs.set(digitAsFloats(set, i), i * dim);
  return { xs, labels: Array.from(set.labels.subarray(0, count)) };
}

/**
 * Certifies every job whose result is not already complete in the store. Resolves when all are
 * done, cancelled (a newer call or cancelTradeoff) or failed; the store says which.
 */
export function runTradeoff(jobs: readonly TradeoffJob[], set: DigitSet): Promise<void> {
  const st = useAppStore.getState;
  const run = async (signal: AbortSignal) => {
    const { tradeoffCount: requested, params } = st();
    const count = Math.min(requested, set.count);
    const p = { count, n0: params.n0, n: params.n, alpha: params.alpha, seed: params.seed };
    const todo = jobs.filter(
      (j) => (st().tradeoffRuns[runKey(j.modelId, j.sigma, p)]?.rows.length ?? 0) < count,
    );
    st().tradeoffStarted(todo.length * count);
    const { xs, labels } = inputs(set, count);
    const seeds = Array.from({ length: count }, (_, i) => mixSeed(p.seed, i));
    for (const job of todo) {
      const key = runKey(job.modelId, job.sigma, p);
      const run: Omit<TradeoffRun, 'rows'> = { ...job, count };
      st().tradeoffResetRun(key, run);
      const onRow = (index: number, c: InputCertificate) => {
        const label = labels[index]!;
        st().tradeoffRow(key, run, {
          idx: index,
          label,
          predict: c.prediction,
          radius: c.radius,
          correct: c.prediction === label,
          time: c.seconds,
        });
      };
      const op = { modelId: job.modelId, xs, seeds, sigma: job.sigma, n0: p.n0, n: p.n, alpha: p.alpha };
      await certifySet(op, onRow, signal).catch((e: unknown) => {
        if (isAbortError(e)) throw e;
        throw new Error(`${job.modelId} at sigma ${job.sigma}: ${errorMessage(e)}`);
      });
    }
  };
  return runner.start(run, {
    done: () => st().tradeoffEnded('done'),
    failed: (message) => st().tradeoffEnded('error', message),
  }).settled;
}

/** Stops the running certifications between two batches; finished rows stay. */
export function cancelTradeoff(): void {
  runner.cancel();
  if (useAppStore.getState().tradeoffStatus === 'running') useAppStore.getState().tradeoffEnded('cancelled');
}
