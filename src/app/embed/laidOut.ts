import { createContext, useContext, useEffect } from 'react';

/**
 * How a widget tells embed mode that it is laid out: its code has loaded and the data its layout
 * depends on (the test digits, a lazily loaded view) has arrived. Until then the frame reports no
 * height, so the page never sizes the frame to a loading placeholder.
 */
export const LaidOutContext = createContext<() => void>(() => {});

/** Marks the widget laid out once `ready` is true (and stays so). */
export function useLaidOut(ready = true): void {
  const mark = useContext(LaidOutContext);
  useEffect(() => {
    if (ready) mark();
  }, [ready, mark]);
}

/** Placed after a lazily loaded view inside its Suspense: renders (and marks) once the view has. */
export function MarkLaidOut() {
  useLaidOut(true);
  return null;
}
