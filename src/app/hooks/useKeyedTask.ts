import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { KeyedTaskRunner, startState, type KeyedRun, type KeyedTaskState } from '../../tasks/keyedTask';

export type { KeyedRun, KeyedTaskState } from '../../tasks/keyedTask';

/**
 * Runs `run(signal, report)` whenever `key` changes (nothing while it is null) and returns what that
 * run has shown so far: its progress, its value, or its error. A new key or unmounting aborts the
 * running task's signal; whatever an older run reports or returns afterwards is dropped, so the state
 * returned is always about the current key. `key` must name everything the run depends on: the run
 * used is the one passed with the render that changed the key. `serial`: a run starts only after
 * the one before it has settled (see KeyedTaskRunner).
 */
export function useKeyedTask<T, P = never>(
  key: string | null,
  run: KeyedRun<T, P>,
  { serial = false }: { serial?: boolean } = {},
): KeyedTaskState<T, P> {
  const [state, setState] = useState<KeyedTaskState<T, P>>(() => startState(key));
  const [runner] = useState(() => new KeyedTaskRunner<T, P>(setState, serial));
  const latest = useRef(run);
  useLayoutEffect(() => {
    latest.current = run;
  });
  useEffect(() => {
    if (key === null) return;
    return runner.start(key, (signal, report) => latest.current(signal, report));
  }, [key, runner]);
  // A new key starts from its own empty state at once (the effect above starts its run).
  if (state.key !== key) {
    const fresh = startState<T, P>(key);
    setState(fresh);
    return fresh;
  }
  return state;
}
