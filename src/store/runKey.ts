/**
 * What a run's counts were made with, as plain data (no store): the lesson reads the lab through
 * this key, and the store keeps its runs under it (./labSlice.ts).
 */
import { sameParams, type Params } from './urlSchema';

/**
 * What a run's counts were made with: the parameters (sigma, n, n0, alpha, seed, digit), the model
 * and the drawn input (null for the gallery digit named by params.digit). Every number the lab
 * shows about a run is computed from these, never from the sliders, so a count can never meet a
 * parameter it was not made with.
 */
export interface RunKey {
  params: Params;
  modelId: string;
  drawn: Float32Array | null;
  /** Stop mode's target radius r, or null for a fixed-n run (a different rule, so other counts). */
  stop: number | null;
  /** Stop mode also stops when r is out of reach (the futility stop); absent = false. */
  stopUnreachable?: boolean;
}

/** True when two snapshots would give the same counts (same parameters, model, input and rule). */
export function sameRunKey(a: RunKey, b: RunKey): boolean {
  return (
    a.modelId === b.modelId &&
    a.drawn === b.drawn &&
    a.stop === b.stop &&
    (a.stopUnreachable ?? false) === (b.stopUnreachable ?? false) &&
    sameParams(a.params, b.params)
  );
}
