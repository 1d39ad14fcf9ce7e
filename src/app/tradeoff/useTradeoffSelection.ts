import { useShallow } from 'zustand/react/shallow';
import { useDigits } from '../../data/useDigits';
import { useAppStore } from '../../store';
import { runKey, type TradeoffRun } from '../../store/tradeoffSlice';
import type { CurveParams } from './curves';
import type { TradeoffJob } from './run';

/**
 * What the trade-off widget reads from the store, in one shallow selection: its settings (model
 * family, digit count, published curves shown), the lab's n0, n, alpha and seed, the runs and their progress; the test digits;
 * and `runOf`, the run of one job with exactly these parameters (undefined if there is none).
 */
export function useTradeoffSelection() {
  const digits = useDigits();
  const set = digits.status === 'ready' ? digits.set : null;
  const s = useAppStore(
    useShallow((st) => ({
      arch: st.tradeoffArch,
      count: st.tradeoffCount,
      setArch: st.setTradeoffArch,
      setCount: st.setTradeoffCount,
      published: st.tradeoffPublished,
      setPublished: st.setTradeoffPublished,
      runs: st.tradeoffRuns,
      status: st.tradeoffStatus,
      message: st.tradeoffMessage,
      progress: st.tradeoffProgress,
      n0: st.params.n0,
      n: st.params.n,
      alpha: st.params.alpha,
      seed: st.params.seed,
      ready: st.backendStatus === 'ready',
    })),
  );
  // No more digits than the set holds.
  const count = Math.min(s.count, set?.count ?? s.count);
  const p: CurveParams = { count, n0: s.n0, n: s.n, alpha: s.alpha, seed: s.seed };
  const runOf = (j: TradeoffJob): TradeoffRun | undefined => s.runs[runKey(j.modelId, j.sigma, p)];
  return { digits, set, s, count, p, runOf };
}
