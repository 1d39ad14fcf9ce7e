import { useEffect, useRef } from 'react';
import { argmax, reachedRadius, twoBounds } from '../../smoothing';
import { useAppStore, type AppState } from '../../store';
import type { StopReport } from '../../store/anytimeSlice';
import { cancelLabRun } from './useEngine';

/** The stop report for the counts in `st` (the candidate from the selection votes). */
function reportFor(st: AppState, kind: StopReport['kind']): StopReport {
  const { alpha, sigma, n, n0 } = (st.run ?? st).params;
  const candidate = argmax(st.selectionCounts);
  const votes = st.estimationCounts[candidate] ?? 0;
  const m = st.estimationDone;
  const b = twoBounds(votes, m, alpha, sigma);
  return {
    kind,
    target: st.stopRadius,
    samples: m,
    votes,
    candidate,
    plannedN: n,
    n0,
    alpha,
    sigma,
    anytimeLower: b.anytimeLower,
    anytimeRadius: b.anytimeRadius,
  };
}

/**
 * "Stop when certified at radius r": while the mode is on, watches each batch of estimation votes
 * and stops the run (cancels the engine's request and pauses the lab) as soon as the anytime-valid
 * radius reaches r; a run that uses all n samples first is reported as such. Switching the mode on
 * or changing r starts the run again from its first sample, so the report always describes one
 * whole run under the current target. The report keeps its own parameters.
 *
 * Stopping on the anytime-valid bound keeps its guarantee (it holds at every sample count, so at
 * any stopping time); stopping on the Clopper-Pearson bound would not.
 */
export function useStopAtRadius(): void {
  const restart = useRef(false);
  const playing = useAppStore((s) => s.playing);

  useEffect(
    () =>
      useAppStore.subscribe((st, prev) => {
        if (!st.stopAtRadius) return;
        if ((st.stopAtRadius !== prev.stopAtRadius || st.stopRadius !== prev.stopRadius) && st.playing) {
          // Run again from the first sample: pause now, play again in the effect below.
          restart.current = true;
          st.setPlaying(false);
          return;
        }
        if (st.status === 'running' && st.selectionDone === 0 && st.estimationDone === 0) {
          if (st.stopReport) st.setStopReport(null); // a new run: the last report no longer applies
          return;
        }
        const finished = st.status === 'done' && prev.status !== 'done';
        const fresh = st.estimationDone !== prev.estimationDone || finished;
        if (st.stopReport || !fresh || st.estimationDone === 0) return;
        if (st.status !== 'running' && st.status !== 'done') return;
        const candidate = argmax(st.selectionCounts);
        const votes = st.estimationCounts[candidate] ?? 0;
        const { alpha, sigma } = (st.run ?? st).params;
        if (reachedRadius(votes, st.estimationDone, alpha, sigma, st.stopRadius)) {
          if (st.status === 'running') cancelLabRun(); // no further batch reaches the store
          st.setStopReport(reportFor(st, 'reached'));
          if (st.status === 'running') st.setPlaying(false);
        } else if (st.status === 'done') {
          st.setStopReport(reportFor(st, 'ran-out'));
        }
      }),
    [],
  );

  useEffect(() => {
    if (!playing && restart.current) {
      restart.current = false;
      useAppStore.getState().setPlaying(true);
    }
  }, [playing]);
}
