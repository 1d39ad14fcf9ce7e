import { useCallback, useEffect, useRef } from 'react';
import { useAppStore } from '../store';
import { currentRunKey, sameRunKey, type RunKey } from '../store/labSlice';
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
 *
 * Latency: a change of sigma, n, n0, alpha, seed or model is posted to the engine from the store
 * subscription, synchronously in the event that made it, so the engine starts its first batch
 * while React is still rendering the page (on a shared or software GPU that render competes with
 * the engine). A change of input (digit, drawing) is posted after the render that derives the new x.
 * Every request is posted once: a later post with the same key and input is skipped.
 */
export function useCertifyRunner(x: Float32Array | null): void {
  const params = useAppStore((s) => s.params);
  const modelId = useAppStore((s) => s.modelId);
  const playing = useAppStore((s) => s.playing);
  const ready = useAppStore((s) => s.backendStatus === 'ready');
  const drawn = useAppStore((s) => s.drawn);
  /** The last render's input and the store values it was derived from. */
  const current = useRef({ x, playing, ready, digit: params.digit, drawn });
  const sent = useRef<{ key: RunKey; x: Float32Array } | null>(null);

  const post = useCallback((key: RunKey, input: Float32Array) => {
    const last = sent.current;
    if (last && last.x === input && sameRunKey(last.key, key)) return;
    sent.current = { key, x: input };
    useAppStore.getState().runStarted(key);
    getEngine().certify({
      modelId: key.modelId,
      x: input,
      sigma: key.params.sigma,
      n0: key.params.n0,
      n: key.params.n,
      alpha: key.params.alpha,
      seed: key.params.seed,
    });
  }, []);

  useEffect(
    () =>
      useAppStore.subscribe((st, prev) => {
        if (st.params === prev.params && st.modelId === prev.modelId) return;
        const c = current.current;
        // A new input (digit, drawing) is derived by the render: the effect below posts it with
        // the new x. This also holds when a link changes the digit and the model in two steps.
        if (st.params.digit !== c.digit || st.drawn !== c.drawn) return;
        if (c.ready && c.playing && c.x) post(currentRunKey(st), c.x);
      }),
    [post],
  );

  useEffect(() => {
    current.current = { x, playing, ready, digit: params.digit, drawn };
    if (!ready || !playing || !x) {
      sent.current = null; // paused or not ready: the next start posts again
      return;
    }
    post({ params, modelId, drawn }, x);
  }, [params, modelId, x, playing, ready, drawn, post]);

  useEffect(() => {
    if (playing) return;
    getEngine().cancel();
    useAppStore.getState().runCancelled();
  }, [playing]);
}
