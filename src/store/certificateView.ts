/**
 * What the certificate panel, the histograms and the run status show, derived from one snapshot:
 * the run's own parameters (sigma, n, n0, alpha, seed, digit, model, input) and the counts it made.
 * The sliders' values never enter these numbers; when they differ from the run's, the view is
 * marked stale. Pure: no React, no DOM.
 */
import {
  argmax,
  certifiedRadius,
  claimFor,
  clopperPearsonUpper,
  maxCertifiableRadius,
  type Claim,
  type StopDecision,
} from '../smoothing';
import {
  changedKeys,
  currentRunKey,
  isFinished,
  isRunStale,
  type LabSlice,
  type RunStatus,
  type StopSettings,
} from './labSlice';
import type { Params } from './urlSchema';

export interface CertificateView {
  /** The parameters the counts were made with (the sliders' values before any run). */
  params: Params;
  modelId: string;
  status: RunStatus;
  /** The sliders, model or input differ from the run's and no run for them is going. */
  stale: boolean;
  /** Which settings differ ("sigma", "n", "model", "input", ...), empty unless stale. */
  changed: string[];
  /** The candidate class c_A (top of the selection counts), or -1 before any selection vote. */
  candidate: number;
  /** Estimation votes counted so far (n when the run is done) and the candidate's share n_A. */
  m: number;
  nA: number;
  /** There are counts to bound: a candidate and at least one estimation vote. */
  ready: boolean;
  /** The run has ended (done, or stopped by stop mode): the numbers are final, not provisional. */
  final: boolean;
  /** The run's rule: stop mode's target r, or null for a fixed-n run. */
  stop: number | null;
  /**
   * Why stop mode ended a finished run: r certified, r out of reach (the futility stop), or null
   * (no stop: a fixed-n run, one still going, or one that used all n).
   */
  stopDecision: StopDecision | null;
  /**
   * What may be claimed, from the one claims function: the certificate every panel states (its
   * bound, class, p_lower, radius or ABSTAIN, sentence and label). `pLower` and `radius` below are
   * the Clopper-Pearson numbers at the counts, which the formulas explain.
   */
  claim: Claim;
  pHat: number;
  /**
   * One-sided (1 - alpha) Clopper-Pearson bounds on p_A from n_A of m (NaN unless ready). A
   * certificate only when `claim.bound` is 'fixed-n'.
   */
  pLower: number;
  pUpper: number;
  /** Clopper-Pearson p_lower <= 1/2 at the counts (no Clopper-Pearson radius). */
  abstain: boolean;
  /** sigma * PhiInverse(Clopper-Pearson p_lower), or null when <= 1/2 or not ready (never 0). */
  radius: number | null;
  /** The ceiling sigma * PhiInverse(alpha^(1/n)) of the run's n. */
  rMax: number;
}

export type CertificateSource = Pick<
  LabSlice,
  | 'params'
  | 'modelId'
  | 'drawn'
  | 'run'
  | 'status'
  | 'selectionCounts'
  | 'estimationCounts'
  | 'selectionDone'
  | 'estimationDone'
  | 'outcome'
> &
  StopSettings;

export function deriveCertificate(s: CertificateSource): CertificateView {
  const key = s.run ?? currentRunKey(s);
  const { sigma, n, alpha } = key.params;
  const stale = s.status !== 'running' && isRunStale(s);
  const final = isFinished(s.status) && s.outcome !== null && s.run !== null;
  const candidate = s.selectionDone > 0 && s.run !== null ? argmax(s.selectionCounts) : -1;
  // The counts' own total, which never exceeds the run's own n.
  const m = Math.min(s.estimationDone, n);
  const nA = candidate >= 0 ? Math.min(s.estimationCounts[candidate] ?? 0, m) : 0;
  const ready = candidate >= 0 && m > 0;
  const stop = key.stop;
  const ended = final && s.status === 'stopped' ? s.outcome!.stop : undefined;
  const stopDecision: StopDecision | null = ended ? (ended.unreachable ? 'unreachable' : 'certified') : null;
  const claim = claimFor({
    mode: stop === null ? 'fixed-n' : 'stop-at-r',
    targetRadius: stop ?? undefined,
    plannedN: n,
    samples: m,
    // A run whose answer has not landed is not final, whatever its counts.
    status: isFinished(s.status) && !final ? 'running' : s.status,
    candidate,
    nA,
    alpha,
    sigma,
    ...(stopDecision !== null && { stopDecision }),
  });
  // The Clopper-Pearson bound at the counts, computed once by claimFor: the certificate itself for
  // a complete fixed-n run, else its labelled reference.
  const pLower = !ready ? NaN : claim.bound === 'fixed-n' ? claim.pLower : claim.reference!.pLower;
  const abstain = ready && pLower <= 0.5;
  return {
    params: key.params,
    modelId: key.modelId,
    status: s.status,
    stale,
    changed: stale && s.run ? changedKeys(s.run, currentRunKey(s)) : [],
    candidate,
    m,
    nA,
    ready,
    final,
    stop,
    stopDecision,
    claim,
    pHat: ready ? nA / m : NaN,
    pLower,
    pUpper: ready ? clopperPearsonUpper(nA, m, alpha) : NaN,
    abstain,
    radius: !ready || abstain ? null : certifiedRadius(sigma, pLower),
    rMax: maxCertifiableRadius(sigma, n, alpha),
  };
}

const NAMES: Record<string, string> = {
  sigma: 'σ',
  n: 'n',
  n0: 'n0',
  alpha: 'α',
  seed: 'seed',
  digit: 'test digit',
};

/** "σ = 0.25, n = 1,000": the run's values of the given keys, for the out-of-date notice. */
export function describeRunValues(params: Params, keys: readonly string[]): string {
  return keys
    .filter((k) => k in NAMES)
    .map((k) => {
      const v = params[k as keyof Params];
      const text = k === 'sigma' ? v.toFixed(2) : k === 'alpha' ? String(v) : v.toLocaleString('en');
      return `${NAMES[k]} = ${text}`;
    })
    .join(', ');
}
