/**
 * What the training worker does, apart from receiving messages (worker.ts): start a TF.js backend
 * (wasm with the convolution-gradient kernels it lacks, else cpu, saying why), download the 8,000
 * training digits of the seeded split (never the test digits), train with trainModel
 * (./trainer.ts) and serialise the result as a layers model.json plus its weight bytes. One
 * training at a time; a cancel stops it before its next batch.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { decodeDigits } from '../data/digits';
import { startBackend } from '../engine/worker/backend';
import type { EpochReport, FromTrainer, ToTrainer, TrainedModel, TrainSettings } from './protocol';
import { parseToTrainer } from './protocol';
import { defaultConfig, stratifiedSplit, trainModel, type TrainDigits } from './trainer';
import { registerWasmTrainingKernels } from './wasmConvGrad';
import { errorMessage } from '../tasks/errorMessage';
import { yieldToPage } from '../tasks/yieldToPage';

/** The training digits' file, relative to the app's base URL (written by `npm run data`). */
export const TRAIN_DIGITS_FILE = 'data/mnist-train.bin';
/** Longest stretch of training (ms) between two yields to the worker's event loop, so a cancel is seen. */
const YIELD_EVERY_MS = 30;
/** Shortest time (ms) between two step events, so the page is not flooded by a fast MLP. */
const STEP_EVENT_MS = 50;

/** A layers model as model.json text and weight bytes (the shipped models' format). */
export async function serialiseModel(
  model: tfl.LayersModel,
): Promise<{ modelJson: string; weights: ArrayBuffer }> {
  let saved: tf.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler((artifacts) => {
      saved = artifacts;
      return Promise.resolve({ modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } });
    }),
  );
  const art = saved! as tf.io.ModelArtifacts;
  const modelJson = JSON.stringify({
    format: 'layers-model',
    generatedBy: 'smoothing-lab, trained in the browser',
    modelTopology: art.modelTopology,
    weightsManifest: [{ paths: ['weights.bin'], weights: art.weightSpecs }],
  });
  return { modelJson, weights: tf.io.CompositeArrayBuffer.join(art.weightData) };
}

export class TrainingSession {
  private prepared: Promise<{ data: TrainDigits; backend: string; fallbackReason?: string }> | null = null;
  private running: { id: number; abort: AbortController } | null = null;
  /** The app's base URL (where data/ is served), from the prepare message. */
  private baseUrl = '';

  constructor(private readonly post: (m: FromTrainer, transfer?: Transferable[]) => void) {}

  handle(raw: unknown): void {
    const parsed = parseToTrainer(raw);
    if (!parsed.ok) {
      const id = (raw as { id?: unknown } | null)?.id;
      if (Number.isSafeInteger(id)) this.post({ type: 'error', id: id as number, message: parsed.problem });
      return;
    }
    const m: ToTrainer = parsed.message;
    switch (m.type) {
      case 'prepare':
        this.baseUrl = m.baseUrl;
        void this.prepare().then(
          (p) => {
            const c = defaultConfig('mlp', 0);
            const split = stratifiedSplit(p.data.labels, c.validation, c.seed + 17);
            this.post({
              type: 'ready',
              backend: p.backend,
              ...(p.fallbackReason && { fallbackReason: p.fallbackReason }),
              trainCount: split.train.length,
              validationCount: split.val.length,
            });
          },
          (e: unknown) => this.post({ type: 'prepare-error', message: errorMessage(e) }),
        );
        return;
      case 'cancel':
        if (this.running?.id === m.id) this.running.abort.abort();
        return;
      case 'train':
        void this.train(m.id, m.settings);
        return;
    }
  }

  /** Starts the backend and downloads the digits, once (a failure lets a later prepare try again). */
  private prepare(): Promise<{ data: TrainDigits; backend: string; fallbackReason?: string }> {
    this.prepared ??= (async () => {
      const report = await startBackend(['wasm', 'cpu']);
      if (report.backend === 'wasm') registerWasmTrainingKernels();
      const fallbackReason = report.failures.find((f) => f.backend === 'wasm')?.reason;
      const url = new URL(TRAIN_DIGITS_FILE, this.baseUrl).href;
      let res: Response;
      try {
        res = await fetch(url);
      } catch (e) {
        throw new Error(`${TRAIN_DIGITS_FILE} could not be downloaded (${errorMessage(e)})`, { cause: e });
      }
      if (!res.ok) throw new Error(`${TRAIN_DIGITS_FILE} could not be downloaded (HTTP ${res.status})`);
      const set = decodeDigits(new Uint8Array(await res.arrayBuffer()), TRAIN_DIGITS_FILE);
      const data: TrainDigits = { count: set.count, side: set.rows, pixels: set.pixels, labels: set.labels };
      return { data, backend: report.backend, ...(fallbackReason && { fallbackReason }) };
    })();
    this.prepared.catch(() => (this.prepared = null));
    return this.prepared;
  }

  private async train(id: number, settings: TrainSettings): Promise<void> {
    if (this.running) {
      this.post({ type: 'error', id, message: 'a training is already running' });
      return;
    }
    const abort = new AbortController();
    this.running = { id, abort };
    try {
      if (!this.baseUrl) throw new Error('the worker was asked to train before it was prepared');
      const { data } = await this.prepare();
      const config = {
        ...defaultConfig(settings.arch, settings.sigma, settings.method),
        maxEpochs: settings.epochs,
      };
      let lastYield = performance.now();
      let lastStep = 0;
      const outcome = await trainModel(data, config, {
        signal: abort.signal,
        onStep: async (s) => {
          const now = performance.now();
          if (now - lastStep >= STEP_EVENT_MS || s.step === s.steps) {
            lastStep = now;
            this.post({ type: 'step', id, epoch: s.epoch + 1, step: s.step, steps: s.steps, loss: s.loss });
          }
          if (now - lastYield >= YIELD_EVERY_MS) {
            await yieldToPage();
            lastYield = performance.now();
          }
        },
        onEpoch: (e) => {
          const report: EpochReport = {
            epoch: e.epoch,
            loss: e.loss,
            valAccuracy: e.valAccuracy,
            seconds: e.seconds,
          };
          this.post({ type: 'epoch', id, report });
        },
      });
      try {
        const { modelJson, weights } = await serialiseModel(outcome.model);
        const model: TrainedModel = {
          modelJson,
          weights,
          parameterCount: outcome.model.countParams(),
          history: outcome.history.map((e) => ({
            epoch: e.epoch,
            loss: e.loss,
            valAccuracy: e.valAccuracy,
            seconds: e.seconds,
          })),
          bestEpoch: outcome.bestEpoch,
          bestValAccuracy: outcome.bestValAccuracy,
          seconds: outcome.seconds,
          trainCount: outcome.trainCount,
          validationCount: outcome.validationCount,
          backend: tf.getBackend(),
        };
        this.post({ type: 'done', id, model }, [weights]);
      } finally {
        outcome.model.dispose();
      }
    } catch (e) {
      if ((e as Error | null)?.name === 'AbortError') this.post({ type: 'cancelled', id });
      else this.post({ type: 'error', id, message: errorMessage(e) });
    } finally {
      this.running = null;
    }
  }
}
