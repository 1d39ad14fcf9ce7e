/**
 * Loads the weights of a shipped model from the app's own origin (./models/<id>/), with errors
 * that name the file. The cards themselves live in src/models/cards.ts.
 */
import type * as tfl from '@tensorflow/tfjs-layers';
import type { ModelCard } from './card';
import { loadModelFromBytes, ModelFileError } from './load';

export { DEFAULT_MODEL_ID, MODEL_CARDS, describeModel, findModel } from './cards';

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
  return loadModelFromBytes(json, weights, where, card.files.sha256);
}
