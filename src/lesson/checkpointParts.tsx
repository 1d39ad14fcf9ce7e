/**
 * The pieces the checkpoints (./checkpoints.tsx) are written with: how a certificate and a distance
 * are worded, the options and the ask of the questions about the lab's certificate, and the
 * double-sigma question's facts and reveal text.
 */
import type { Asked, AskSource } from './checkpointDef';
import {
  coverQuestionN,
  coverVerdict,
  doublingOutcome,
  fixedNRunClaim,
  votesForPLower,
} from './checkpointMath';
import { askLab, certifyOn, inputFor, type LessonLab } from './labReads';
import { ALL_PARTS, describeSetting, type AskedSetting, type SettingPart } from './askedSetting';
import { ceilFixed, floorFixed, formatPLower, type Claim } from '../smoothing';

/** A perturbation's L2 length, rounded up: it is never shown nearer the input than it is. */
export const dist = (x: number) => ceilFixed(x, 3);

/** A finished run's certificate in a few words, from its claim; ABSTAIN is never a radius. */
export function certificateText(c: Claim): string {
  return c.kind === 'certified'
    ? `class ${c.prediction}, p_lower = ${c.text.pLower}, R = ${c.text.radius}`
    : `ABSTAIN: p_lower = ${c.text.pLower} ≤ 0.5, so no radius is certified at all`;
}

/** The two options of a question on whether the lab's certificate covers a change of its input. */
export const coverOptions = (no: string) => [
  { value: 'covered', label: 'Yes: the change is inside the ball' },
  { value: 'not-covered', label: no },
];

/**
 * The ask of a question on whether the lab's certificate covers a change of its input, of L2
 * length `changeL2(input)`: CERTIFY's answer for the lab's current input and settings, stated with
 * the question as the claims function words it; the reveal is judged on these numbers and this
 * input. The lab's own finished answer is used where it has one (no new job); else CERTIFY runs
 * with the n the question needs (coverQuestionN: at most the lab's n, and far fewer when the lab's
 * n is large), the lab's n0, alpha and seed, and the facts say which n. `data.n`: that n.
 */
export function askLabCertificate(changeL2: (input: Float32Array) => number) {
  return async (_source: AskSource, signal: AbortSignal, lab: LessonLab): Promise<Asked> => {
    const setting = await askLab(lab);
    const input = await inputFor(lab, setting);
    const { sigma, n: labN, alpha } = setting.key.params;
    const own = lab.answerFor(setting.key);
    const n = own ? labN : coverQuestionN(labN, sigma, alpha, changeL2(input));
    const claim = fixedNRunClaim(own ?? (await certifyOn(lab, setting, undefined, n, signal)), {
      sigma,
      n,
      alpha,
    });
    const state =
      n === labN
        ? describeSetting(setting.key)
        : `${describeSetting(setting.key, WITHOUT_N)}; certified here with n = ${n.toLocaleString('en')}, fewer than the lab’s n = ${labN.toLocaleString('en')}, to answer quickly`;
    return {
      facts: (
        <p>
          The lab’s input ({state}):{' '}
          {claim.kind === 'certified'
            ? `certified as class ${claim.prediction} with L2 radius R = ${claim.text.radius}. ${claim.sentence}`
            : `${certificateText(claim)}: the smoothed classifier abstains.`}
        </p>
      ),
      data: { prediction: claim.prediction, radius: claim.radius ?? 0, dim: input.length, n },
      setting,
    };
  };
}

/** Every part of a setting but n (a checkpoint that certifies with its own n states it apart). */
const WITHOUT_N = ALL_PARTS.filter((p) => p !== 'n');

/** Whether the certificate asked about (without one: none) covers a change of L2 length `l2`. */
export function coverOf(asked: Asked | null, l2: number) {
  const { prediction, radius } = asked?.data ?? { prediction: -1, radius: 0 };
  return { prediction: prediction!, radius: radius!, answer: coverVerdict(prediction!, radius!, l2) };
}

/** What the linear-gap question takes from the lab (no model, no input: the classifier is a toy one). */
export const LINEAR_GAP_FACTS: readonly SettingPart[] = ['sigma', 'n', 'alpha', 'seed'];

/** What the cost question takes from the lab (its experiment also uses the input, sigma and seed). */
export const COST_FACTS: readonly SettingPart[] = ['model', 'n0'];

/** What the double-sigma question depends on besides sigma. */
const DOUBLE_SIGMA_FACTS: readonly SettingPart[] = ['input', 'model', 'n', 'n0', 'alpha', 'seed'];

/**
 * The double-sigma reveal from its two CERTIFY runs (at `base` and 2 `base`, n and alpha as asked):
 * the option it came out as and the text, with each run's claim; ABSTAIN is said as such, never
 * written as a radius of 0 or a ratio.
 */
export function doubleSigmaResult(
  base: number,
  a: { prediction: number; pLower: number },
  b: { prediction: number; pLower: number },
  o: { n: number; alpha: number },
) {
  const s1 = base.toFixed(2);
  const s2 = (2 * base).toFixed(2);
  const ca = fixedNRunClaim(a, { ...o, sigma: base });
  const cb = fixedNRunClaim(b, { ...o, sigma: 2 * base });
  const answer = doublingOutcome(ca.radius ?? 0, cb.radius ?? 0);
  const all1 = votesForPLower(a.pLower, o.n, o.alpha) === o.n;
  const all2 = votesForPLower(b.pLower, o.n, o.alpha) === o.n;
  const ceiling = formatPLower(Math.pow(o.alpha, 1 / o.n));
  let reading: string;
  if (ca.kind !== 'certified') {
    reading = `At σ = ${s1} the smoothed classifier abstains: there is no radius to double, so this state has no radius to begin with.`;
  } else if (cb.kind !== 'certified') {
    reading = `At σ = ${s2} it abstains: doubling σ lost the certificate altogether. The radius did not grow; there is none any more (an abstention certifies nothing, it is not a radius of 0).`;
  } else {
    const ratio = floorFixed(cb.radius! / ca.radius!, 2);
    reading = `The radius went from ${ca.text.radius} to ${cb.text.radius}: ${ratio} times.`;
    if (ca.prediction !== cb.prediction)
      reading += ` Note that the certified class changed, from ${ca.prediction} to ${cb.prediction}.`;
    if (all1 && all2)
      reading += ` Every vote agreed at both levels: p_lower sits at its ceiling α^(1/n) = ${ceiling} and R at its ceiling R_max = σ · Φ⁻¹(α^(1/n)), which doubles with σ. That is the ceiling, not a rule: where the votes split, doubling σ does not double R.`;
    else if (all1 || all2)
      reading += ` Every vote agreed at σ = ${all1 ? s1 : s2}, so there p_lower sits at its ceiling α^(1/n) = ${ceiling} and R is the ceiling R_max, not a measure of the digit.`;
  }
  return {
    answer,
    detail: (
      <p>
        At σ = {s1}: {certificateText(ca)}. At σ = {s2}: {certificateText(cb)}. {reading}
      </p>
    ),
  };
}

/** The double-sigma question's facts: its setting (the lab's, or its own example) and the two levels. */
export function doubleSigmaFacts(setting: AskedSetting, base: number) {
  return (
    <p>
      {setting.fromLab ? 'The lab’s current state' : 'This question’s own example'}:{' '}
      {describeSetting(setting.key, DOUBLE_SIGMA_FACTS)}; σ from {base.toFixed(2)} to {(2 * base).toFixed(2)}.
      {setting.fromLab
        ? ''
        : ' “Ask again with the lab’s current settings” asks the same question about the lab’s digit and model.'}
    </p>
  );
}
