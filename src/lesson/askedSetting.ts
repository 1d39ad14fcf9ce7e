/**
 * The lab state a checkpoint's question was asked about, and how it is put into words: the facts a
 * question states are the facts its reveal is judged on, so the reveal runs on this snapshot, never
 * on whatever the lab shows by then, and says so when the lab has moved on. Pure: no React, no DOM.
 */
import type { RunKey } from '../store/runKey';

/** What a setting can depend on: the input (a drawing or a test digit), the model, a lab parameter. */
export type SettingPart = Exclude<keyof RunKey['params'], 'digit'> | 'model' | 'input';

/** Every part, in the order the facts are written. */
export const ALL_PARTS: readonly SettingPart[] = [
  'input',
  'model',
  'sigma',
  'n',
  'n0',
  'alpha',
  'seed',
] as const;

/** The settings a question was asked about: what its experiment runs on. */
export interface AskedSetting {
  /** The model, the parameters (digit, sigma, n, n0, alpha, seed) and the drawing (null: the test digit). */
  key: RunKey;
  /**
   * The input itself, as it was when asked (the test digit's pixels, or the drawing: a drawing can be
   * redrawn). Absent where `key` names a test digit nothing can change (a question's own example):
   * it is loaded when the experiment runs, so showing the question loads no digits.
   */
  input?: Float32Array;
  /**
   * Read from the lab's state: the checkpoint then says when the lab has moved on since. False: the
   * checkpoint's own example, stated with the question, which the lab's state does not change.
   */
  fromLab: boolean;
  /** The parts the question depends on (default: all); only these are stated and compared. */
  uses?: readonly SettingPart[];
}

const int = (v: number) => v.toLocaleString('en');

/** One part of a setting in words: "test digit 0", "model cnn-0.25", "σ = 0.25", "n = 1,000". */
export function partText(key: RunKey, part: SettingPart): string {
  const p = key.params;
  switch (part) {
    case 'input':
      return key.drawn ? 'your drawn digit' : `test digit ${p.digit}`;
    case 'model':
      return `model ${key.modelId}`;
    case 'sigma':
      return `σ = ${p.sigma.toFixed(2)}`;
    case 'n':
      return `n = ${int(p.n)}`;
    case 'n0':
      return `n0 = ${int(p.n0)}`;
    case 'alpha':
      return `α = ${p.alpha}`;
    case 'seed':
      return `seed ${p.seed}`;
  }
}

/** The parts of a setting in words, in order: "test digit 0, model cnn-0.25, σ = 0.25, ...". */
export function describeSetting(key: RunKey, uses: readonly SettingPart[] = ALL_PARTS): string {
  return ALL_PARTS.filter((p) => uses.includes(p))
    .map((p) => partText(key, p))
    .join(', ');
}

/** A part's value alone, for "old → new": "0", "cnn-0.25", "0.25", "1,000", "your drawing". */
function valueText(key: RunKey, part: SettingPart): string {
  const p = key.params;
  switch (part) {
    case 'input':
      return key.drawn ? 'your drawn digit' : `test digit ${p.digit}`;
    case 'model':
      return key.modelId;
    case 'sigma':
      return p.sigma.toFixed(2);
    case 'alpha':
      return String(p.alpha);
    default:
      return int(p[part]);
  }
}

const NAMES: Record<SettingPart, string> = {
  input: 'input',
  model: 'model',
  sigma: 'σ',
  n: 'n',
  n0: 'n0',
  alpha: 'α',
  seed: 'seed',
};

/**
 * What changed between the setting a question was asked about and the lab's state now, among the
 * parts the question uses: ["model cnn-0.25 → cnn-1.00", "input test digit 0 → test digit 2", ...].
 * Empty when nothing it depends on changed (or the setting is the checkpoint's own example).
 */
export function settingChanges(asked: AskedSetting, now: RunKey): string[] {
  if (!asked.fromLab) return [];
  const uses = asked.uses ?? ALL_PARTS;
  const a = asked.key;
  const changed = (part: SettingPart): boolean => {
    switch (part) {
      case 'input':
        return a.drawn !== now.drawn || (a.drawn === null && a.params.digit !== now.params.digit);
      case 'model':
        return a.modelId !== now.modelId;
      default:
        return a.params[part] !== now.params[part];
    }
  };
  return ALL_PARTS.filter((p) => uses.includes(p) && changed(p)).map((p) =>
    p === 'input' && a.drawn && now.drawn
      ? 'input: a new drawing'
      : `${NAMES[p]} ${valueText(a, p)} → ${valueText(now, p)}`,
  );
}
