import type { StateCreator } from 'zustand';
import { clampParam } from './url/defineUrlSchema';
import { ANYTIME_URL } from './urlSchema';

/**
 * The lab's anytime-valid stop mode: on or off, and its target radius. Both are part of a run's
 * snapshot (RunKey.stop): changing either starts a new run while playing. What a stopped run
 * reports comes from the run itself (its outcome's `stop`), not from here. The mode and r are kept
 * in the URL (`stop`, `r`: ANYTIME_URL, which gives their defaults and r's range).
 */
export interface AnytimeSlice {
  stopAtRadius: boolean;
  /** Target L2 radius r, within ANYTIME_URL's range for `r` (0.01 to 5). */
  stopRadius: number;
  /**
   * Stop mode also stops as soon as r is out of reach (the anytime-valid upper bound's radius is
   * below r). Part of the run's snapshot (RunKey.stopUnreachable); in the URL as `futile`.
   */
  stopWhenUnreachable: boolean;
  setStopAtRadius: (on: boolean) => void;
  setStopWhenUnreachable: (on: boolean) => void;
  /** Sets r, clamped into its range. */
  setStopRadius: (r: number) => void;
}

export const createAnytimeSlice: StateCreator<AnytimeSlice, [], [], AnytimeSlice> = (set) => ({
  stopAtRadius: ANYTIME_URL.defaults.stop,
  stopRadius: ANYTIME_URL.defaults.r,
  stopWhenUnreachable: ANYTIME_URL.defaults.futile,
  setStopAtRadius: (stopAtRadius) => set({ stopAtRadius }),
  setStopWhenUnreachable: (stopWhenUnreachable) => set({ stopWhenUnreachable }),
  setStopRadius: (r) => set({ stopRadius: clampParam(ANYTIME_URL.spec('r'), r) }),
});
