/**
 * Messages between the geometry view and its TF.js worker (./tfWorker.ts): training the 2D base
 * classifiers, the PGD attacks and the smoothed decision regions run there, off the page's thread,
 * so a WebGL shader compile or a long GPU wait never freezes the page. Every message is plain data
 * (structured clone); `id` pairs a request with its replies. Each side checks what it receives
 * (isToToy, isFromToy) and ignores the rest.
 */
import type { ReluNet } from '../bounds';
import type { BackendFailure } from '../engine/protocol';
import type {
  SmoothedRegionsTfOptions,
  TfTrainProgress,
  TfTrainResult,
  ToyAttackOptions,
  ToyAttackPath,
} from './tfToy';
import type { ToyModelKind, TrainData } from './train';

export type ToToy =
  /** Start TF.js's first working backend (skipping `unavailable`); answered by `started` or `error`. */
  | { type: 'start'; id: number; unavailable: BackendFailure[] }
  | { type: 'train'; id: number; data: TrainData; kind: ToyModelKind; seed: number; chunk: number }
  | {
      type: 'attack';
      id: number;
      net: ReluNet;
      x: [number, number];
      label: number;
      opts: ToyAttackOptions;
    }
  | { type: 'regions'; id: number; net: ReluNet; sigma: number; seed: number; opts: SmoothedRegionsTfOptions }
  /** Stop request `id` at its next yield; it answers `done` with a null result. */
  | { type: 'cancel'; id: number };

export type FromToy =
  /** Sent every TOY_HEARTBEAT_MS: silence while a request is open means the worker died or hangs. */
  | { type: 'alive' }
  | { type: 'started'; id: number; backend: string }
  | { type: 'progress'; id: number; progress: TfTrainProgress }
  /** One finished level of the smoothed regions: P(class 1) per cell, row 0 at the top. */
  | { type: 'level'; id: number; grid: Float32Array; cells: number; level: number }
  | { type: 'done'; id: number; result: TfTrainResult | ToyAttackPath | boolean | null }
  | { type: 'error'; id: number; message: string };

/** How often the worker says it is alive, and how long the page waits in silence before giving up. */
export const TOY_HEARTBEAT_MS = 1_000;
export const TOY_SILENCE_MS = 15_000;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isId = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/** A message the worker accepts: a known type with an integer id (the payloads are the page's own). */
export function isToToy(m: unknown): m is ToToy {
  if (!isObject(m) || !isId(m.id)) return false;
  switch (m.type) {
    case 'start':
      return Array.isArray(m.unavailable);
    case 'train':
      return isObject(m.data) && typeof m.kind === 'string' && Number.isFinite(m.seed) && isId(m.chunk);
    case 'attack':
      return isObject(m.net) && Array.isArray(m.x) && Number.isInteger(m.label) && isObject(m.opts);
    case 'regions':
      return isObject(m.net) && Number.isFinite(m.sigma) && Number.isFinite(m.seed) && isObject(m.opts);
    case 'cancel':
      return true;
    default:
      return false;
  }
}

/** A message the page accepts from the worker. */
export function isFromToy(m: unknown): m is FromToy {
  if (!isObject(m)) return false;
  if (m.type === 'alive') return true;
  if (!isId(m.id)) return false;
  switch (m.type) {
    case 'started':
      return typeof m.backend === 'string';
    case 'progress':
      return isObject(m.progress);
    case 'level':
      return m.grid instanceof Float32Array && isId(m.cells) && isId(m.level);
    case 'done':
      return 'result' in m;
    case 'error':
      return typeof m.message === 'string';
    default:
      return false;
  }
}
