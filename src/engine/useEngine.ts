import { useEffect } from 'react';
import { digitAsFloats, type DigitSet } from '../data/digits';
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

/** The input under study: the drawn digit if any, else the chosen test digit. */
export function currentInput(digits: DigitSet | null): Float32Array | null {
  const { drawn, params } = useAppStore.getState();
  if (drawn) return drawn;
  return digits ? digitAsFloats(digits, Math.min(params.digit, digits.count - 1)) : null;
}

/**
 * Re-runs CERTIFY whenever a parameter, the model or the input changes (while playing).
 * The engine drops the previous request between two batches.
 */
export function useCertifyRunner(digits: DigitSet | null): void {
  const params = useAppStore((s) => s.params);
  const modelId = useAppStore((s) => s.modelId);
  const drawn = useAppStore((s) => s.drawn);
  const playing = useAppStore((s) => s.playing);
  const ready = useAppStore((s) => s.backendStatus === 'ready');

  useEffect(() => {
    if (!ready || !playing) return;
    const x = currentInput(digits);
    if (!x) return;
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
  }, [params, modelId, drawn, playing, ready, digits]);

  useEffect(() => {
    if (!playing) getEngine().cancel();
  }, [playing]);
}
