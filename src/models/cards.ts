/**
 * The shipped base models' cards (models/index.json, bundled at build time). No TF.js here, so
 * the page can list models without loading the engine; src/models/registry.ts loads weights.
 */
import index from '../../models/index.json';
import type { ModelCard } from './card';

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
