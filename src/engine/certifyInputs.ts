import type { CertifySetRequest } from './protocol';
import { getEngine } from './useEngine';

/** CERTIFY's outcome for one input (Cohen et al. 2019, Algorithm 1). */
export interface InputCertificate {
  prediction: number;
  radius: number;
  pLower: number;
  seconds: number;
}

/**
 * Certifies a few inputs (28 * 28 each, in [0, 1]) with the lab's parameters, each with the same
 * noise seed, as the lab itself would: same seed, same counts, same radius. For checkpoints that
 * run a small experiment on reveal. Rejects with the engine's message on failure.
 */
export function certifyInputs(
  inputs: readonly Float32Array[],
  o: Omit<CertifySetRequest, 'type' | 'id' | 'xs' | 'seeds'> & { seed: number },
): Promise<InputCertificate[]> {
  const dim = 28 * 28;
  const xs = new Float32Array(inputs.length * dim);
  inputs.forEach((x, k) => xs.set(x, k * dim));
  const { seed, ...rest } = o;
  return new Promise((resolve, reject) => {
    const out: InputCertificate[] = [];
    getEngine().certifySet({ ...rest, xs, seeds: inputs.map(() => seed) }, (e) => {
      if (e.type === 'set-row') out[e.index] = e;
      else if (e.type === 'set-done') resolve(out);
      else if (e.type === 'set-error') reject(new Error(e.message));
    });
  });
}
