import { describe, expect, it } from 'vitest';
import {
  certifyVersusDistance,
  certifyCoverage,
  caseNumbers,
  coverageCaseClaims,
  ABSTAIN,
  certifiedRadius,
  certifyResultClaim,
  claimFor,
  clopperPearsonLower,
  confidenceSequenceLower,
  confidenceSequenceUpper,
  normalCdf,
  type ClaimStatus,
  type RunSnapshot,
} from '../index';
import { makeRng } from '../../bounds/__tests__/helpers';

const STATUSES: ClaimStatus[] = ['idle', 'running', 'paused', 'stopped', 'done', 'error'];
const ALPHAS = [0.1, 0.05, 0.01, 0.001, 0.0001];

/** A random snapshot: often complete, often unanimous, sometimes empty. */
function randomSnapshot(rng: () => number): RunSnapshot {
  const plannedN = [1, 10, 100, 648, 1000, 10_000, 100_000][Math.floor(rng() * 7)]!;
  const u = rng();
  const samples = u < 0.3 ? plannedN : u < 0.4 ? 0 : Math.floor(rng() * (plannedN + 1));
  const p = rng();
  const nA = rng() < 0.2 ? samples : Math.floor(p * (samples + 1));
  return {
    mode: rng() < 0.5 ? 'fixed-n' : 'stop-at-r',
    targetRadius: 0.5,
    plannedN,
    samples,
    status: STATUSES[Math.floor(rng() * STATUSES.length)]!,
    candidate: rng() < 0.05 ? -1 : Math.floor(rng() * 10),
    nA,
    alpha: ALPHAS[Math.floor(rng() * ALPHAS.length)]!,
    sigma: [0.12, 0.25, 0.3, 0.5, 1][Math.floor(rng() * 5)]!,
  };
}

/** The bound the data allow for a snapshot: Clopper-Pearson only for a complete fixed-n run. */
function validBound(s: RunSnapshot): number {
  if (s.candidate < 0 || s.samples === 0) return NaN;
  const complete = s.mode === 'fixed-n' && s.status === 'done' && s.samples === s.plannedN;
  return complete
    ? clopperPearsonLower(s.nA, s.samples, s.alpha)
    : confidenceSequenceLower(s.nA, s.samples, s.alpha);
}

describe('claimFor', () => {
  it('claims Clopper-Pearson only after exactly the planned n of a fixed-n run', () => {
    const base: RunSnapshot = {
      mode: 'fixed-n',
      plannedN: 10_000,
      samples: 10_000,
      status: 'done',
      candidate: 0,
      nA: 9_990,
      alpha: 0.001,
      sigma: 0.25,
    };
    const done = claimFor(base);
    expect(done.bound).toBe('fixed-n');
    expect(done.pLower).toBe(clopperPearsonLower(9_990, 10_000, 0.001));
    expect(done.sentence).toMatch(/^With probability at least 1 − α = 0\.999,/);
    expect(done.sentence).toContain('planned n = 10,000');
    expect(done.final).toBe(true);
    expect(done.reference).toBeNull();
    for (const s of [
      { ...base, samples: 4_000, nA: 3_996, status: 'paused' as const },
      { ...base, samples: 4_000, nA: 3_996, status: 'running' as const },
      { ...base, mode: 'stop-at-r' as const, samples: 648, nA: 648, status: 'stopped' as const },
      { ...base, mode: 'stop-at-r' as const }, // ran the whole n under a data-dependent rule
      { ...base, status: 'error' as const },
    ]) {
      const c = claimFor(s);
      expect(c.bound).toBe('anytime');
      expect(c.pLower).toBe(confidenceSequenceLower(s.nA, s.samples, 0.001));
      expect(c.reference?.text).toMatch(
        /^Not a certificate: .* would be valid had n been fixed at [\d,]+ before the run\.$/,
      );
      expect(c.sentence).toContain('anytime-valid');
    }
  });

  it('the issue cases: a stop at 648 samples and a pause at 4,000 state the anytime-valid radius only', () => {
    const stop = claimFor({
      mode: 'stop-at-r',
      targetRadius: 0.5,
      plannedN: 10_000,
      samples: 648,
      status: 'stopped',
      candidate: 0,
      nA: 648,
      alpha: 0.001,
      sigma: 0.25,
    });
    const anytime = certifiedRadius(0.25, confidenceSequenceLower(648, 648, 0.001));
    expect(stop.radius).toBe(anytime);
    expect(stop.sentence).toContain(stop.text.radius);
    expect(Number(stop.text.radius)).toBeLessThanOrEqual(anytime);
    // The Clopper-Pearson radius at 648 (larger) is never the claim, only the labelled reference.
    const cp = certifiedRadius(0.25, clopperPearsonLower(648, 648, 0.001));
    expect(cp).toBeGreaterThan(anytime);
    expect(stop.sentence).not.toContain(cp.toFixed(4));
    expect(stop.reference!.radius).toBe(cp);
  });

  it('never shows ABSTAIN as a radius of zero', () => {
    const over = claimFor({
      mode: 'fixed-n',
      plannedN: 100,
      samples: 100,
      status: 'done',
      candidate: 4,
      nA: 50,
      alpha: 0.001,
      sigma: 0.5,
    });
    expect(over.kind).toBe('abstain');
    expect(over.radius).toBeNull();
    expect(over.prediction).toBe(ABSTAIN);
    expect(over.text.radius).not.toMatch(/^0(\.0+)?$/);
    const midRun = claimFor({
      mode: 'fixed-n',
      plannedN: 100_000,
      samples: 20,
      status: 'running',
      candidate: 4,
      nA: 12,
      alpha: 0.001,
      sigma: 0.5,
    });
    expect(midRun.kind).toBe('none');
    expect(midRun.label).toBe('No certificate yet');
    expect(midRun.text.radius).toBe('none yet');
  });

  it('no claim exceeds the valid bound, over 5,000 random snapshots', () => {
    const rng = makeRng(2019);
    let certified = 0;
    for (let i = 0; i < 5_000; i++) {
      const s = randomSnapshot(rng);
      const c = claimFor(s);
      const valid = validBound(s);
      if (Number.isNaN(valid)) {
        expect(c.kind).toBe('none');
        expect(c.radius).toBeNull();
        continue;
      }
      // The bound used is exactly the valid one; its text never above it.
      expect(c.pLower).toBe(valid);
      expect(Number(c.text.pLower)).toBeLessThanOrEqual(valid);
      if (valid <= 0.5) {
        expect(c.kind).not.toBe('certified');
        expect(c.radius).toBeNull();
        expect(c.prediction).toBe(ABSTAIN);
      } else {
        certified++;
        const r = certifiedRadius(s.sigma, valid);
        expect(c.kind).toBe('certified');
        expect(c.prediction).toBe(s.candidate);
        expect(c.radius).toBe(r);
        expect(Number(c.text.radius)).toBeLessThanOrEqual(r);
        expect(Number(c.text.radius)).toBeGreaterThan(r - 1e-4);
        expect(c.sentence).toContain(`within L2 distance ${c.text.radius} `);
      }
      // The fixed-n sentence only where the fixed-n promise holds.
      const complete = s.mode === 'fixed-n' && s.status === 'done' && s.samples === s.plannedN;
      expect(c.bound === 'fixed-n').toBe(complete);
      if (!complete) expect(c.sentence).not.toContain('Clopper-Pearson');
      expect(c.final).toBe(s.status === 'done' || s.status === 'stopped');
    }
    expect(certified).toBeGreaterThan(1_000); // the property was exercised where it matters
  });
});

describe('certifyResultClaim (a complete CERTIFY call)', () => {
  it('claims the Clopper-Pearson certificate on the estimation votes of the selection argmax', () => {
    const r = { prediction: 1, radius: 0, pLower: 0, selectionCounts: [3, 97], estimationCounts: [40, 960] };
    const c = certifyResultClaim(r, { alpha: 0.07, sigma: 0.5 });
    const pLower = clopperPearsonLower(960, 1000, 0.07);
    expect(c.kind).toBe('certified');
    expect(c.bound).toBe('fixed-n');
    expect(c.prediction).toBe(1);
    expect(c.pLower).toBe(pLower);
    expect(c.radius).toBe(certifiedRadius(0.5, pLower));
    // 1 - 0.07 is 0.9299999999999999 in floating point: the sentence writes 0.93.
    expect(c.sentence).toContain('1 − α = 0.93,');
  });

  it('abstains, with no radius, when the candidate has no clear majority', () => {
    const r = {
      prediction: ABSTAIN,
      radius: 0,
      pLower: 0,
      selectionCounts: [50, 50],
      estimationCounts: [510, 490],
    };
    const c = certifyResultClaim(r, { alpha: 0.001, sigma: 0.25 });
    expect(c.kind).toBe('abstain');
    expect(c.radius).toBeNull();
    expect(c.prediction).toBe(ABSTAIN);
  });
});

describe('certifyVersusDistance: what CERTIFY promises against a known distance, worded once', () => {
  it('names alpha and 1 - alpha exactly (no binary float residue)', () => {
    expect(certifyVersusDistance(0.07)).toEqual({
      failure: 'except with probability α = 0.07',
      success: 'probability 1 − α = 0.93',
    });
    expect(certifyVersusDistance(0.001).success).toBe('probability 1 − α = 0.999');
  });
});

describe('certifyCoverage: the coverage promise, worded once for every count of failures', () => {
  it('states a share alpha of runs, for a fixed n read once, with alpha as a percentage or the symbol', () => {
    const c = certifyCoverage(0.001);
    expect(c.promise).toBe('at most α = 0.1%');
    expect(c.runs).toBe('at most α = 0.1% of runs (n fixed in advance, p_lower read once)');
    expect(certifyCoverage(0.07).promise).toBe('at most α = 7%');
    expect(certifyCoverage(null).perRun).toBe(
      'A correct (1 − α) bound, with n fixed in advance and read once, fails with probability at most α in each run.',
    );
  });
});

describe('coverageCaseClaims: what a coverage case can show, with its numbers rounded toward safety', () => {
  it('p_A = 0.99, n = 100: the snippet fails in at least 36.6% of runs; CERTIFY cannot overshoot', () => {
    const c = coverageCaseClaims(0.99, 100, 0.01);
    // 0.99^100 = 0.36603: a floor on the snippet's failures, so rounded down.
    expect(c.snippet).toContain('probability 0.99^100 = 36.6%; then its p_lower is 1');
    expect(c.snippet).toContain('fails in at least that share of runs');
    // 0.01^(1/100) = 0.954993: CERTIFY's ceiling, so rounded up.
    expect(c.certify).toBe(
      "CERTIFY's p_lower is at most α^(1/n) = 0.01^(1/100) = 0.9550 even when every vote agrees, below p_A = 0.99, so it cannot overshoot here.",
    );
    expect(c.rare).toBeNull();
  });

  it('p_A = 0.7, n = 1,000: no unanimous runs to show, CERTIFY may overshoot at the promised rate', () => {
    const c = coverageCaseClaims(0.7, 1000, 0.01);
    expect(c.snippet).toContain('all 1,000 of the snippet');
    expect(c.snippet).toContain('0.7^1000 (under 0.1%)');
    expect(c.certify).toContain(
      'so it can overshoot; a correct bound does so in ' + certifyCoverage(0.01).runs,
    );
    expect(c.rare).toContain('too rare here to show the p_lower = 1 flaw');
  });

  it('caseNumbers: p_A^n and alpha^(1/n)', () => {
    const k = caseNumbers(0.9, 10, 0.001);
    expect(k.unanimous).toBeCloseTo(0.348678, 6);
    expect(k.certifyMax).toBeCloseTo(Math.pow(0.001, 0.1), 12);
    expect(k.certifyCanOvershoot).toBe(k.certifyMax > 0.9);
  });
});

describe('claimFor in stop mode: the two decisions, stated once', () => {
  const base: RunSnapshot = {
    mode: 'stop-at-r',
    targetRadius: 0.5,
    plannedN: 10_000,
    samples: 500,
    status: 'stopped',
    candidate: 3,
    nA: 400,
    alpha: 0.001,
    sigma: 0.25,
  };

  it('a certified stop claims the anytime-valid radius and says nothing of futility', () => {
    const c = claimFor({ ...base, nA: 500, stopDecision: 'certified' });
    expect(c.kind).toBe('certified');
    expect(c.bound).toBe('anytime');
    expect(c.sentence).toContain('where stop mode ended the run');
    expect(c.sentence).not.toContain('cannot be reached');
    expect(c.unreachable).toBeUndefined();
    expect(claimFor({ ...base, nA: 500 })).toEqual(c); // no decision given: a certified stop
  });

  it('a futility stop says r cannot be reached, at level alpha, valid at the stop, and claims nothing at r', () => {
    const c = claimFor({ ...base, stopDecision: 'unreachable' });
    const pUpper = confidenceSequenceUpper(400, 500, 0.001);
    expect(c.unreachable).toEqual({ pUpper, needed: normalCdf(0.5 / 0.25) });
    expect(pUpper).toBeLessThan(c.unreachable!.needed);
    expect(c.final).toBe(true);
    expect(c.label).toBe('r out of reach (anytime-valid)');
    expect(c.sentence).toMatch(/^Stopped at 500 samples because r = 0\.5 cannot be reached/);
    expect(c.sentence).toContain(
      'With probability at least 1 − α = 0.999 (anytime-valid, so valid at this data-dependent stop), p_A < Φ(r/σ) = 0.977250',
    );
    // The certificate with p_A known exactly is below r; the classifier's true robustness radius may
    // still be larger (the bound is not tight for every classifier), so nothing is said about it.
    expect(c.sentence).toContain('the certified radius σ·Φ⁻¹(p_A) would be below r = 0.5');
    expect(c.sentence).toContain('may still be robust that far');
    expect(c.sentence).not.toContain('true radius');
    expect(c.sentence).toContain('Nothing is certified at r.');
    // p_upper rounded up, never down.
    expect(Number(/p_upper = ([\d.]+)/.exec(c.sentence)![1])).toBeGreaterThanOrEqual(pUpper);
    // No Clopper-Pearson sentence, and no radius at or above r.
    expect(c.sentence).not.toContain('Clopper-Pearson');
    expect(c.radius).not.toBeNull();
    expect(c.radius!).toBeLessThan(0.5);
    expect(c.radius).toBe(certifiedRadius(0.25, confidenceSequenceLower(400, 500, 0.001)));
    // The smaller anytime radius beside it: each statement at alpha on its own, together at 2 alpha.
    expect(c.sentence).toContain(`within L2 distance ${c.text.radius} (< r)`);
    expect(c.sentence).toContain('on its own');
    expect(c.sentence).toContain('1 − 2α = 0.998');
  });

  it('a futility stop without a majority abstains and states no radius at all', () => {
    const c = claimFor({ ...base, nA: 250, stopDecision: 'unreachable' });
    expect(c.kind).toBe('abstain');
    expect(c.prediction).toBe(ABSTAIN);
    expect(c.radius).toBeNull();
    expect(c.sentence).toContain('cannot be reached');
    expect(c.sentence).toContain('certifies no smaller radius either');
    expect(c.sentence).not.toContain('within L2 distance');
  });

  it('a run that used all n without either decision, and a paused one, state no decision', () => {
    const ran = claimFor({ ...base, samples: 10_000, nA: 9_000, status: 'done' });
    expect(ran.bound).toBe('anytime');
    expect(ran.final).toBe(true);
    expect(ran.sentence).toContain('at all 10,000 samples; it holds at any stopping time');
    const paused = claimFor({ ...base, status: 'paused', stopDecision: 'unreachable' });
    expect(paused.final).toBe(false);
    expect(paused.sentence).toContain('wherever the run stopped');
    for (const c of [ran, paused, claimFor({ ...base, status: 'running' })]) {
      expect(c.sentence).not.toContain('cannot be reached');
      expect(c.unreachable).toBeUndefined();
    }
  });
});
