import type { StateCreator } from 'zustand';
import type { Timing } from '../engine/protocol';
import { DEFAULT_PARAMS, type ParamKey, type Params } from './urlSchema';

export type RunStatus = 'idle' | 'running' | 'done' | 'error';

export interface CertifyOutcome {
  prediction: number;
  radius: number;
  pLower: number;
  timing: Timing;
}

/** The smoothing lab: its parameters (mirrored in the URL) and the current run. */
export interface LabSlice {
  params: Params;
  modelId: string;
  /** A drawn digit (28 * 28 in [0, 1]) replacing the gallery digit, or null. */
  drawn: Float32Array | null;
  /** Messages about URL values that had to be corrected. */
  notices: string[];
  playing: boolean;
  status: RunStatus;
  selectionCounts: number[];
  estimationCounts: number[];
  selectionDone: number;
  estimationDone: number;
  outcome: CertifyOutcome | null;
  runError: string | null;
  setParam: (key: ParamKey, value: number) => void;
  setParams: (params: Params, notices?: string[]) => void;
  setModel: (id: string) => void;
  setDrawn: (x: Float32Array | null) => void;
  setPlaying: (playing: boolean) => void;
  dismissNotices: () => void;
  runStarted: () => void;
  runProgress: (stream: 'selection' | 'estimation', counts: number[], done: number) => void;
  runFinished: (o: CertifyOutcome & { selectionCounts: number[]; estimationCounts: number[] }) => void;
  runFailed: (message: string) => void;
}

const empty = () => new Array<number>(10).fill(0);

export const createLabSlice: StateCreator<LabSlice, [], [], LabSlice> = (set) => ({
  params: { ...DEFAULT_PARAMS },
  modelId: 'cnn-0.25',
  drawn: null,
  notices: [],
  playing: true,
  status: 'idle',
  selectionCounts: empty(),
  estimationCounts: empty(),
  selectionDone: 0,
  estimationDone: 0,
  outcome: null,
  runError: null,
  setParam: (key, value) => set((s) => ({ params: { ...s.params, [key]: value } })),
  setParams: (params, notices = []) => set({ params, notices }),
  setModel: (modelId) => set({ modelId }),
  setDrawn: (drawn) => set({ drawn }),
  setPlaying: (playing) => set({ playing }),
  dismissNotices: () => set({ notices: [] }),
  runStarted: () =>
    set({
      status: 'running',
      selectionCounts: empty(),
      estimationCounts: empty(),
      selectionDone: 0,
      estimationDone: 0,
      outcome: null,
      runError: null,
    }),
  runProgress: (stream, counts, done) =>
    set(
      stream === 'selection'
        ? { selectionCounts: counts, selectionDone: done }
        : { estimationCounts: counts, estimationDone: done },
    ),
  runFinished: ({ selectionCounts, estimationCounts, ...outcome }) =>
    set((s) => ({
      status: 'done',
      selectionCounts,
      estimationCounts,
      selectionDone: s.params.n0,
      estimationDone: s.params.n,
      outcome,
    })),
  runFailed: (runError) => set({ status: 'error', runError }),
});
