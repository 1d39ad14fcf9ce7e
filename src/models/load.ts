/**
 * Loads a shipped model (TF.js layers format: model.json + weights.bin) from bytes, checking what
 * can go wrong with a download or a disk: unparsable JSON, a manifest that is not a layers model,
 * weights of the wrong size. Errors name the file and say why.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

export class ModelFileError extends Error {
  override name = 'ModelFileError';
}

interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
}

const BYTES: Record<string, number> = { float32: 4, int32: 4, float16: 2, uint8: 1 };

/**
 * @param modelJson text of model.json
 * @param weights bytes of the weights file
 * @param where how to name the files in errors, e.g. "models/cnn-0.25"
 */
export async function loadModelFromBytes(
  modelJson: string,
  weights: ArrayBuffer,
  where: string,
): Promise<tfl.LayersModel> {
  let manifest: {
    modelTopology?: unknown;
    weightsManifest?: { paths: string[]; weights: WeightSpec[] }[];
  };
  try {
    manifest = JSON.parse(modelJson) as typeof manifest;
  } catch (e) {
    throw new ModelFileError(`${where}/model.json is not valid JSON (${(e as Error).message})`);
  }
  if (!manifest.modelTopology || !Array.isArray(manifest.weightsManifest)) {
    throw new ModelFileError(
      `${where}/model.json is not a TF.js layers model (no modelTopology or weightsManifest)`,
    );
  }
  const specs = manifest.weightsManifest.flatMap((g) => g.weights);
  const expected = specs.reduce(
    (s, w) => s + w.shape.reduce((a, b) => a * b, 1) * (BYTES[w.dtype] ?? NaN),
    0,
  );
  const file = manifest.weightsManifest[0]?.paths[0] ?? 'weights.bin';
  if (weights.byteLength !== expected) {
    throw new ModelFileError(
      `${where}/${file} has ${weights.byteLength} bytes where model.json expects ${expected} (truncated or from another model?)`,
    );
  }
  try {
    const model = await tfl.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: manifest.modelTopology as tf.io.ModelArtifacts['modelTopology'],
        weightSpecs: specs as tf.io.WeightsManifestEntry[],
        weightData: weights,
      }),
    );
    return model;
  } catch (e) {
    throw new ModelFileError(`${where}/model.json could not be built into a model: ${(e as Error).message}`);
  }
}
