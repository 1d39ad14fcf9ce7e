import { useCallback, useEffect, useRef } from 'react';
import { useAppStore } from '../../store';
import { whenLabQuiet } from '../../store/labQuiet';
import { currentRunKey, isFinished, sameRunKey, type RunKey } from '../../store/labSlice';
import { animationFrame, createProgressFrames } from '../../store/progressFrames';
import { findModel } from '../../models/registry';
import { TaskRunner } from '../../tasks/runner';
import type {
  BackendName,
  BackendReport,
  CertifyOp,
  InitChoice,
  LoadModelOp,
  ProgressOf,
  ResultOf,
} from '../protocol';
import { currentStamp, loadMemory, readChoice, saveMemory, writeChoice } from './backendChoice';
import { EngineClient } from './client';
import { dedicatedEngineWorker, sharedEngineWorker } from './engineWorkers';
import { exposeTestHooks, mainThreadForced, testHooksEnabled } from './testHooks';

let client: EngineClient | null = null;
/** Runs the lab's certify request (at most one: a newer one cancels it, and its progress is stale). */
const labRun = new TaskRunner();

/** The models the student trained in this browser, as bytes, by id ("user:..."). */
const givenModels = new Map<string, Omit<LoadModelOp, 'kind' | 'modelId'>>();

/**
 * Makes a model trained in this browser available to the engine under `modelId` ("user:..."):
 * the engine gets its bytes before the first request that names it.
 */
export function provideUserModel(modelId: string, model: Omit<LoadModelOp, 'kind' | 'modelId'>): void {
  givenModels.set(modelId, model);
}

/** Withdraws a model given by provideUserModel (deleted): the engine frees it. */
export function withdrawUserModel(modelId: string): void {
  givenModels.delete(modelId);
  client?.forgetModel(modelId);
}

/**
 * The shipped model that stands in for `modelId` where the backends are timed: itself, or for a
 * model trained in this browser the shipped one of the same architecture (same batch shapes).
 */
function timedModel(modelId: string): string {
  const given = givenModels.get(modelId);
  return given ? `${given.architecture}-0.25` : modelId;
}

/** The app build (package version and build time, set by vite.config.ts): a new build re-measures. */
const APP_BUILD = typeof __APP_BUILD__ === 'string' ? __APP_BUILD__ : 'dev';

function isBackend(v: unknown): v is BackendName {
  return v === 'webgl' || v === 'wasm' || v === 'cpu';
}

/**
 * The engine's start-up choice: the backend the URL forces (or the page's pin
 * `window.__smoothingLabBackend`, which the end-to-end tests use to keep WebGL), else the one
 * remembered for this model family on this device, browser and build, else measure.
 */
function initialChoice(): InitChoice {
  const st = useAppStore.getState();
  const pinned = (globalThis as { __smoothingLabBackend?: unknown }).__smoothingLabBackend;
  if (st.backendRequest !== 'auto') return { how: 'forced', backend: st.backendRequest };
  if (isBackend(pinned)) return { how: 'forced', backend: pinned };
  const family = findModel(timedModel(st.modelId))?.architecture ?? 'cnn';
  const remembered = readChoice(loadMemory(), family, currentStamp(APP_BUILD));
  if (remembered) {
    return { how: 'remembered', backend: remembered.backend, timings: remembered.timings, family };
  }
  return { how: 'measure', modelId: timedModel(st.modelId) };
}

/**
 * A first visit starts on wasm at once; the backends are timed once the first certificate is on
 * screen (or after MEASURE_AFTER_MS without one), the lab has paused between runs and the page is
 * idle, on the model then selected.
 */
function measureWhenIdle(engine: () => EngineClient | null): void {
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    off();
    clearTimeout(timer);
    const run = () => {
      const st = useAppStore.getState();
      // A backend asked for meanwhile (the badge's button, the URL) wins over the measurement.
      if (st.backendRequest === 'auto')
        engine()?.request({ kind: 'measure', modelId: timedModel(st.modelId) });
    };
    // In a pause between runs: a WebGL start takes seconds on software WebGL, and a run asked for
    // meanwhile waits for the timing to end (whenLabQuiet).
    void whenLabQuiet(useAppStore).then(() => {
      if ('requestIdleCallback' in window) requestIdleCallback(run, { timeout: 2000 });
      else setTimeout(run, 200);
    });
  };
  const off = useAppStore.subscribe((st) => {
    if (isFinished(st.status)) start();
  });
  const timer = setTimeout(start, MEASURE_AFTER_MS);
  if (isFinished(useAppStore.getState().status)) start();
}

/** How long a page with no finished certificate waits before timing the backends anyway. */
const MEASURE_AFTER_MS = 5000;

/** Stores a fresh measurement, so the next visit starts at once on the same backend. */
function remember(report: BackendReport): void {
  if (report.how !== 'measured' || !report.family || !report.timings) return;
  saveMemory(
    writeChoice(loadMemory(), report.family, currentStamp(APP_BUILD), {
      backend: report.backend,
      timings: report.timings,
      measuredAt: new Date().toISOString(),
    }),
  );
}

/**
 * Where the engine runs. An embedded widget (#/embed/...) joins the engine the lesson page's other
 * widgets of this origin share (a SharedWorker), else runs its own worker; the full app runs its
 * own worker, so two open tabs never move each other's backend.
 */
function engineWorkers() {
  const embedded = window.location.hash.startsWith('#/embed/');
  return embedded ? [() => sharedEngineWorker(), dedicatedEngineWorker] : [dedicatedEngineWorker];
}

/** The one engine of the page, started on first use (and exposed to tests, see testHooks.ts). */
export function getEngine(): EngineClient {
  if (!client) {
    const s = useAppStore.getState;
    client = new EngineClient({
      onBackend: (state) => {
        if (state.status === 'failed') return s().setBackendFailed(state.message);
        remember(state.report);
        s().setBackendReady(state.report);
        if (state.report.how === 'provisional') measureWhenIdle(() => client);
      },
      workers: mainThreadForced() ? [] : engineWorkers(),
      testOps: testHooksEnabled(),
      givenModel: (id) => givenModels.get(id),
    });
    client.init(initialChoice());
    const c = client;
    // A backend asked for later (the badge's button, an edited URL): cancel the run, move, rerun.
    useAppStore.subscribe((st, prev) => {
      if (st.backendRequest === prev.backendRequest || st.backendRequest === 'auto') return;
      if (st.backendReport?.backend === st.backendRequest && st.backendStatus === 'ready') return;
      cancelLabRun();
      st.setBackendStarting();
      c.request({ kind: 'use-backend', backend: st.backendRequest });
    });
    exposeTestHooks(c);
  }
  return client;
}

/**
 * Starts the lab's certificate for `key` on the input x (any earlier one is abandoned): its counts
 * stream into the store as they come, then its outcome or its error.
 */
function startLabRun(key: RunKey, x: Float32Array): void {
  const s = useAppStore.getState;
  s().runStarted(key);
  const { sigma, n0, n, alpha, seed } = key.params;
  const op: CertifyOp = { kind: 'certify', modelId: key.modelId, x, sigma, n0, n, alpha, seed };
  // Stop mode is part of the request: the engine stops at the exact sample where r is reached.
  if (key.stop !== null) op.stopAtRadius = key.stop;
  if (key.stop !== null && key.stopUnreachable) op.stopWhenUnreachable = true;
  // Progress lands at most once per frame (each update renders the lab); the result at once.
  const frames = createProgressFrames({
    apply: (u) => s().runCounts(u),
    isCurrent: () => !task.signal.aborted,
    nextFrame: animationFrame,
  });
  const task = labRun.start<ResultOf<'certify'>, ProgressOf<'certify'>>(
    (signal, report) => {
      const run = getEngine().request(op, { signal });
      run.events(report);
      return run.result;
    },
    {
      progress: (p) => frames.push(0, p.stream, { counts: p.counts, done: p.done }),
      done: (r) => {
        frames.drop();
        s().runFinished(r);
      },
      failed: (message) => {
        frames.drop();
        s().runFailed(message);
      },
    },
  );
}

/** Stops the lab's certificate between two batches; nothing more of it reaches the store. */
export function cancelLabRun(): void {
  labRun.cancel();
}

/**
 * Re-runs CERTIFY on the input x (the drawn digit or the chosen test digit, 28 * 28 in [0, 1])
 * whenever a parameter, the model, the input or the stop rule (stop mode, r) changes (while
 * playing). Pressing Play after a run ended (done, stopped or paused) starts a new run.
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
  const stop = useAppStore((s) => (s.stopAtRadius ? s.stopRadius : null));
  const stopUnreachable = useAppStore((s) => s.stopAtRadius && s.stopWhenUnreachable);
  /** The last render's input and the store values it was derived from. */
  const current = useRef({ x, playing, ready, digit: params.digit, drawn });
  const sent = useRef<{ key: RunKey; x: Float32Array } | null>(null);

  const post = useCallback((key: RunKey, input: Float32Array) => {
    const last = sent.current;
    if (last && last.x === input && sameRunKey(last.key, key)) return;
    sent.current = { key, x: input };
    startLabRun(key, input);
  }, []);

  useEffect(
    () =>
      useAppStore.subscribe((st, prev) => {
        if (
          st.params === prev.params &&
          st.modelId === prev.modelId &&
          st.stopAtRadius === prev.stopAtRadius &&
          st.stopRadius === prev.stopRadius &&
          st.stopWhenUnreachable === prev.stopWhenUnreachable
        ) {
          return;
        }
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
    post({ params, modelId, drawn, stop, ...(stop !== null && stopUnreachable && { stopUnreachable }) }, x);
  }, [params, modelId, x, playing, ready, drawn, stop, stopUnreachable, post]);

  useEffect(() => {
    if (playing) return;
    cancelLabRun();
    useAppStore.getState().runCancelled();
  }, [playing]);
}
