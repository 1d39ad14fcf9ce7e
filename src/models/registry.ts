/**
 * The shipped base models: their cards (models/index.json, bundled at build time) and loading
 * their weights from the app's own origin (./models/<id>/), with errors that name the file.
 */
import type * as tfl from '@tensorflow/tfjs-layers';
import index from '../../models/index.json';
import type { ModelCard } from './card';
import { loadModelFromBytes, ModelFileError } from './load';

export const MODEL_CARDS = index as ModelCard[];

export const DEFAULT_MODEL_ID = 'cnn-0.25';

export function findModel(id: string): ModelCard | undefined {
  return MODEL_CARDS.find((c) => c.id === id);
}

/** "CNN, trained at sigma 0.25: 98.9% clean, 97.2% under its noise" */
export function describeModel(card: ModelCard): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const noise =
    card.sigmaTrain > 0 ? `, ${pct(card.noisyAccuracy)} under its training noise` : ', trained without noise';
  return `${card.architecture.toUpperCase()} (sigma_train ${card.sigmaTrain.toFixed(2)}): ${pct(card.cleanAccuracy)} clean${noise}`;
}

async function fetchBytes(url: string, what: string): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch (e) {
    throw new ModelFileError(`${what} could not be downloaded (${(e as Error).message})`);
  }
  if (!res.ok) throw new ModelFileError(`${what} could not be downloaded (HTTP ${res.status})`);
  return res;
}

/** Downloads and builds a shipped model. `base` is the folder that holds models/ (default: the app's). */
export async function fetchModel(card: ModelCard, base = './'): Promise<tfl.LayersModel> {
  const where = `models/${card.id}`;
  const json = await (
    await fetchBytes(`${base}${where}/${card.files.model}`, `${where}/${card.files.model}`)
  ).text();
  const weights = await (
    await fetchBytes(`${base}${where}/${card.files.weights}`, `${where}/${card.files.weights}`)
  ).arrayBuffer();
  return loadModelFromBytes(json, weights, where);
}
