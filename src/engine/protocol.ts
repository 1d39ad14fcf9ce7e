/**
 * Messages between the page and the engine (a Web Worker, or the same code on the main thread).
 * Only plain data crosses: numbers, count arrays, typed arrays. Every certify request carries an
 * id; the engine abandons a request as soon as a newer one arrives (between two batches), and the
 * page ignores any message whose id is not the newest it sent.
 */
import type { BackendFailure, BackendName, BackendReport } from './worker/backend';

export interface CertifyRequest {
  type: 'certify';
  id: number;
  modelId: string;
  /** The input, 28 * 28 intensities in [0, 1]. */
  x: Float32Array;
  sigma: number;
  n0: number;
  n: number;
  alpha: number;
  seed: number;
}

export interface AttackRequest {
  type: 'attack';
  id: number;
  modelId: string;
  /** The clean input, 28 * 28 in [0, 1]. */
  x: Float32Array;
  /** The class to attack (the certified one). */
  label: number;
  norm: 'l2' | 'linf';
  eps: number;
  steps: number;
  sigma: number;
  /** PREDICT on the attacked input afterwards. */
  n: number;
  alpha: number;
  seed: number;
}

/**
 * CERTIFY on a set of test digits, one after another, as the certify CLI does (same seeds, same
 * counts): the trade-off view's batch job. A newer set request, or `cancel-set`, stops it between
 * two batches.
 */
export interface CertifySetRequest {
  type: 'certify-set';
  id: number;
  modelId: string;
  /** The inputs, count * 784 intensities in [0, 1], one digit after another. */
  xs: Float32Array;
  /** One noise seed per input (the CLI uses mixSeed(seed, test index)). */
  seeds: number[];
  sigma: number;
  n0: number;
  n: number;
  alpha: number;
}

export type EngineRequest =
  | AttackRequest
  | CertifySetRequest
  | { type: 'cancel-set'; id: number }
  | {
      type: 'init';
      order: BackendName[];
      unavailable: BackendFailure[];
      baseUrl: string;
      /**
       * How to choose: start `backend` (forced by the URL, or remembered from an earlier measurement
       * on this device, with its timings) falling back along `order`; or `measure`: start on wasm
       * at once (provisional), and time the backends when the page sends `measure`.
       */
      choice:
        | { how: 'forced'; backend: BackendName }
        | {
            how: 'remembered';
            backend: BackendName;
            timings: Partial<Record<BackendName, number>>;
            family: string;
          }
        | { how: 'measure'; modelId: string };
    }
  | { type: 'use-backend'; backend: BackendName }
  /**
   * Time one small batch of the model on every backend that starts (cpu excepted) and move to the
   * fastest; runs once the engine is idle, and requests wait for it.
   */
  | { type: 'measure'; modelId: string }
  | CertifyRequest
  | { type: 'cancel'; id: number }
  | { type: 'memory'; id: number }
  | { type: 'lose-context' }
  | { type: 'noise-check'; id: number; seed: number };

export interface Timing {
  /** Seconds from the request to the result. */
  seconds: number;
  /** Seconds from the request to the first counts. */
  firstUpdateSeconds: number;
  samplesPerSecond: number;
  batchSize: number;
}

export type EngineEvent =
  | { type: 'ready'; report: BackendReport }
  | { type: 'failed'; message: string }
  | { type: 'progress'; id: number; stream: 'selection' | 'estimation'; counts: number[]; done: number }
  | {
      type: 'result';
      id: number;
      prediction: number;
      radius: number;
      pLower: number;
      selectionCounts: number[];
      estimationCounts: number[];
      timing: Timing;
    }
  | { type: 'error'; id: number; message: string }
  | { type: 'memory'; id: number; numTensors: number; numBytes: number }
  | { type: 'noise-check'; id: number; maxDiff: number }
  | { type: 'attack-progress'; id: number; step: number; steps: number }
  | {
      type: 'attack-result';
      id: number;
      xAdv: Float32Array;
      delta: Float32Array;
      l2: number;
      linf: number;
      baseLabelAfter: number;
      /** PREDICT (Cohen et al. 2019, Algorithm 2) on the attacked input. */
      prediction: number;
      pValue: number;
      counts: number[];
    }
  | { type: 'attack-error'; id: number; message: string }
  | {
      type: 'set-row';
      id: number;
      /** Position of the input in the request. */
      index: number;
      prediction: number;
      radius: number;
      pLower: number;
      /** Seconds this input took. */
      seconds: number;
    }
  | { type: 'set-done'; id: number }
  | { type: 'set-error'; id: number; message: string };
