import type { StateCreator } from 'zustand';
import type { CertifyRow } from '../smoothing';
import { DEFAULT_TRADEOFF_PARAMS, type TradeoffParams } from './urlSchema';

/** The base-model family the trade-off view certifies (one model per sigma_train). */
export type Arch = TradeoffParams['arch'];

/** One (model, sigma) certification over the first `count` test digits. */
export interface TradeoffRun {
  modelId: string;
  sigmaTrain: number;
  /** The sigma used to certify. */
  sigma: number;
  /** Rows in digit order; fewer than `count` while running or after a cancel. */
  rows: CertifyRow[];
  count: number;
}

export type TradeoffStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

/**
 * The trade-off view's state: its settings and every certification it has finished or started,
 * keyed by runKey (model, sigma and all parameters), so a result is reused while nothing changes
 * and survives leaving the view.
 */
export interface TradeoffSlice {
  tradeoffArch: Arch;
  tradeoffCount: number;
  /** Whether the chart shows the published curves beside ours. */
  tradeoffPublished: boolean;
  tradeoffRuns: Record<string, TradeoffRun>;
  tradeoffStatus: TradeoffStatus;
  tradeoffMessage: string;
  /** Digits certified and to certify in the current job list. */
  tradeoffProgress: { done: number; total: number; startedAt: number; lastAt: number };
  setTradeoffArch: (a: Arch) => void;
  setTradeoffCount: (c: number) => void;
  setTradeoffPublished: (show: boolean) => void;
  setTradeoffParams: (t: TradeoffParams) => void;
  tradeoffStarted: (total: number) => void;
  tradeoffRow: (key: string, run: Omit<TradeoffRun, 'rows'>, row: CertifyRow) => void;
  tradeoffResetRun: (key: string, run: Omit<TradeoffRun, 'rows'>) => void;
  tradeoffEnded: (status: TradeoffStatus, message?: string) => void;
}

/** The key of one certification: model, sigma, digit count and the smoothing parameters. */
export function runKey(
  modelId: string,
  sigma: number,
  p: { count: number; n0: number; n: number; alpha: number; seed: number },
): string {
  return [modelId, sigma, p.count, p.n0, p.n, p.alpha, p.seed].join('|');
}

export const createTradeoffSlice: StateCreator<TradeoffSlice, [], [], TradeoffSlice> = (set) => ({
  tradeoffArch: DEFAULT_TRADEOFF_PARAMS.arch,
  tradeoffCount: DEFAULT_TRADEOFF_PARAMS.count,
  tradeoffPublished: DEFAULT_TRADEOFF_PARAMS.published,
  tradeoffRuns: {},
  tradeoffStatus: 'idle',
  tradeoffMessage: '',
  tradeoffProgress: { done: 0, total: 0, startedAt: 0, lastAt: 0 },
  setTradeoffArch: (tradeoffArch) => set({ tradeoffArch }),
  setTradeoffCount: (tradeoffCount) => set({ tradeoffCount }),
  setTradeoffPublished: (tradeoffPublished) => set({ tradeoffPublished }),
  setTradeoffParams: ({ arch, count, published }) =>
    set({ tradeoffArch: arch, tradeoffCount: count, tradeoffPublished: published }),
  tradeoffStarted: (total) =>
    set({
      tradeoffStatus: 'running',
      tradeoffMessage: '',
      tradeoffProgress: { done: 0, total, startedAt: performance.now(), lastAt: performance.now() },
    }),
  tradeoffResetRun: (key, run) =>
    set((s) => ({ tradeoffRuns: { ...s.tradeoffRuns, [key]: { ...run, rows: [] } } })),
  tradeoffRow: (key, run, row) =>
    set((s) => {
      const prev = s.tradeoffRuns[key];
      const rows = [...(prev?.rows ?? []), row];
      return {
        tradeoffRuns: { ...s.tradeoffRuns, [key]: { ...run, rows } },
        tradeoffProgress: {
          ...s.tradeoffProgress,
          done: s.tradeoffProgress.done + 1,
          lastAt: performance.now(),
        },
      };
    }),
  tradeoffEnded: (tradeoffStatus, tradeoffMessage = '') => set({ tradeoffStatus, tradeoffMessage }),
});
