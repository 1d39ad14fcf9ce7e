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
 * What is wrong with a weights manifest's shape, or null when it is usable: a list of groups, each
 * with `paths` (file names) and `weights` (name, shape as whole numbers >= 0, a known dtype).
 * Catches a valid-JSON model.json of the wrong shape before TF.js trips over it with a bare TypeError.
 */
export function manifestProblem(groups: unknown[]): string | null {
  if (groups.length === 0) return 'weightsManifest is empty';
  for (const [g, group] of groups.entries()) {
    const at = `weightsManifest[${g}]`;
    if (typeof group !== 'object' || group === null) return `${at} is not an object`;
    const { paths, weights } = group as { paths?: unknown; weights?: unknown };
    if (!Array.isArray(paths) || paths.length === 0 || paths.some((p) => typeof p !== 'string'))
      return `${at}.paths is not a list of file names`;
    if (!Array.isArray(weights)) return `${at}.weights is not a list`;
    for (const [k, w] of (weights as unknown[]).entries()) {
      const spec = w as Partial<Record<keyof WeightSpec, unknown>> | null;
      const wat = `${at}.weights[${k}]`;
      if (typeof spec !== 'object' || spec === null) return `${wat} is not an object`;
      if (typeof spec.name !== 'string') return `${wat} has no name`;
      if (!Array.isArray(spec.shape) || spec.shape.some((d) => !Number.isInteger(d) || (d as number) < 0))
        return `${wat} (${spec.name}) has no shape (a list of whole numbers)`;
      if (typeof spec.dtype !== 'string' || !(spec.dtype in BYTES))
        return `${wat} (${spec.name}) has an unknown dtype ${JSON.stringify(spec.dtype)}`;
    }
  }
  return null;
}

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
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) {
    throw new ModelFileError(`${where}/model.json is not a TF.js layers model (it holds no JSON object)`);
  }
  if (!manifest.modelTopology || !Array.isArray(manifest.weightsManifest)) {
    throw new ModelFileError(
      `${where}/model.json is not a TF.js layers model (no modelTopology or weightsManifest)`,
    );
  }
  const shapeProblem = manifestProblem(manifest.weightsManifest as unknown[]);
  if (shapeProblem) throw new ModelFileError(`${where}/model.json has the wrong shape: ${shapeProblem}`);
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
