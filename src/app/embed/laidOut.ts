import { createContext, useCallback, useContext, useEffect, useId, useState } from 'react';

/**
 * How a widget tells embed mode that it is laid out: its code has loaded and everything its
 * layout depends on (the test digits, a lazily loaded view and its data, the first run) has
 * arrived. Each part that waits for something says so with useLaidOut(ready); the widget is laid
 * out once at least one has spoken and none is waiting. Until then the frame reports no height, so
 * the page never sizes the frame to a loading placeholder. Once laid out, it stays so.
 */
export const LaidOutContext = createContext<(id: string, ready: boolean) => void>(() => {});

/** This part of the widget is ready (or still waiting, while `ready` is false). */
export function useLaidOut(ready = true): void {
  const report = useContext(LaidOutContext);
  const id = useId();
  useEffect(() => report(id, ready), [report, id, ready]);
  useEffect(() => () => report(id, true), [report, id]);
}

/** Placed after a lazily loaded view inside its Suspense: renders (and says so) once the view has. */
export function MarkLaidOut() {
  useLaidOut(true);
  return null;
}

/** The state behind LaidOutContext: whether the widget is laid out, and the reporter to provide. */
export function useLaidOutState(initial: boolean): {
  laidOut: boolean;
  report: (id: string, ready: boolean) => void;
  force: () => void;
} {
  const [s, setS] = useState({ laidOut: initial, heard: false, waiting: new Set<string>() });
  const report = useCallback((id: string, ready: boolean) => {
    setS((prev) => {
      if (prev.laidOut) return prev;
      const waiting = new Set(prev.waiting);
      if (ready) waiting.delete(id);
      else waiting.add(id);
      return { laidOut: waiting.size === 0, heard: true, waiting };
    });
  }, []);
  const force = useCallback(() => setS((prev) => ({ ...prev, laidOut: true })), []);
  return { laidOut: s.laidOut, report, force };
}
