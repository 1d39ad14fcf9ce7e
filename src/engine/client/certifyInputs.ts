import type { CertifySetOp } from '../protocol';
import { isCancelled } from './client';
import { getEngine } from './useEngine';

/** CERTIFY's outcome for one input (Cohen et al. 2019, Algorithm 1). */
export interface InputCertificate {
  prediction: number;
  radius: number;
  pLower: number;
  seconds: number;
}

/** A running certify-set request: its end, and a way to stop it. */
export interface RunningSet {
  /** 'done' after the last row, 'cancelled' after cancel(); rejects with the engine's message. */
  finished: Promise<'done' | 'cancelled'>;
  /** Stops the set between two batches; no row arrives after this. */
  cancel: () => void;
}

/**
 * Sends a certify-set request to the engine and calls `onRow` with each input's certificate (by
 * its position in the request) as it arrives.
 */
export function startCertifySet(
  r: Omit<CertifySetOp, 'kind'>,
  onRow: (index: number, c: InputCertificate) => void,
): RunningSet {
  const set = getEngine().request({ kind: 'certify-set', ...r });
  set.events((row) => onRow(row.index, row));
  return {
    finished: set.result.then(
      () => 'done' as const,
      (e: unknown) => {
        if (isCancelled(e)) return 'cancelled' as const;
        throw e;
      },
    ),
    cancel: set.cancel,
  };
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
  const set = startCertifySet({ ...rest, xs, seeds: inputs.map(() => seed) }, (k, c) => (out[k] = c));
  const stop = () => set.cancel();
  signal?.addEventListener('abort', stop, { once: true });
  try {
    if ((await set.finished) === 'cancelled')
      throw new DOMException('The certification was cancelled', 'AbortError');
  } finally {
    signal?.removeEventListener('abort', stop);
  }
  return out;
}
