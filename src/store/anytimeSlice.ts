import type { StateCreator } from 'zustand';

/**
 * The lab's anytime-valid stop mode: on or off, and its target radius. Both are part of a run's
 * snapshot (RunKey.stop): changing either starts a new run while playing. What a stopped run
 * reports comes from the run itself (its outcome's `stop`), not from here.
 */
export interface AnytimeSlice {
  stopAtRadius: boolean;
  /** Target L2 radius r, > 0. */
  stopRadius: number;
  setStopAtRadius: (on: boolean) => void;
  setStopRadius: (r: number) => void;
}

export const createAnytimeSlice: StateCreator<AnytimeSlice, [], [], AnytimeSlice> = (set) => ({
  stopAtRadius: false,
  stopRadius: 0.5,
  setStopAtRadius: (stopAtRadius) => set({ stopAtRadius }),
  setStopRadius: (stopRadius) => set({ stopRadius }),
});
