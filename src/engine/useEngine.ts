import { useEffect } from 'react';
import { useAppStore } from '../store';
import { EngineClient } from './client';

let client: EngineClient | null = null;

/** The one engine of the page, started on first use. Also exposed to tests as window.__smoothingLab. */
export function getEngine(): EngineClient {
  if (!client) {
    const s = useAppStore.getState;
    client = new EngineClient((e) => {
      switch (e.type) {
        case 'ready':
          s().setBackendReady(e.report);
          return;
        case 'failed':
          s().setBackendFailed(e.message);
          return;
        case 'progress':
          s().runProgress(e.stream, e.counts, e.done);
          return;
        case 'result':
          s().runFinished(e);
          return;
        case 'error':
          s().runFailed(e.message);
          return;
      }
    });
    client.init();
    const c = client;
    (window as unknown as { __smoothingLab: unknown }).__smoothingLab = {
      memory: () => c.memory(),
      loseContext: () => c.loseContext(),
      noiseCheck: (seed: number) => c.noiseCheck(seed),
      get mode() {
        return c.mode;
      },
    };
  }
  return client;
}

/**
 * Re-runs CERTIFY on the input x (the drawn digit or the chosen test digit, 28 * 28 in [0, 1])
 * whenever a parameter, the model or the input changes (while playing).
 * The engine drops the previous request between two batches.
 */
export function useCertifyRunner(x: Float32Array | null): void {
  const params = useAppStore((s) => s.params);
  const modelId = useAppStore((s) => s.modelId);
  const playing = useAppStore((s) => s.playing);
  const ready = useAppStore((s) => s.backendStatus === 'ready');

  useEffect(() => {
    if (!ready || !playing || !x) return;
    useAppStore.getState().runStarted();
    getEngine().certify({
      modelId,
      x,
      sigma: params.sigma,
      n0: params.n0,
      n: params.n,
      alpha: params.alpha,
      seed: params.seed,
    });
  }, [params, modelId, x, playing, ready]);

  useEffect(() => {
    if (!playing) getEngine().cancel();
  }, [playing]);
}
