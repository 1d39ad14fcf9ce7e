/**
 * What the checkpoints read of the lab, in one place: its current input, its certificate for the
 * current settings, and those settings in words. Every read is a snapshot of the store at the moment
 * a question is asked or revealed.
 */
import { labInput } from '../data/digits';
import { loadDigits } from '../data/useDigits';
import { certifyInputs } from '../engine/client/certifyInputs';
import { useAppStore } from '../store';
import { isRunStale } from '../store/labSlice';

/** The lab's parameters, model and input choice now. */
export const labNow = () => useAppStore.getState();

/** The lab's current input: the drawn digit, or the chosen test digit. */
export async function currentInput(): Promise<Float32Array> {
  const s = labNow();
  return s.drawn ?? labInput(await loadDigits(), s.params.digit, null);
}

/** CERTIFY on the lab's input with the lab's parameters, sigma (and optionally n) replaced. */
export async function certifyAt(x: Float32Array, sigma: number, n?: number) {
  const { params, modelId } = labNow();
  const [r] = await certifyInputs([x], {
    modelId,
    sigma,
    n0: params.n0,
    n: n ?? params.n,
    alpha: params.alpha,
    seed: params.seed,
  });
  return r!;
}

/**
 * The lab's certificate for its current settings: the finished run on screen when it is for
 * exactly these settings, else a fresh CERTIFY with them.
 */
export async function labCertificate(x: Float32Array): Promise<{ prediction: number; radius: number }> {
  const s = labNow();
  if (s.status === 'done' && s.outcome && !isRunStale(s)) return s.outcome;
  return certifyAt(x, s.params.sigma);
}

/** "test digit 4 (or your drawing), cnn-0.25, σ = 0.25, n = 1,000, α = 0.001": the lab's state. */
export function labState(): string {
  const { params, modelId, drawn } = labNow();
  return `${drawn ? 'your drawn digit' : `test digit ${params.digit}`}, model ${modelId}, σ = ${params.sigma.toFixed(2)}, n = ${params.n.toLocaleString('en')}, α = ${params.alpha}`;
}
