/**
 * The engine proper, independent of where it runs: loads models, answers certify requests with
 * streaming counts, drops stale requests, reports tensor memory. `post` sends events to the page.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { fetchModel, findModel } from '../../models/registry';
import { pgdSmoothed } from '../../attacks';
import { certify, fillGaussian, predict, type CertifyResult, type VoteSampler } from '../../smoothing';
import { gpuNoiseAvailable, gpuNoisyBatch } from './gpuNoise';
import { helperNoise } from './noiseSource';
import {
  BACKEND_ORDER,
  startBackend,
  wasmFeatures,
  type BackendFailure,
  type BackendName,
  type BackendReport,
} from './backend';
import type {
  AttackRequest,
  CertifyRequest,
  CertifySetRequest,
  EngineEvent,
  EngineRequest,
} from '../protocol';
import { countBatch, modelVoteSampler, type VoteSamplerOptions } from './votes';

/**
 * Samples per batch on WebGL, fixed per architecture so the backend reuses its textures; a GPU is
 * fastest with large batches.
 */
export const BATCH: Record<string, number> = { cnn: 250, mlp: 1000 };
/**
 * Samples per batch on wasm and cpu: smaller, so a batch's activations stay in the CPU's cache
 * (measured with `npm run bench -- --profile`: the MLP's forward pass took 18 µs a sample at 32 rows, 29 µs at 250
 * rows and 75 µs at 1,000 on wasm).
 */
export const CPU_BATCH: Record<string, number> = { cnn: 128, mlp: 128 };
/**
 * The first batch of each stream is small (its own fixed shape), so the histograms start filling
 * at once: on SwiftShader (a CPU rasterizer, the slowest WebGL the lab meets) 8 CNN or 32 MLP
 * samples take 10 to 40 ms; later batches are full size.
 */
export const FIRST_BATCH: Record<string, number> = { cnn: 8, mlp: 32 };

/** The batch size for an architecture on a backend (see BATCH and CPU_BATCH). */
export function batchFor(arch: string, backend: string): number {
  return (backend === 'webgl' ? BATCH[arch] : CPU_BATCH[arch]) ?? 500;
}

/**
 * Vote-sampler options for one MNIST input: the model's two fixed batch shapes, padded: the full
 * batch, and the small one for the first batch of each call and for short remainders. Where the
 * noise is made in JavaScript (wasm, cpu) it comes from the helper worker, one batch ahead.
 */
export function samplerOptions(
  modelId: string,
  x: Float32Array,
  sigma: number,
  seed: number,
): VoteSamplerOptions & { batchSize: number } {
  const arch = findModel(modelId)?.architecture ?? '';
  const backend = tf.getBackend();
  const batchSize = batchFor(arch, backend);
  const firstBatch = FIRST_BATCH[arch] ?? 32;
  const noise = gpuNoiseAvailable() ? undefined : helperNoise();
  return { x, inputShape: [28, 28, 1], sigma, seed, batchSize, padTo: batchSize, firstBatch, noise };
}

/** The shortest time between two progress updates of one certify request, in ms. */
export const PROGRESS_INTERVAL_MS = 50;

/** Samples in the start-up measurement's batch, per architecture (one warm-up, two timed). */
export const MEASURE_BATCH: Record<string, number> = { cnn: 32, mlp: 128 };

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Adds what the wasm backend runs with (SIMD, threads) when it is the one in use. */
async function withFeatures(report: BackendReport): Promise<BackendReport> {
  return report.backend === 'wasm' ? { ...report, wasmFeatures: await wasmFeatures() } : report;
}

export class EngineCore {
  private latest = 0;
  /** Set requests cancelled by the page (each set runs until done or cancelled; several may interleave). */
  private cancelledSets = new Set<number>();
  private baseUrl = './';
  private models = new Map<string, Promise<tfl.LayersModel>>();
  /** Settles when the WebGL context is lost; a pending GPU read may never return after that. */
  private lost: Promise<never> = new Promise(() => undefined);
  private contextLost = false;

  /** The start-up order and the backends the page knows are missing (for a later measurement). */
  private order: readonly BackendName[] = BACKEND_ORDER;
  private unavailable: readonly BackendFailure[] = [];
  /** Settles when no measurement is under way; requests wait on it before touching the backend. */
  private gate: Promise<void> = Promise.resolve();
  /** Requests (certify, certify-set, attack) running now. */
  private active = 0;

  constructor(private readonly post: (e: EngineEvent) => void) {}

  /** Resolves once no request is running (checked every 20 ms). */
  private async untilIdle(): Promise<void> {
    while (this.active > 0) await new Promise((r) => setTimeout(r, 20));
  }

  /** Runs a request after any measurement under way, counting it as active. */
  private async track(run: () => Promise<void>): Promise<void> {
    await this.gate;
    this.active++;
    try {
      await run();
    } finally {
      this.active--;
    }
  }

  async handle(msg: EngineRequest): Promise<void> {
    switch (msg.type) {
      case 'init':
        // Requests that arrive while the backend starts (a checkpoint's certify-set can come before
        // the page has seen `ready`) wait on the gate, so none runs before a backend exists.
        this.gate = this.gate.then(async () => {
          this.baseUrl = msg.baseUrl;
          try {
            this.order = msg.order;
            this.unavailable = msg.unavailable;
            // A first visit starts on wasm (quick to start, never slow), times the rest later.
            const report =
              msg.choice.how === 'measure'
                ? {
                    ...(await this.startPreferring('wasm', msg.order, msg.unavailable)),
                    how: 'provisional' as const,
                  }
                : await this.startPreferring(msg.choice.backend, msg.order, msg.unavailable);
            if (msg.choice.how === 'remembered') {
              report.timings = msg.choice.timings;
              report.family = msg.choice.family;
            }
            if (msg.choice.how !== 'measure') {
              report.how = report.backend === msg.choice.backend ? msg.choice.how : 'fallback';
            }
            this.watchContext();
            this.post({ type: 'ready', report: await withFeatures(report) });
          } catch (e) {
            this.post({ type: 'failed', message: (e as Error).message });
          }
        });
        return this.gate;
      case 'measure':
        this.gate = this.gate.then(async () => {
          await this.untilIdle();
          try {
            this.disposeModels();
            const report = await this.measureBackends(this.order, this.unavailable, msg.modelId);
            this.watchContext();
            this.post({ type: 'ready', report: await withFeatures(report) });
          } catch (e) {
            this.post({ type: 'failed', message: (e as Error).message });
          }
        });
        return this.gate;
      case 'use-backend':
        // The student (the badge's button) or the URL asked for another backend: move, reload
        // models. After any measurement under way, and once no request runs.
        this.gate = this.gate.then(async () => {
          await this.untilIdle();
          try {
            this.disposeModels();
            const report = await this.startPreferring(msg.backend, BACKEND_ORDER, []);
            report.how = report.backend === msg.backend ? 'forced' : 'fallback';
            this.watchContext();
            this.post({ type: 'ready', report: await withFeatures(report) });
          } catch (e) {
            this.post({ type: 'failed', message: (e as Error).message });
          }
        });
        return this.gate;
      case 'cancel':
        if (msg.id >= this.latest) this.latest = msg.id + 0.5;
        return;
      case 'lose-context': {
        // Test hook: make the browser drop this engine's WebGL context, as a GPU reset would.
        const gl = this.webglContext();
        gl?.getExtension('WEBGL_lose_context')?.loseContext();
        return;
      }
      case 'noise-check': {
        // Test hook: the GPU noise program against the JavaScript reference, largest difference.
        if (!gpuNoiseAvailable()) {
          this.post({ type: 'noise-check', id: msg.id, maxDiff: -1 });
          return;
        }
        const dim = 784;
        const t = tf.tidy(() =>
          gpuNoisyBatch(tf.zeros([1, dim]) as tf.Tensor2D, 1, msg.seed, 2, 100_000, 8, 8),
        );
        const gpu = await t.data();
        t.dispose();
        const ref = fillGaussian(new Float32Array(8 * dim), msg.seed, 2, 100_000, 8, dim);
        let maxDiff = 0;
        for (let i = 0; i < ref.length; i++) maxDiff = Math.max(maxDiff, Math.abs(gpu[i]! - ref[i]!));
        this.post({ type: 'noise-check', id: msg.id, maxDiff });
        return;
      }
      case 'memory': {
        const m = tf.memory();
        this.post({ type: 'memory', id: msg.id, numTensors: m.numTensors, numBytes: m.numBytes });
        return;
      }
      case 'certify':
        return this.track(() => this.certify(msg));
      case 'attack':
        return this.track(() => this.attack(msg));
      case 'certify-set':
        return this.track(() => this.certifySet(msg));
      case 'cancel-set':
        this.cancelledSets.add(msg.id);
        return;
    }
  }

  /** Starts `first`, else the others of `order` in turn (the usual fallback). */
  private startPreferring(
    first: BackendName,
    order: readonly BackendName[],
    unavailable: readonly BackendFailure[],
  ): Promise<BackendReport> {
    return startBackend([first, ...order.filter((b) => b !== first)], unavailable);
  }

  /** Forgets the loaded models (their weights live on the backend being left) and frees them. */
  private disposeModels(): void {
    for (const p of this.models.values()) p.then((m) => m.dispose()).catch(() => undefined);
    this.models.clear();
  }

  /**
   * Times one small batch of the model on every backend of `order` that starts (cpu is never
   * faster than wasm, so it is only a fallback), with the engine's own path (noise, forward pass,
   * count and read-back), after one warm-up batch of the same shape (shader compilation, memory),
   * and keeps the fastest. The winner's model stays loaded; the others' weights are freed.
   */
  private async measureBackends(
    order: readonly BackendName[],
    unavailable: readonly BackendFailure[],
    modelId: string,
  ): Promise<BackendReport> {
    const card = findModel(modelId);
    const candidates = order.filter((b) => b !== 'cpu');
    if (!card || candidates.length < 2) return startBackend(order, unavailable);
    const failures: BackendFailure[] = [...unavailable];
    const skip = new Set(unavailable.map((f) => f.backend));
    const timings: Partial<Record<BackendName, number>> = {};
    const loaded = new Map<BackendName, tfl.LayersModel>();
    const size = MEASURE_BATCH[card.architecture] ?? 32;
    const x = new Float32Array(28 * 28).fill(0.5);
    for (const name of candidates) {
      if (skip.has(name)) continue;
      try {
        await startBackend([name]);
        const model = await fetchModel(card, this.baseUrl);
        loaded.set(name, model);
        const o = { ...samplerOptions(modelId, x, 0.25, 0), padTo: size };
        await countBatch(model, o, 'selection', 0, size); // warm-up: compile, allocate
        let best = Infinity; // the faster of two timed batches: less sensitive to a busy moment
        for (let k = 1; k <= 2; k++) {
          const t0 = performance.now();
          await countBatch(model, o, 'selection', k * size, size);
          best = Math.min(best, performance.now() - t0);
        }
        timings[name] = size / (Math.max(best, 0.01) / 1000);
      } catch (e) {
        failures.push({ backend: name, reason: describe(e) });
      }
    }
    const ranked = (Object.entries(timings) as [BackendName, number][]).sort((a, b) => b[1] - a[1]);
    const best = ranked[0]?.[0];
    for (const [name, m] of loaded) {
      if (name !== best) {
        await tf.setBackend(name);
        m.dispose();
      }
    }
    if (!best) {
      // Nothing could run the model: the usual fallback (cpu included) reports why.
      return startBackend(order, failures);
    }
    await tf.setBackend(best);
    this.models.set(modelId, Promise.resolve(loaded.get(best)!));
    return {
      backend: best,
      preferred: order[0] ?? best,
      // Backends that could not start or run the model; the rivals that ran are in `timings`.
      failures,
      how: 'measured',
      timings,
      family: card.architecture,
    };
  }

  private webglContext(): WebGLRenderingContext | null {
    if (tf.getBackend() !== 'webgl') return null;
    return (tf.backend() as unknown as { gpgpu?: { gl: WebGLRenderingContext } }).gpgpu?.gl ?? null;
  }

  private watchContext(): void {
    const canvas = this.webglContext()?.canvas as (HTMLCanvasElement | OffscreenCanvas) | undefined;
    if (!canvas) return;
    this.lost = new Promise<never>((_, reject) => {
      canvas.addEventListener('webglcontextlost', () => {
        this.contextLost = true;
        reject(new Error('the WebGL context was lost'));
      });
    });
    this.lost.catch(() => undefined);
  }

  /**
   * Rejects once the WebGL context is found lost (checked every 250 ms): a GPU read pending at
   * that moment may never settle, so the request must not wait on it.
   */
  private contextWatchdog(): { promise: Promise<never>; stop: () => void } {
    let timer: ReturnType<typeof setInterval> | undefined;
    const promise = new Promise<never>((_, reject) => {
      timer = setInterval(() => {
        if (this.contextLost || this.webglContext()?.isContextLost()) {
          this.contextLost = true;
          reject(new Error('the WebGL context was lost'));
        }
      }, 250);
    });
    promise.catch(() => undefined);
    return { promise, stop: () => clearInterval(timer) };
  }

  /** CERTIFY, abandoned (rejected) as soon as the WebGL context is found lost. */
  private async certifyGuarded(
    sampler: VoteSampler,
    o: { n0: number; n: number; alpha: number; sigma: number },
  ): Promise<CertifyResult> {
    const watchdog = this.contextWatchdog();
    return Promise.race([
      certify(sampler, { n0: o.n0, n: o.n, alpha: o.alpha, sigma: o.sigma }),
      this.lost,
      watchdog.promise,
    ]).finally(watchdog.stop);
  }

  /**
   * When the WebGL context is gone (GPU reset, driver crash, the browser reclaiming memory), the
   * models' weights went with it: move to wasm (else cpu), reload, and say so. True if it moved.
   */
  private async recoverFromLostContext(): Promise<boolean> {
    if (!this.contextLost && !this.webglContext()?.isContextLost()) return false;
    this.contextLost = false;
    this.lost = new Promise(() => undefined);
    this.models.clear();
    try {
      const started = await startBackend(
        ['wasm', 'cpu'],
        [{ backend: 'webgl', reason: 'the WebGL context was lost' }],
      );
      // WebGL was the backend in use: the notice names it, not the first fallback tried.
      const report: BackendReport = { ...started, preferred: 'webgl', how: 'fallback' };
      this.post({ type: 'ready', report: await withFeatures(report) });
      return true;
    } catch (e) {
      this.post({ type: 'failed', message: (e as Error).message });
      return false;
    }
  }

  private model(id: string): Promise<tfl.LayersModel> {
    let p = this.models.get(id);
    if (!p) {
      const card = findModel(id);
      p = card ? fetchModel(card, this.baseUrl) : Promise.reject(new Error(`unknown model "${id}"`));
      p.catch(() => this.models.delete(id));
      this.models.set(id, p);
    }
    return p;
  }

  /**
   * PGD against the smoothed classifier (Salman et al. 2019) inside an L2 or L-infinity ball,
   * then PREDICT on the attacked input with fresh noise from the same seed.
   */
  private async attack(r: AttackRequest): Promise<void> {
    try {
      const model = await this.model(r.modelId);
      const res = await pgdSmoothed(model, r.x, r.label, {
        eps: r.eps,
        steps: r.steps,
        norm: r.norm,
        sigma: r.sigma,
        seed: r.seed,
        noiseSamples: 16,
        onStep: (step) => this.post({ type: 'attack-progress', id: r.id, step, steps: r.steps }),
      });
      const p = await predict(modelVoteSampler(model, samplerOptions(r.modelId, res.xAdv, r.sigma, r.seed)), {
        n: r.n,
        alpha: r.alpha,
      });
      this.post({
        type: 'attack-result',
        id: r.id,
        xAdv: res.xAdv,
        delta: res.delta,
        l2: res.l2,
        linf: res.linf,
        baseLabelAfter: res.baseLabelAfter,
        prediction: p.prediction,
        pValue: p.pValue,
        counts: p.counts,
      });
    } catch (e) {
      this.post({ type: 'attack-error', id: r.id, message: (e as Error).message });
    }
  }

  private async certify(r: CertifyRequest): Promise<void> {
    this.latest = Math.max(this.latest, r.id);
    const stale = () => this.latest !== r.id;
    /** Checked before every batch: GPU work on a lost context may never finish. */
    const lostNow = () => {
      if (!this.webglContext()?.isContextLost()) return false;
      this.contextLost = true;
      throw new Error('the WebGL context was lost');
    };
    const t0 = performance.now();
    let first = 0;
    let lastPost = 0;
    const started = { selection: false, estimation: false };
    try {
      await this.recoverFromLostContext(); // lost while idle: move before any GPU work
      const model = await Promise.race([this.model(r.modelId), this.lost]);
      if (stale()) return;
      const base = samplerOptions(r.modelId, r.x, r.sigma, r.seed);
      const sampler = modelVoteSampler(model, {
        ...base,
        cancelled: () => lostNow() || stale(),
        onBatch: (stream, counts, done) => {
          const now = performance.now();
          if (!first) first = now;
          // At most one update per PROGRESS_INTERVAL_MS, plus each stream's first and last: a fast
          // backend finishes hundreds of batches a second, and each update costs the page a render.
          const whole = done >= (stream === 'selection' ? r.n0 : r.n);
          if (!started[stream] || whole || now - lastPost >= PROGRESS_INTERVAL_MS) {
            lastPost = now;
            started[stream] = true;
            this.post({ type: 'progress', id: r.id, stream, counts: [...counts], done });
          }
        },
        yieldBetweenBatches: true,
      });
      const res = await this.certifyGuarded(sampler, r);
      const seconds = (performance.now() - t0) / 1000;
      this.post({
        type: 'result',
        id: r.id,
        ...res,
        timing: {
          seconds,
          firstUpdateSeconds: ((first || performance.now()) - t0) / 1000,
          samplesPerSecond: (r.n0 + r.n) / seconds,
          batchSize: base.batchSize,
        },
      });
    } catch (e) {
      if ((e as Error).name === 'AbortError' || stale()) return;
      if (await this.recoverFromLostContext()) return this.certify(r);
      this.post({ type: 'error', id: r.id, message: (e as Error).message });
    }
  }

  /** CERTIFY on each input of the set in turn; one `set-row` event per input, then `set-done`. */
  private async certifySet(r: CertifySetRequest): Promise<void> {
    const stale = () => this.cancelledSets.has(r.id);
    const dim = 28 * 28;
    try {
      await this.recoverFromLostContext();
      const model = await Promise.race([this.model(r.modelId), this.lost]);
      for (let k = 0; k < r.seeds.length; k++) {
        if (stale()) return;
        const t0 = performance.now();
        const x = r.xs.slice(k * dim, (k + 1) * dim);
        const sampler = modelVoteSampler(model, {
          ...samplerOptions(r.modelId, x, r.sigma, r.seeds[k]!),
          cancelled: stale,
          yieldBetweenBatches: true,
        });
        const res = await this.certifyGuarded(sampler, r);
        this.post({
          type: 'set-row',
          id: r.id,
          index: k,
          prediction: res.prediction,
          radius: res.radius,
          pLower: res.pLower,
          seconds: (performance.now() - t0) / 1000,
        });
      }
      this.post({ type: 'set-done', id: r.id });
    } catch (e) {
      if ((e as Error).name === 'AbortError' || stale()) return;
      this.post({ type: 'set-error', id: r.id, message: (e as Error).message });
    } finally {
      this.cancelledSets.delete(r.id);
    }
  }
}
