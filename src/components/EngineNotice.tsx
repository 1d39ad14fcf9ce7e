import { useSyncExternalStore } from 'react';
import { engineNotice } from '../engine/client/client';

/**
 * Says when the engine could not start as planned: its worker script failed to load (the engine
 * then runs on the page's main thread) or has not answered for a while. Nothing when all is well.
 */
export function EngineNotice() {
  const message = useSyncExternalStore(engineNotice.subscribe, engineNotice.get);
  if (message === null) return null;
  return (
    <p className="notice notice-warn" role="status" data-testid="engine-notice">
      {message}
    </p>
  );
}
