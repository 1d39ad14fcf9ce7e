/**
 * What may be claimed about a run: the one place that decides which guarantee the lab states, and
 * writes its sentence, numbers and label. Every panel that states a guarantee (the certificate
 * panel, the result bar, the anytime panel, checkpoints, the Limits view, exports and embeds) asks
 * this function and writes no claim of its own.
 *
 * The rule (docs/ARCHITECTURE.md, "The guarantees the statistics keep"):
 * - The fixed-n Clopper-Pearson certificate (CERTIFY, Cohen et al. 2019, Algorithm 1) is claimed
 *   only for a run that used exactly its planned n with no data-dependent stop: mode fixed-n,
 *   status done, samples = planned n. Its promise is about that one sample count.
 * - Otherwise (a run still sampling, paused, stopped when certified, failed, or any run in stop
 *   mode) the certificate is the anytime-valid one (`confidenceSequenceLower`, Howard et al. 2021),
 *   which holds at every sample count at once and so at any stopping time; or there is none yet.
 *   The Clopper-Pearson value at the current counts may still be shown, as `reference`, labelled as
 *   not a certificate.
 *
 * Every number in the text is rounded toward safety (./safeRound). ABSTAIN is never a radius of 0.
 * Pure: no React, no DOM, no TF.js.
 */
import { ABSTAIN, argmax, certifiedRadius, type CertifyResult } from './certify';
import { confidenceSequenceLower, confidenceSequenceUpper } from './confidenceSequence';
import { ceilFixed, floorPercent, formatPLower, formatRadius } from './safeRound';
import { clopperPearsonLower, normalCdf } from './stats';

/** How a run decides when to end: at its planned n, or as soon as the anytime radius reaches r. */
export type RunMode = 'fixed-n' | 'stop-at-r';

/**
 * Where a run stands. `paused`: stopped by the student before it finished. `stopped`: ended by
 * stop mode, its anytime-valid radius having reached r, or (RunSnapshot.stopDecision
 * 'unreachable') its anytime-valid upper bound having ruled r out. `done`: used every planned sample.
 */
export type ClaimStatus = 'idle' | 'running' | 'paused' | 'stopped' | 'done' | 'error';

/** Why stop mode ended a run: r certified, or r out of reach (the futility stop). */
export type StopDecision = 'certified' | 'unreachable';

/** One run at one moment, as much as a claim depends on. */
export interface RunSnapshot {
  mode: RunMode;
  /** The target radius r of stop mode (ignored in fixed-n mode). */
  targetRadius?: number;
  /** The n fixed before the run (stop mode: the most samples it may use). */
  plannedN: number;
  /** Estimation samples counted so far, m, in [0, plannedN]. */
  samples: number;
  status: ClaimStatus;
  /** The candidate class c_A from the selection votes, or -1 before any. */
  candidate: number;
  /** Votes for the candidate among the m estimation samples, in [0, m]. */
  nA: number;
  /** Failure probability, in (0, 1). */
  alpha: number;
  /** Noise level, > 0, in pixel units. */
  sigma: number;
  /** With status `stopped`: which rule ended the run (absent: r certified). */
  stopDecision?: StopDecision;
}

/** Which promise a claim rests on. */
export type BoundKind = 'fixed-n' | 'anytime';

export interface Claim {
  /**
   * `certified`: a class with a radius. `abstain`: the run is over and certifies no radius.
   * `none`: no certificate yet (no votes, or the bound is not above 1/2 while the run may go on).
   */
  kind: 'certified' | 'abstain' | 'none';
  /** The bound the claim rests on (null before any votes). */
  bound: BoundKind | null;
  /** The certified class, or ABSTAIN (-1) unless certified. */
  prediction: number;
  /** The lower bound on p_A the claim uses (NaN before any votes). */
  pLower: number;
  /** sigma * PhiInverse(pLower) when certified, else null (never 0). */
  radius: number | null;
  /** pLower and radius as text, rounded down ('—' where there is none). */
  text: { pLower: string; radius: string };
  /** A short name for what is shown: "Certificate (fixed n)", "Anytime-valid certificate", ... */
  label: string;
  /** The claim in one or two sentences, with its numbers. */
  sentence: string;
  /** The claim cannot change any more: the run is done or stopped. */
  final: boolean;
  /** Samples the claim is based on (m). */
  samples: number;
  /**
   * The fixed-n Clopper-Pearson value at the current counts, where it is not the certificate, with
   * the words that say so; null where the claim is the fixed-n one, or before any votes.
   */
  reference: { pLower: number; radius: number | null; text: string } | null;
  /**
   * A futility stop only (status `stopped`, decision 'unreachable'): the anytime-valid upper bound
   * on p_A and Phi(r / sigma), the share p_A would need for radius r; p_upper is below it.
   */
  unreachable?: { pUpper: number; needed: number };
}

const int = (v: number) => v.toLocaleString('en');
/** 1 - alpha written exactly (0.999, not 0.9990000000000001). */
export const confidenceText = (alpha: number): string => String(Number((1 - alpha).toPrecision(12)));

/** True when the snapshot is a complete fixed-n run: the one case the Clopper-Pearson claim covers. */
export function fixedNComplete(s: RunSnapshot): boolean {
  return s.mode === 'fixed-n' && s.status === 'done' && s.samples === s.plannedN && s.plannedN > 0;
}

/**
 * The claim of one complete CERTIFY call (fixed n, no data-dependent stop, every estimation vote
 * counted): the Clopper-Pearson certificate on its estimation votes, candidate = the selection
 * votes' argmax as CERTIFY picks it. For views that run CERTIFY to the end (geometry, checkpoints).
 */
export function certifyResultClaim(r: CertifyResult, o: { alpha: number; sigma: number }): Claim {
  const n = r.estimationCounts.reduce((a, b) => a + b, 0);
  const candidate = argmax(r.selectionCounts);
  return claimFor({
    mode: 'fixed-n',
    status: 'done',
    samples: n,
    plannedN: n,
    candidate,
    nA: r.estimationCounts[candidate] ?? 0,
    alpha: o.alpha,
    sigma: o.sigma,
  });
}

/**
 * What a finished fixed-n CERTIFY promises about a true distance d to the smoothed classifier's
 * boundary, for panels that know d (the geometry view): its radius R is at most d except with
 * probability alpha, the chance that Clopper-Pearson's p_lower overshoots p_A (Cohen et al. 2019,
 * Proposition 2). `failure`: "except with probability α = 0.001"; `success`: "probability
 * 1 − α = 0.999".
 */
export function certifyVersusDistance(alpha: number): { failure: string; success: string } {
  return {
    failure: `except with probability α = ${String(alpha)}`,
    success: `probability 1 − α = ${confidenceText(alpha)}`,
  };
}

/**
 * CERTIFY's promise over repeated runs, as every coverage count states it (Cohen et al. 2019; the
 * Clopper-Pearson bound): with n fixed before the votes are seen and p_lower read once, p_lower lies
 * above the true p_A in at most a share alpha of runs, whatever p_A. Reading a fixed-n bound while
 * the votes arrive voids it (the stop-at-r rule above). `alpha` null writes the symbol alone.
 */
export function certifyCoverage(alpha: number | null): {
  promise: string;
  perRun: string;
  runs: string;
} {
  const share = alpha === null ? 'α' : `α = ${+(100 * alpha).toPrecision(3)}%`;
  return {
    promise: `at most ${share}`,
    perRun: `A correct (1 − α) bound, with n fixed in advance and read once, fails with probability at most ${share} in each run.`,
    runs: `at most ${share} of runs (n fixed in advance, p_lower read once)`,
  };
}

/** What a coverage case (a simulated classifier with known p_A, certified with n votes) can show. */
export interface CaseNumbers {
  /** p_A^n: the chance that all n of the snippet's votes go to class A (then its p_lower is 1). */
  unanimous: number;
  /** alpha^(1/n): CERTIFY's largest possible p_lower with n votes, reached when all agree. */
  certifyMax: number;
  /** Whether CERTIFY's p_lower can exceed p_A at all (certifyMax > p_A). */
  certifyCanOvershoot: boolean;
}

/**
 * The two numbers that decide what a case can show: how often the lesson snippet's votes are
 * unanimous (each such run is a failure, since its p_lower = 1 > p_A), and the most CERTIFY's
 * Clopper-Pearson p_lower can be.
 */
export function caseNumbers(pA: number, n: number, alpha: number): CaseNumbers {
  const certifyMax = Math.pow(alpha, 1 / n);
  return { unanimous: Math.pow(pA, n), certifyMax, certifyCanOvershoot: certifyMax > pA };
}

/**
 * The coverage case's claims, with the numbers they depend on: `snippet`, the least share of runs in
 * which the lesson's snippet must fail (its unanimous runs, rounded down); `certify`, whether
 * CERTIFY can overshoot at all here (alpha^(1/n), rounded up, against p_A) and how often it may;
 * `rare`, a warning when unanimous runs are too rare (under 0.1%) for the experiment to show the
 * snippet's flaw, else null.
 */
export function coverageCaseClaims(
  pA: number,
  n: number,
  alpha: number,
): { snippet: string; certify: string; rare: string | null } {
  const c = caseNumbers(pA, n, alpha);
  const nText = n.toLocaleString('en');
  const unanimous = c.unanimous >= 0.001 ? `= ${floorPercent(c.unanimous, 1)}` : '(under 0.1%)';
  const ceiling = `α^(1/n) = ${String(alpha)}^(1/${String(n)}) = ${ceilFixed(c.certifyMax, 4)}`;
  return {
    snippet:
      `With p_A = ${String(pA)} and n = ${nText}, all ${nText} of the snippet's votes agree with probability ` +
      `${String(pA)}^${String(n)} ${unanimous}; then its p_lower is 1, above p_A = ${String(pA)}, a failure ` +
      'whatever α. So the snippet fails in at least that share of runs.',
    certify: c.certifyCanOvershoot
      ? `CERTIFY's p_lower can reach ${ceiling}, above p_A = ${String(pA)}, so it can overshoot; a correct ` +
        `bound does so in ${certifyCoverage(alpha).runs}.`
      : `CERTIFY's p_lower is at most ${ceiling} even when every vote agrees, below p_A = ${String(pA)}, so ` +
        'it cannot overshoot here.',
    rare:
      c.unanimous < 0.001
        ? 'Unanimous votes are too rare here to show the p_lower = 1 flaw; the plug-in quantile may then ' +
          'fail about as often as α, and the two methods can be hard to tell apart.'
        : null,
  };
}

/** The lab's claim for one run snapshot (see the module comment for the rule). */
export function claimFor(s: RunSnapshot): Claim {
  const m = Math.max(0, Math.min(Math.floor(s.samples), s.plannedN));
  const nA = Math.max(0, Math.min(Math.floor(s.nA), m));
  const final = s.status === 'done' || s.status === 'stopped';
  if (s.candidate < 0 || m === 0) {
    return {
      kind: 'none',
      bound: null,
      prediction: ABSTAIN,
      pLower: NaN,
      radius: null,
      text: { pLower: '—', radius: '—' },
      label: 'No certificate yet',
      sentence: 'No certificate yet: it appears with the first estimation votes.',
      final,
      samples: m,
      reference: null,
    };
  }
  if (fixedNComplete(s)) {
    const pLower = clopperPearsonLower(nA, m, s.alpha);
    const base = { bound: 'fixed-n' as const, pLower, final: true, samples: m, reference: null };
    if (pLower <= 0.5) {
      return {
        ...base,
        kind: 'abstain',
        prediction: ABSTAIN,
        radius: null,
        text: { pLower: formatPLower(pLower), radius: 'no radius (ABSTAIN)' },
        label: `ABSTAIN (fixed n = ${int(m)})`,
        sentence: `ABSTAIN: p_lower = ${formatPLower(pLower)} ≤ 0.5, so class ${s.candidate} has no clear majority under this noise. CERTIFY certifies no radius at all rather than guess.`,
      };
    }
    return certified(
      s,
      base,
      `Certificate (fixed n = ${int(m)})`,
      `Clopper-Pearson bound at the planned n = ${int(m)}`,
    );
  }

  // Every other state: the anytime-valid bound is the certificate.
  const pLower = confidenceSequenceLower(nA, m, s.alpha);
  const cp = clopperPearsonLower(nA, m, s.alpha);
  const cpRadius = cp > 0.5 ? certifiedRadius(s.sigma, cp) : null;
  const reference = {
    pLower: cp,
    radius: cpRadius,
    text: `Not a certificate: the Clopper-Pearson bound at these counts (p_lower ${formatPLower(cp)}${cpRadius === null ? ', no radius' : `, R ${formatRadius(cpRadius)}`}) would be valid had n been fixed at ${int(m)} before the run.`,
  };
  const base = { bound: 'anytime' as const, pLower, final, samples: m, reference };
  if (s.status === 'stopped' && s.stopDecision === 'unreachable') return unreachableClaim(s, nA, base);
  const when =
    s.status === 'running'
      ? `at ${int(m)} of ${int(s.plannedN)} samples; it holds whenever the run stops`
      : s.status === 'stopped'
        ? `at ${int(m)} samples, where stop mode ended the run`
        : s.status === 'done'
          ? `at all ${int(m)} samples; it holds at any stopping time`
          : `at ${int(m)} of ${int(s.plannedN)} samples; it holds wherever the run stopped`;
  if (pLower <= 0.5) {
    const abstain = final;
    return {
      ...base,
      kind: abstain ? 'abstain' : 'none',
      prediction: ABSTAIN,
      radius: null,
      text: { pLower: formatPLower(pLower), radius: abstain ? 'no radius (ABSTAIN)' : 'none yet' },
      label: abstain ? 'ABSTAIN (anytime-valid)' : 'No certificate yet',
      sentence: abstain
        ? `ABSTAIN: the anytime-valid p_lower = ${formatPLower(pLower)} ≤ 0.5 ${when}, so no radius is certified.`
        : `No certificate yet: the anytime-valid p_lower = ${formatPLower(pLower)} ≤ 0.5 ${when.replace(/; .*$/, '')}.`,
    };
  }
  return certified(s, base, 'Anytime-valid certificate', `anytime-valid bound ${when}`);
}

/** A certified claim on `base.pLower` (> 1/2): the class, its radius and the one guarantee sentence. */
function certified(
  s: RunSnapshot,
  base: Pick<Claim, 'bound' | 'pLower' | 'final' | 'samples' | 'reference'>,
  label: string,
  which: string,
): Claim {
  const radius = certifiedRadius(s.sigma, base.pLower);
  return {
    ...base,
    kind: 'certified',
    prediction: s.candidate,
    radius,
    text: { pLower: formatPLower(base.pLower), radius: formatRadius(radius) },
    label,
    sentence: `With probability at least 1 − α = ${confidenceText(s.alpha)}, the smoothed classifier returns ${s.candidate} for every input within L2 distance ${formatRadius(radius)} of this one (${which}).`,
  };
}

/**
 * The claim after a futility stop: r is out of reach, at level alpha; no radius >= r and no
 * Clopper-Pearson sentence. The anytime-valid lower bound (below r here) is stated beside it where
 * above 1/2: each at level alpha on its own, both together at 2 alpha (a union bound).
 */
function unreachableClaim(
  s: RunSnapshot,
  nA: number,
  base: Pick<Claim, 'bound' | 'pLower' | 'final' | 'samples' | 'reference'>,
): Claim {
  const [m, r, conf] = [base.samples, s.targetRadius ?? NaN, confidenceText(s.alpha)];
  const pUpper = confidenceSequenceUpper(nA, m, s.alpha);
  const needed = normalCdf(r / s.sigma);
  const some = base.pLower > 0.5;
  const radius = some ? certifiedRadius(s.sigma, base.pLower) : null;
  const text = {
    pLower: formatPLower(base.pLower),
    radius: radius === null ? 'no radius (ABSTAIN)' : formatRadius(radius),
  };
  const beside = some
    ? `Separately, with probability at least 1 − α = ${conf} on its own, the smoothed classifier returns ${s.candidate} for every input within L2 distance ${text.radius} (< r) of this one (anytime-valid bound at ${int(m)} samples); both statements hold together with probability at least 1 − 2α = ${confidenceText(2 * s.alpha)}.`
    : `The anytime-valid p_lower = ${text.pLower} ≤ 0.5 certifies no smaller radius either.`;
  return {
    ...base,
    kind: some ? 'certified' : 'abstain',
    prediction: some ? s.candidate : ABSTAIN,
    radius,
    text,
    label: 'r out of reach (anytime-valid)',
    unreachable: { pUpper, needed },
    sentence: `Stopped at ${int(m)} samples because r = ${String(r)} cannot be reached: the anytime-valid upper bound p_upper = ${ceilFixed(pUpper, 6)} gives σ·Φ⁻¹(p_upper) < r. With probability at least 1 − α = ${conf} (anytime-valid, so valid at this data-dependent stop), p_A < Φ(r/σ) = ${ceilFixed(needed, 6)}, so even with p_A known exactly, the certified radius σ·Φ⁻¹(p_A) would be below r = ${String(r)}: no number of samples can certify r here (the smoothed classifier may still be robust that far; the certificate cannot show it). Nothing is certified at r. ${beside}`,
  };
}
