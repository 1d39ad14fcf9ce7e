import type { StateCreator } from 'zustand';
import type { CertifyAnswer, Timing } from '../engine/protocol';
import { DEFAULT_MODEL_ID } from '../models/cards';
import type { CountsUpdate } from './progressFrames';
import { quantizePixels } from './url/pixels';
import { sameRunKey, type RunKey } from './runKey';
import { DEFAULT_PARAMS, type ParamKey, type Params } from './urlSchema';

export { sameRunKey, type RunKey };

/**
 * `paused`: the student paused the run before it finished (its counts are partial).
 * `stopped`: stop mode ended the run when its anytime-valid radius reached r, or when its
 * anytime-valid upper bound ruled r out (outcome.stop.unreachable): a finished run, like `done`.
 * `done`: the run used every planned sample; its outcome is final for the snapshot's parameters.
 */
export type RunStatus = 'idle' | 'running' | 'paused' | 'stopped' | 'done' | 'error';

/** A run that has ended with its certificate (all n samples, or stop mode's stop). */
export const isFinished = (status: RunStatus): boolean => status === 'done' || status === 'stopped';

export interface CertifyOutcome {
  prediction: number;
  radius: number;
  pLower: number;
  timing: Timing;
  /** Stop mode's report: the target r, whether the radius reached it, the estimation samples used. */
  stop?: CertifyAnswer['stop'];
}

/** The store's stop-mode settings, where a store has them (the lab's does; a bare lab slice not). */
export interface StopSettings {
  stopAtRadius?: boolean;
  stopRadius?: number;
  stopWhenUnreachable?: boolean;
}

/** The smoothing lab: its parameters (mirrored in the URL) and the current run. */
export interface LabSlice {
  params: Params;
  modelId: string;
  /**
   * A drawn or photographed digit (28 * 28 values k / 255) replacing the gallery digit, or null.
   * Kept in the URL (`px`), which carries exactly these levels.
   */
  drawn: Float32Array | null;
  /** Messages about URL values that had to be corrected. */
  notices: string[];
  playing: boolean;
  status: RunStatus;
  /** The snapshot the counts and the outcome below belong to (null before the first run). */
  run: RunKey | null;
  selectionCounts: number[];
  estimationCounts: number[];
  selectionDone: number;
  estimationDone: number;
  outcome: CertifyOutcome | null;
  runError: string | null;
  setParam: (key: ParamKey, value: number) => void;
  setParams: (params: Params, notices?: string[]) => void;
  setModel: (id: string) => void;
  /**
   * Makes `x` (28 * 28 values in [0, 1]) the input, quantised to the levels k / 255 a link carries
   * (quantizePixels), so a link reproduces the numbers; null goes back to the gallery digit.
   */
  setDrawn: (x: Float32Array | null) => void;
  setPlaying: (playing: boolean) => void;
  dismissNotices: () => void;
  /** A run with `key` was posted: the counts start again from zero for that snapshot. */
  runStarted: (key?: RunKey) => void;
  runProgress: (stream: 'selection' | 'estimation', counts: number[], done: number) => void;
  /** The counts so far of one stream or both, in one update (one render); ignored unless running. */
  runCounts: (u: CountsUpdate) => void;
  /** The run's answer: status done (all n samples), or stopped (stop mode reached r). */
  runFinished: (o: CertifyOutcome & { selectionCounts: number[]; estimationCounts: number[] }) => void;
  runFailed: (message: string) => void;
  /** The run was stopped (pause): a running run keeps its partial counts, marked paused. */
  runCancelled: () => void;
}

const empty = () => new Array<number>(10).fill(0);

/** The snapshot of the lab's current settings (what a run started now would be made with). */
export function currentRunKey(s: Pick<LabSlice, 'params' | 'modelId' | 'drawn'> & StopSettings): RunKey {
  const stop = s.stopAtRadius && s.stopRadius !== undefined ? s.stopRadius : null;
  const key: RunKey = { params: s.params, modelId: s.modelId, drawn: s.drawn, stop };
  return stop !== null && s.stopWhenUnreachable ? { ...key, stopUnreachable: true } : key;
}

/**
 * True when the counts on screen belong to other settings than the sliders show (the student
 * changed something while paused, or while another view was open): the certificate must then be
 * marked out of date instead of being read with the new settings.
 */
export function isRunStale(
  s: Pick<LabSlice, 'params' | 'modelId' | 'drawn' | 'run'> & StopSettings,
): boolean {
  return s.run !== null && !sameRunKey(s.run, currentRunKey(s));
}

/** The parameter keys whose values differ between the run's snapshot and the sliders. */
export function changedKeys(run: RunKey, now: RunKey): string[] {
  const out: string[] = (Object.keys(run.params) as ParamKey[]).filter(
    (k) => run.params[k] !== now.params[k],
  );
  if (run.modelId !== now.modelId) out.push('model');
  if (run.drawn !== now.drawn) out.push('input');
  if (run.stop !== now.stop || (run.stopUnreachable ?? false) !== (now.stopUnreachable ?? false)) {
    out.push('stop');
  }
  return out;
}

export const createLabSlice: StateCreator<LabSlice, [], [], LabSlice> = (set) => ({
  params: { ...DEFAULT_PARAMS },
  modelId: DEFAULT_MODEL_ID,
  drawn: null,
  notices: [],
  playing: true,
  status: 'idle',
  run: null,
  selectionCounts: empty(),
  estimationCounts: empty(),
  selectionDone: 0,
  estimationDone: 0,
  outcome: null,
  runError: null,
  setParam: (key, value) => set((s) => ({ params: { ...s.params, [key]: value } })),
  setParams: (params, notices = []) => set({ params, notices }),
  setModel: (modelId) => set({ modelId }),
  setDrawn: (x) => set({ drawn: x && quantizePixels(x) }),
  setPlaying: (playing) => set({ playing }),
  dismissNotices: () => set({ notices: [] }),
  runStarted: (key) =>
    set((s) => ({
      status: 'running',
      run: key ?? currentRunKey(s),
      selectionCounts: empty(),
      estimationCounts: empty(),
      selectionDone: 0,
      estimationDone: 0,
      outcome: null,
      runError: null,
    })),
  runProgress: (stream, counts, done) =>
    set((s) =>
      s.status !== 'running'
        ? {}
        : stream === 'selection'
          ? { selectionCounts: counts, selectionDone: done }
          : { estimationCounts: counts, estimationDone: done },
    ),
  runCounts: ({ selection, estimation }) =>
    set((s) =>
      s.status !== 'running'
        ? {}
        : {
            ...(selection && { selectionCounts: selection.counts, selectionDone: selection.done }),
            ...(estimation && { estimationCounts: estimation.counts, estimationDone: estimation.done }),
          },
    ),
  runFinished: ({ selectionCounts, estimationCounts, ...outcome }) =>
    set((s) =>
      s.run === null
        ? {}
        : {
            status: outcome.stop?.reached || outcome.stop?.unreachable ? 'stopped' : 'done',
            selectionCounts,
            estimationCounts,
            // The run's own sizes: the sliders may have moved while it ran (another view).
            selectionDone: s.run.params.n0,
            estimationDone: outcome.stop ? outcome.stop.samples : s.run.params.n,
            outcome,
          },
    ),
  runFailed: (runError) => set({ status: 'error', runError }),
  runCancelled: () => set((s) => (s.status === 'running' ? { status: 'paused' } : {})),
});
