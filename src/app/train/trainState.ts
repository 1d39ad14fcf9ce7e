/**
 * The training panel's state, outside React so a training goes on (and its result is kept) while
 * the student visits another view: the settings, where the training stands, its progress by batch
 * and its learning curve by epoch. The work itself runs in the training worker
 * (src/training/client.ts); the main thread only copies numbers. Read with useTrainState.
 */
import { useSyncExternalStore } from 'react';
import type { TrainPhase } from '../../components/train/TrainPanel';
import { TrainingClient, type TrainerReady } from '../../training/client';
import type { EpochReport, TrainSettings } from '../../training/protocol';
import { keepTrainedModel } from '../userModels';

export interface TrainState {
  settings: TrainSettings;
  phase: TrainPhase;
  ready: TrainerReady | null;
  message: string;
  /** Batches done of the whole training (epochs * steps), the epoch (1-based) and the latest batch loss. */
  progress: { done: number; total: number; epoch: number; loss: number } | null;
  history: EpochReport[];
  /** The id of the model the last training produced. */
  lastModelId: string | null;
  /** Mean seconds per epoch measured in this browser this visit, per architecture and method factor 1. */
  measured: { mlp?: number; cnn?: number };
}

/** A quick first result: an MLP at sigma 0.5 with Gaussian augmentation, 2 epochs. */
export const DEFAULT_TRAIN_SETTINGS: TrainSettings = {
  arch: 'mlp',
  sigma: 0.5,
  method: 'gaussian',
  epochs: 2,
};

/**
 * Seconds per epoch (7,200 digits, Gaussian augmentation, validation included) measured in headless
 * Chromium's worker on the wasm backend on the 2-core development machine; shown as the estimate until
 * this browser has measured its own.
 */
export const TYPICAL_SECONDS_PER_EPOCH = { mlp: 10, cnn: 20 };

let state: TrainState = {
  settings: DEFAULT_TRAIN_SETTINGS,
  phase: 'idle',
  ready: null,
  message: '',
  progress: null,
  history: [],
  lastModelId: null,
  measured: {},
};
const listeners = new Set<() => void>();
let client: TrainingClient | null = null;
let cancelRunning: (() => void) | null = null;

function set(patch: Partial<TrainState>): void {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useTrainState(): TrainState {
  return useSyncExternalStore(subscribe, () => state);
}

export function getTrainState(): TrainState {
  return state;
}

function trainer(): TrainingClient {
  client ??= new TrainingClient();
  return client;
}

/** The panel was opened: start the worker and load the training digits (once). */
export function openTrainer(): void {
  if (state.phase !== 'idle') return;
  set({ phase: 'preparing', message: '' });
  trainer()
    .prepare()
    .then(
      (ready) => set({ ready, phase: state.phase === 'preparing' ? 'ready' : state.phase }),
      (e: Error) => set({ phase: 'error', message: e.message, ready: null }),
    );
}

export function setTrainSettings(settings: TrainSettings): void {
  if (state.phase !== 'training') set({ settings });
}

/** Seconds per epoch for the estimate: this browser's measurement where there is one. */
export function secondsPerEpoch(s: TrainState): { mlp: number; cnn: number } {
  return {
    mlp: s.measured.mlp ?? TYPICAL_SECONDS_PER_EPOCH.mlp,
    cnn: s.measured.cnn ?? TYPICAL_SECONDS_PER_EPOCH.cnn,
  };
}

/** Trains with the current settings; the model is kept (and saved) when it finishes. */
export function startTraining(): void {
  if (state.phase === 'training') return;
  const settings = state.settings;
  set({ phase: 'training', progress: null, history: [], message: '' });
  const run = trainer().train(settings, {
    onStep: (p) =>
      set({
        progress: {
          done: (p.epoch - 1) * p.steps + p.step,
          total: settings.epochs * p.steps,
          epoch: p.epoch,
          loss: p.loss,
        },
      }),
    onEpoch: (e) => set({ history: [...state.history, e] }),
  });
  cancelRunning = run.cancel;
  run.result.then(
    async (model) => {
      cancelRunning = null;
      const perEpoch = model.history.reduce((a, e) => a + e.seconds, 0) / Math.max(1, model.history.length);
      const factor = settings.method === 'consistency' ? 2 : 1;
      const card = await keepTrainedModel(settings, model);
      set({
        phase: 'done',
        lastModelId: card.id,
        ready: state.ready && { ...state.ready, backend: model.backend },
        measured: { ...state.measured, [settings.arch]: perEpoch / factor },
        message: `Done in ${Math.round(model.seconds)} s: ${(100 * model.bestValAccuracy).toFixed(1)}% validation accuracy under its training noise (epoch ${model.bestEpoch} kept). Certify it below, or open it in the lab.`,
      });
    },
    (e: Error) => {
      cancelRunning = null;
      if (e.name === 'AbortError') set({ phase: 'cancelled', progress: null });
      else set({ phase: 'error', message: e.message });
    },
  );
}

/** Stops the training at once (the worker stops before its next batch); nothing is kept. */
export function cancelTraining(): void {
  cancelRunning?.();
  cancelRunning = null;
}
