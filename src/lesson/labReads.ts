/**
 * What the checkpoints read of the lab, in one place: a snapshot of its settings and input when a
 * question is asked, and CERTIFY run on such a snapshot. A reveal runs on the snapshot its question
 * was asked about, never on the lab's state at reveal time. The lab itself is passed in from above
 * (`LessonLab`, made in src/components/lessonLab.ts): this floor imports no store and no engine.
 */
import type { RunKey } from '../store/runKey';
import type { AskedSetting, SettingPart } from './askedSetting';

/** One CERTIFY answer, as the checkpoints use it (radius in L2; seconds of the whole run). */
export interface LabCertificate {
  prediction: number;
  radius: number;
  pLower: number;
  seconds: number;
}

/** The settings of one CERTIFY run on one input. */
export interface LabCertifySettings {
  modelId: string;
  sigma: number;
  n0: number;
  n: number;
  alpha: number;
  seed: number;
}

/** The operations on the lab that the lesson's questions need, passed in by the page. */
export interface LessonLab {
  /** The lab's settings now, as a snapshot (model, parameters, drawing, stop rule). */
  key(): RunKey;
  /**
   * The lab's own finished fixed-n answer for exactly this snapshot, when it has one (the same
   * numbers a new CERTIFY with the same seed would give, at no cost); null otherwise.
   */
  answerFor(key: RunKey): LabCertificate | null;
  /** The input a snapshot names: its drawing, or its test digit (28 * 28 values in [0, 1]). */
  inputOf(key: RunKey): Promise<Float32Array>;
  /** CERTIFY on one input; rejects with an AbortError once `signal` aborts, having cancelled the job. */
  certify(input: Float32Array, settings: LabCertifySettings, signal?: AbortSignal): Promise<LabCertificate>;
}

/** The lab's current settings and input, for a question about the lab (`uses`: what it depends on). */
export async function askLab(lab: LessonLab, uses?: readonly SettingPart[]): Promise<AskedSetting> {
  const key = lab.key();
  return { key, input: await lab.inputOf(key), fromLab: true, ...(uses && { uses }) };
}

/** A checkpoint's own example (a state chosen for the question, stated with it; its digit is loaded when run). */
export function askExample(key: RunKey): AskedSetting {
  return { key, fromLab: false };
}

/** The input of an asked setting: the one snapshot when asked, else the test digit its key names. */
export async function inputFor(lab: LessonLab, s: AskedSetting): Promise<Float32Array> {
  return s.input ?? lab.inputOf(s.key);
}

/**
 * CERTIFY on the snapshot's input with its model and parameters, sigma (and optionally n) replaced:
 * with the same seed, the same counts as the lab gives for that state (the lab's own answer is
 * reused when it has finished that very run). Rejects with an AbortError once `signal` aborts,
 * having cancelled the engine job.
 */
export async function certifyOn(
  lab: LessonLab,
  s: AskedSetting,
  sigma?: number,
  n?: number,
  signal?: AbortSignal,
): Promise<LabCertificate> {
  const { params, modelId } = s.key;
  const same = (sigma ?? params.sigma) === params.sigma && (n ?? params.n) === params.n;
  const answer = same ? lab.answerFor(s.key) : null;
  if (answer) return answer;
  return lab.certify(
    await inputFor(lab, s),
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
}
