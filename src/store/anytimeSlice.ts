import type { StateCreator } from 'zustand';

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

/** The lab's anytime-valid stop mode: on or off, its target radius, and the last run's report. */
export interface AnytimeSlice {
  stopAtRadius: boolean;
  /** Target L2 radius r, > 0. */
  stopRadius: number;
  stopReport: StopReport | null;
  setStopAtRadius: (on: boolean) => void;
  setStopRadius: (r: number) => void;
  setStopReport: (r: StopReport | null) => void;
}

export const createAnytimeSlice: StateCreator<AnytimeSlice, [], [], AnytimeSlice> = (set) => ({
  stopAtRadius: false,
  stopRadius: 0.5,
  stopReport: null,
  setStopAtRadius: (stopAtRadius) => set({ stopAtRadius, stopReport: null }),
  setStopRadius: (stopRadius) => set({ stopRadius, stopReport: null }),
  setStopReport: (stopReport) => set({ stopReport }),
});
