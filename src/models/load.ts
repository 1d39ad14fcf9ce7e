/**
 * Loads a shipped model (TF.js layers format: model.json + weights.bin) from bytes, checking what
 * can go wrong with a download or a disk: unparsable JSON, a manifest that is not a layers model,
 * weights of the wrong size, and weights of the right size that cannot be trusted (NaN or infinite
 * values, a layer's kernel all zeros, a checksum other than the one its model card recorded when it
 * was trained). Errors name the file and say why; a model that fails never loads, so it never
 * certifies anything.
 */
// SHA-256 from @noble/hashes rather than crypto.subtle: subtle is missing outside secure contexts,
// and a class session serves the lab over plain http on the local network.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
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

/** The SHA-256 of a weights file, lower-case hex (what model cards record in files.sha256). */
export function weightsSha256(weights: ArrayBuffer): string {
  return bytesToHex(sha256(new Uint8Array(weights)));
}

/**
 * What makes weights of the right size untrustworthy, or null: a float32 value that is NaN or
 * infinite, or a kernel (a weight of rank >= 2) that is all zeros, which no trained layer has (a
 * bias may be zero). `weights` holds the specs' tensors back to back, in order (float32 only is
 * inspected; other dtypes are passed).
 */
export function weightsProblem(weights: ArrayBuffer, specs: readonly WeightSpec[]): string | null {
  let offset = 0;
  for (const w of specs) {
    const size = w.shape.reduce((a, b) => a * b, 1);
    const bytes = size * (BYTES[w.dtype] ?? 0);
    if (w.dtype === 'float32') {
      const v = new Float32Array(weights.slice(offset, offset + bytes));
      let nonzero = false;
      for (let i = 0; i < v.length; i++) {
        const x = v[i]!;
        if (!Number.isFinite(x)) return `${w.name} holds ${String(x)} at index ${i}`;
        if (x !== 0) nonzero = true;
      }
      if (w.shape.length >= 2 && size > 0 && !nonzero) return `${w.name} is all zeros`;
    }
    offset += bytes;
  }
  return null;
}

/**
 * @param modelJson text of model.json
 * @param weights bytes of the weights file
 * @param where how to name the files in errors, e.g. "models/cnn-0.25"
 * @param sha256 the checksum the model's card recorded for the weights, checked when given
 */
export async function loadModelFromBytes(
  modelJson: string,
  weights: ArrayBuffer,
  where: string,
  sha256?: string,
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
  const bad = weightsProblem(weights, specs);
  if (bad) throw new ModelFileError(`${where}/${file} cannot be trusted: ${bad}; the model is not loaded`);
  if (sha256 !== undefined) {
    const got = weightsSha256(weights);
    if (got !== sha256.toLowerCase())
      throw new ModelFileError(
        `${where}/${file} is not the file its model card describes (SHA-256 ${got.slice(0, 12)}…, the card says ${sha256.slice(0, 12)}…): it is corrupt or from another training run`,
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
