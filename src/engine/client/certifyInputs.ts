import type { CertifySetOp } from '../protocol';
import { getEngine } from './useEngine';

/** CERTIFY's outcome for one input (Cohen et al. 2019, Algorithm 1). */
export interface InputCertificate {
  prediction: number;
  radius: number;
  pLower: number;
  seconds: number;
}

/**
 * Sends a certify-set request to the engine and calls `onRow` with each input's certificate (by
 * its position in the request) as it arrives. Resolves after the last row; rejects with the
 * engine's message, or with an AbortError once `signal` aborts (the engine job is cancelled then,
 * and no row arrives after that).
 */
export async function certifySet(
  r: Omit<CertifySetOp, 'kind'>,
  onRow: (index: number, c: InputCertificate) => void,
  signal?: AbortSignal,
): Promise<void> {
  const set = getEngine().request({ kind: 'certify-set', ...r }, { signal });
  set.events((row) => onRow(row.index, row));
  await set.result;
}

/**
 * Certifies a few inputs (28 * 28 each, in [0, 1]) with the lab's parameters, each with the same
 * noise seed, as the lab itself would: same seed, same counts, same radius. For checkpoints that
 * run a small experiment on reveal. Rejects with the engine's message on failure, and with an
 * AbortError once `signal` aborts (the engine job is cancelled then).
 */
export async function certifyInputs(
  inputs: readonly Float32Array[],
  o: Omit<CertifySetOp, 'kind' | 'xs' | 'seeds'> & { seed: number },
  signal?: AbortSignal,
): Promise<InputCertificate[]> {
  signal?.throwIfAborted();
  const dim = 28 * 28;
  const xs = new Float32Array(inputs.length * dim);
  inputs.forEach((x, k) => xs.set(x, k * dim));
  const { seed, ...rest } = o;
  const out: InputCertificate[] = [];
  await certifySet({ ...rest, xs, seeds: inputs.map(() => seed) }, (k, c) => (out[k] = c), signal);
  return out;
}
