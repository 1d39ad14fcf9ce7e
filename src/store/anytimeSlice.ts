import type { StateCreator } from 'zustand';
import { clampParam } from './url/defineUrlSchema';
import { ANYTIME_URL } from './urlSchema';

/**
 * What a run in "stop when certified at radius r" mode reported, with the parameters it ran with
 * (so it stays true when the sliders move afterwards).
 */
export interface StopReport {
  /** 'reached': stopped once the anytime-valid radius reached r; 'ran-out': used all n samples first. */
  kind: 'reached' | 'ran-out';
  /** The target radius r. */
  target: number;
  /** Estimation samples used when the run stopped (m). */
  samples: number;
  /** Votes for the candidate class among them (n_A). */
  votes: number;
  candidate: number;
  /** The planned n of the fixed-n run, and the selection samples n0 spent before. */
  plannedN: number;
  n0: number;
  alpha: number;
  sigma: number;
  anytimeLower: number;
  anytimeRadius: number;
}

/**
 * The lab's anytime-valid stop mode: on or off, its target radius, and the last run's report. The
 * mode and r are kept in the URL (`stop`, `r`: ANYTIME_URL, which gives their defaults and r's range).
 */
export interface AnytimeSlice {
  stopAtRadius: boolean;
  /** Target L2 radius r, within ANYTIME_URL's range for `r` (0.01 to 5). */
  stopRadius: number;
  stopReport: StopReport | null;
  setStopAtRadius: (on: boolean) => void;
  /** Sets r, clamped into its range. */
  setStopRadius: (r: number) => void;
  setStopReport: (r: StopReport | null) => void;
}

export const createAnytimeSlice: StateCreator<AnytimeSlice, [], [], AnytimeSlice> = (set) => ({
  stopAtRadius: ANYTIME_URL.defaults.stop,
  stopRadius: ANYTIME_URL.defaults.r,
  stopReport: null,
  setStopAtRadius: (stopAtRadius) => set({ stopAtRadius, stopReport: null }),
  setStopRadius: (r) => set({ stopRadius: clampParam(ANYTIME_URL.spec('r'), r), stopReport: null }),
  setStopReport: (stopReport) => set({ stopReport }),
});
