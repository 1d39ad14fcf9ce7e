/**
 * Messages between the page and the engine (a Web Worker, or the same code on the main thread).
 * Only plain data crosses: numbers, count arrays, typed arrays. Every certify request carries an
 * id; the engine abandons a request as soon as a newer one arrives (between two batches), and the
 * page ignores any message whose id is not the newest it sent.
 */
import type { BackendFailure, BackendName, BackendReport } from './backend';

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

export type EngineRequest =
  | { type: 'init'; order: BackendName[]; unavailable: BackendFailure[]; baseUrl: string }
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
  | { type: 'noise-check'; id: number; maxDiff: number };
