/**
 * Loads the weights of a shipped model from the app's own origin (./models/<id>/), with errors
 * that name the file. The cards themselves live in src/models/cards.ts.
 */
import type * as tfl from '@tensorflow/tfjs-layers';
import type { ModelCard } from './card';
import { download, type DownloadProgress } from './download';
import { loadModelFromBytes, ModelFileError } from './load';

export { DEFAULT_MODEL_ID, MODEL_CARDS, describeModel, findModel } from './cards';

/** Downloads and builds a shipped model. `base` is the folder that holds models/ (default: the app's). */
export async function fetchModel(
  card: ModelCard,
  base = './',
  /** Progress callbacks for each file (a slow network's "still downloading"), ended when it is done. */
  track?: (file: string) => { onProgress: DownloadProgress; end: () => void },
): Promise<tfl.LayersModel> {
  const where = `models/${card.id}`;
  const get = async (name: string) => {
    const what = `${where}/${name}`;
    const t = track?.(what);
    try {
      return await download(`${base}${what}`, what, { onProgress: t?.onProgress });
    } catch (e) {
      throw new ModelFileError((e as Error).message);
    } finally {
      t?.end();
    }
  };
  const json = new TextDecoder().decode(await get(card.files.model));
  const weights = await get(card.files.weights);
  return loadModelFromBytes(json, weights, where, card.files.sha256);
}
