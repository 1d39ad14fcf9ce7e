/** TF.js in Node for the scripts and tests: the wasm backend (default) or cpu, and model loading from disk. */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import type * as tfl from '@tensorflow/tfjs-layers';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeDigits, type DigitSet } from '../../src/data/digits';
import type { ModelCard } from '../../src/models/card';
import { loadModelFromBytes, ModelFileError } from '../../src/models/load';

export type NodeBackend = 'wasm' | 'cpu';

/** The largest files the loaders read: far above the real ones, far below a machine's memory. */
export const READ_LIMITS = { json: 16 * 2 ** 20, weights: 256 * 2 ** 20, digits: 64 * 2 ** 20 } as const;

/**
 * Reads a whole file that must be a regular file of at most `maxBytes` (a FIFO, a device such as
 * /dev/zero or an oversized file is refused before reading). `Err` makes the error (its message
 * names the file).
 */
export function readBounded(
  path: string,
  maxBytes: number,
  Err: new (message: string) => Error = Error,
): Buffer {
  if (!existsSync(path)) throw new Err(`${path} is missing`);
  const st = statSync(path);
  if (!st.isFile()) throw new Err(`${path} is not a regular file (a folder, FIFO, device or socket)`);
  if (st.size > maxBytes)
    throw new Err(
      `${path} has ${st.size.toLocaleString('en')} bytes, more than the ${maxBytes.toLocaleString('en')} allowed`,
    );
  return readFileSync(path);
}

export async function initBackend(name: NodeBackend): Promise<string> {
  // The wasm backend prints nothing on success; a failure makes setBackend resolve false.
  if (!(await tf.setBackend(name))) throw new Error(`the TF.js ${name} backend could not start`);
  await tf.ready();
  return tf.getBackend();
}

export function readCards(modelsDir = 'models'): ModelCard[] {
  const path = join(modelsDir, 'index.json');
  if (!existsSync(path)) throw new Error(`${path} is missing: run npm run train`);
  return JSON.parse(readBounded(path, READ_LIMITS.json).toString('utf8')) as ModelCard[];
}

/** Loads a model folder; `sha256` (from its card) is checked against weights.bin when given. */
export async function loadModelFromDisk(dir: string, sha256?: string): Promise<tfl.LayersModel> {
  const jsonPath = join(dir, 'model.json');
  const json = readBounded(jsonPath, READ_LIMITS.json, ModelFileError).toString('utf8');
  let weightsFile = 'weights.bin';
  try {
    weightsFile = (JSON.parse(json) as { weightsManifest: { paths: string[] }[] }).weightsManifest[0]!
      .paths[0]!;
  } catch {
    // loadModelFromBytes reports the broken JSON.
  }
  const wPath = join(dir, weightsFile);
  const buf = readBounded(wPath, READ_LIMITS.weights, ModelFileError);
  const weights = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
  return loadModelFromBytes(json, weights, dir, sha256);
}

export const TEST_DIGITS = 'public/data/mnist-test.bin';

export function readTestDigits(path = TEST_DIGITS): DigitSet {
  if (!existsSync(path)) throw new Error(`${path} is missing: run npm run data`);
  return decodeDigits(new Uint8Array(readBounded(path, READ_LIMITS.digits)), path);
}

/** Accuracy of a model on the first `limit` digits, no noise, in batches of 500. */
export async function accuracy(model: tfl.LayersModel, set: DigitSet, limit = set.count): Promise<number> {
  const size = set.rows * set.cols;
  let correct = 0;
  for (let i = 0; i < limit; i += 500) {
    const n = Math.min(500, limit - i);
    const px = set.pixels.subarray(i * size, (i + n) * size);
    const pred = tf.tidy(() =>
      tf.argMax(
        model.predict(tf.div(tf.tensor4d(px, [n, set.rows, set.cols, 1], 'float32'), 255)) as tf.Tensor,
        1,
      ),
    );
    const p = await pred.data();
    pred.dispose();
    for (let k = 0; k < n; k++) if (p[k] === set.labels[i + k]) correct++;
  }
  return correct / limit;
}
