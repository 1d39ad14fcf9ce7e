/**
 * What the checkpoints read of the lab, in one place: a snapshot of its settings and input when a
 * question is asked, and CERTIFY run on such a snapshot. A reveal runs on the snapshot its question
 * was asked about, never on the lab's state at reveal time.
 */
import { labInput } from '../data/digits';
import { loadDigits } from '../data/useDigits';
import { certifyInputs, type InputCertificate } from '../engine/client/certifyInputs';
import { useAppStore } from '../store';
import { currentRunKey, sameRunKey, type RunKey } from '../store/labSlice';
import type { AskedSetting, SettingPart } from './askedSetting';

/** The lab's parameters, model and input choice now. */
export const labNow = () => useAppStore.getState();

/** The lab's settings now, as a snapshot (model, parameters, drawing). */
export const labKey = (): RunKey => currentRunKey(labNow());

/** The input a snapshot names: its drawing, or its test digit. */
export async function inputOf(key: RunKey): Promise<Float32Array> {
  return key.drawn ?? labInput(await loadDigits(), key.params.digit, null);
}

/** The lab's current settings and input, for a question about the lab (`uses`: what it depends on). */
export async function askLab(uses?: readonly SettingPart[]): Promise<AskedSetting> {
  const key = labKey();
  return { key, input: await inputOf(key), fromLab: true, ...(uses && { uses }) };
}

/** A checkpoint's own example (a state chosen for the question, stated with it; its digit is loaded when run). */
export function askExample(key: RunKey): AskedSetting {
  return { key, fromLab: false };
}

/** The input of an asked setting: the one snapshot when asked, else the test digit its key names. */
export async function inputFor(s: AskedSetting): Promise<Float32Array> {
  return s.input ?? inputOf(s.key);
}

/**
 * The lab's own finished fixed-n answer for this snapshot, when the lab has one: the same numbers a
 * new CERTIFY with the same seed would give, at no cost. Null otherwise.
 */
export function labAnswerFor(key: RunKey): InputCertificate | null {
  const s = labNow();
  if (s.status !== 'done' || !s.run || !s.outcome || s.run.stop !== null || key.stop !== null) return null;
  if (!sameRunKey(s.run, key)) return null;
  const { prediction, radius, pLower, timing } = s.outcome;
  return { prediction, radius, pLower, seconds: timing.seconds };
}

/**
 * CERTIFY on the snapshot's input with its model and parameters, sigma (and optionally n) replaced:
 * with the same seed, the same counts as the lab gives for that state (the lab's own answer is
 * reused when it has finished that very run). Rejects with an AbortError once `signal` aborts,
 * having cancelled the engine job.
 */
export async function certifyOn(
  s: AskedSetting,
  sigma?: number,
  n?: number,
  signal?: AbortSignal,
): Promise<InputCertificate> {
  const { params, modelId } = s.key;
  const same = (sigma ?? params.sigma) === params.sigma && (n ?? params.n) === params.n;
  const lab = same ? labAnswerFor(s.key) : null;
  if (lab) return lab;
  const [r] = await certifyInputs(
    [await inputFor(s)],
    {
      modelId,
      sigma: sigma ?? params.sigma,
      n0: params.n0,
      n: n ?? params.n,
      alpha: params.alpha,
      seed: params.seed,
    },
    signal,
  );
  return r!;
}
