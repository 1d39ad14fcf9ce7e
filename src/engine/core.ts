/**
 * The engine proper, independent of where it runs: loads models, answers certify requests with
 * streaming counts, drops stale requests, reports tensor memory. `post` sends events to the page.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { findModel } from '../models/registry';
import { fetchModel } from '../models/registry';
import { certify } from '../smoothing';
import { startBackend } from './backend';
import type { CertifyRequest, EngineEvent, EngineRequest } from './protocol';
import { modelVoteSampler } from './votes';

/** Samples per batch, fixed per architecture so the backend reuses its textures. */
export const BATCH: Record<string, number> = { cnn: 250, mlp: 1000 };

export class EngineCore {
  private latest = 0;
  private baseUrl = './';
  private models = new Map<string, Promise<tfl.LayersModel>>();

  constructor(private readonly post: (e: EngineEvent) => void) {}

  async handle(msg: EngineRequest): Promise<void> {
    switch (msg.type) {
      case 'init':
        this.baseUrl = msg.baseUrl;
        try {
          this.post({ type: 'ready', report: await startBackend(msg.order) });
        } catch (e) {
          this.post({ type: 'failed', message: (e as Error).message });
        }
        return;
      case 'cancel':
        if (msg.id >= this.latest) this.latest = msg.id + 0.5;
        return;
      case 'memory': {
        const m = tf.memory();
        this.post({ type: 'memory', id: msg.id, numTensors: m.numTensors, numBytes: m.numBytes });
        return;
      }
      case 'certify':
        return this.certify(msg);
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

  private async certify(r: CertifyRequest): Promise<void> {
    this.latest = Math.max(this.latest, r.id);
    const stale = () => this.latest !== r.id;
    const t0 = performance.now();
    let first = 0;
    try {
      const model = await this.model(r.modelId);
      if (stale()) return;
      const card = findModel(r.modelId)!;
      const batchSize = BATCH[card.architecture] ?? 500;
      const sampler = modelVoteSampler(model, {
        x: r.x,
        inputShape: [28, 28, 1],
        sigma: r.sigma,
        seed: r.seed,
        batchSize,
        padTo: batchSize,
        cancelled: stale,
        onBatch: (stream, counts, done) => {
          if (!first) first = performance.now();
          this.post({ type: 'progress', id: r.id, stream, counts: [...counts], done });
        },
        yieldBetweenBatches: true,
      });
      const res = await certify(sampler, { n0: r.n0, n: r.n, alpha: r.alpha, sigma: r.sigma });
      const seconds = (performance.now() - t0) / 1000;
      this.post({
        type: 'result',
        id: r.id,
        ...res,
        timing: {
          seconds,
          firstUpdateSeconds: ((first || performance.now()) - t0) / 1000,
          samplesPerSecond: (r.n0 + r.n) / seconds,
          batchSize,
        },
      });
    } catch (e) {
      if ((e as Error).name === 'AbortError' || stale()) return;
      this.post({ type: 'error', id: r.id, message: (e as Error).message });
    }
  }
}
