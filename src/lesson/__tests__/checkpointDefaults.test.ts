/**
 * Issue #19, case 8: every checkpoint's default state must come out the way that teaches its
 * lesson. Asserted here at the level that runs in Node: the pure decision functions and reveals,
 * with the defaults' numbers. Where the real outcome needs a model, the votes are the real counts
 * measured with the shipped model (the certify CLI's engine: src/engine/worker/votes.ts on the
 * TF.js wasm backend, noise seed 0 as the lab uses it, n0 = 100, n = 1,000, alpha = 0.001), replayed
 * through CERTIFY by a simulated sampler; the double-sigma example is also checked against the
 * shipped certify data (models/certify/mismatch, other seeds).
 */
import { readFileSync } from 'node:fs';
import { isValidElement, type ReactNode } from 'react';
import { def, NO_ABORT } from './checkpointKit';
import { describe, expect, it } from 'vitest';
import { NO_LAB } from './noLab';
import { decodeDigits, digitAsFloats } from '../../data/digits';
import { DEFAULT_MODEL_ID } from '../../models/cards';
import {
  certify,
  clopperPearsonLower,
  maxCertifiableRadius,
  parseTsv,
  type VoteSampler,
} from '../../smoothing';
import { currentRunKey } from '../../store/labSlice';
import { DEFAULT_PARAMS } from '../../store/urlSchema';
import type { AskedSetting } from '../askedSetting';
import { rightAnswers, type Asked } from '../checkpointDef';
import { DOUBLE_SIGMA_EXAMPLE } from '../checkpointExperiments';
import {
  costBucket,
  fixedNRunClaim,
  l2Distance,
  rotateImage,
  uniformShiftL2,
  votesForPLower,
} from '../checkpointMath';
import { CHECKPOINTS, doubleSigmaResult } from '../checkpoints';

/** The text of a reveal's detail (plain React elements and strings). */
function textOf(node: ReactNode): string {
  if (node === null || node === undefined || typeof node === 'boolean') return '';
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join('');
  if (isValidElement<{ children?: ReactNode }>(node)) return textOf(node.props.children);
  return '';
}

/** A sampler that returns counts measured with the real model (one call per stream, as CERTIFY makes). */
function replay(selection: number[], estimation: number[]): VoteSampler {
  return (num, stream) => {
    const counts = stream === 'selection' ? selection : estimation;
    expect(num).toBe(counts.reduce((a, b) => a + b, 0));
    return Promise.resolve(counts);
  };
}

/**
 * Vote counts (classes 0 to 9) measured with cnn-0.25, noise seed 0, n0 = 100, n = 1,000, on the
 * wasm backend in Node: [selection, estimation] per digit and sigma.
 */
const MEASURED = {
  // The lab's default state: every vote agrees at both levels.
  digit0: {
    0.25: [
      [100, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      [1000, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    ],
    0.5: [
      [100, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      [1000, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    ],
  },
  // The double-sigma example, a 6: unanimous at 0.25, split at 0.50.
  digit58: {
    0.25: [
      [0, 0, 0, 0, 0, 0, 100, 0, 0, 0],
      [0, 0, 0, 0, 0, 0, 1000, 0, 0, 0],
    ],
    0.5: [
      [0, 0, 0, 0, 0, 4, 95, 0, 1, 0],
      [0, 0, 0, 1, 0, 23, 972, 0, 4, 0],
    ],
  },
} as const;

const run = (counts: readonly (readonly number[])[], sigma: number) =>
  certify(replay([...counts[0]!], [...counts[1]!]), { n0: 100, n: 1000, alpha: 0.001, sigma });

/** The lab's default state, as a question about the lab asks it (the input: test digit 0's pixels). */
function labDefault(): AskedSetting {
  const set = decodeDigits(new Uint8Array(readFileSync('public/data/mnist-test.bin')));
  return {
    key: currentRunKey({ params: DEFAULT_PARAMS, modelId: DEFAULT_MODEL_ID, drawn: null }),
    input: digitAsFloats(set, DEFAULT_PARAMS.digit),
    fromLab: true,
  };
}

/** The lab's default certificate (test digit 0, cnn-0.25), from the measured counts. */
async function labDefaultCertificate() {
  const r = await run(MEASURED.digit0[0.25], 0.25);
  return fixedNRunClaim(r, { sigma: 0.25, n: 1000, alpha: 0.001 });
}

/** What each checkpoint's default state comes out as (every option that is right). */
const DEFAULT_OUTCOMES: Record<string, () => Promise<readonly string[]>> = {
  'why-linf-shift': async () => {
    const c = await labDefaultCertificate();
    const asked: Asked = { facts: null, data: { prediction: c.prediction, radius: c.radius!, dim: 784 } };
    return rightAnswers((await def('why-linf-shift').reveal(asked, NO_ABORT, NO_LAB)).answer);
  },
  'lab-double-sigma': async () => {
    const a = await run(MEASURED.digit58[0.25], 0.25);
    const b = await run(MEASURED.digit58[0.5], 0.5);
    return rightAnswers(doubleSigmaResult(0.25, a, b, { n: 1000, alpha: 0.001 }).answer);
  },
  'geometry-linear-gap': async () => {
    const { sigma, n, alpha, seed } = DEFAULT_PARAMS;
    const asked: Asked = { facts: null, data: { sigma, n, alpha, seed } };
    return rightAnswers((await def('geometry-linear-gap').reveal(asked, NO_ABORT, NO_LAB)).answer);
  },
  'tradeoff-best-sigma': async () =>
    rightAnswers((await def('tradeoff-best-sigma').reveal(null, NO_ABORT, NO_LAB)).answer),
  // The reveal times the device; the README's benchmark (quiet machine, 2026-12-03) measured the
  // engine at 8,305 samples/s with cnn-0.25 on wasm.
  'limits-cost': () => Promise.resolve([costBucket((DEFAULT_PARAMS.n0 + 100_000) / 8305)]),
  'check-unanimous': async () =>
    rightAnswers((await def('check-unanimous').reveal(null, NO_ABORT, NO_LAB)).answer),
  'check-peeking': async () =>
    rightAnswers((await def('check-peeking').reveal(null, NO_ABORT, NO_LAB)).answer),
  'when-rotation': async () => {
    const c = await labDefaultCertificate();
    const setting = labDefault();
    const asked: Asked = {
      facts: null,
      data: { prediction: c.prediction, radius: c.radius!, dim: 784 },
      setting,
    };
    return rightAnswers((await def('when-rotation').reveal(asked, NO_ABORT, NO_LAB)).answer);
  },
  'summary-alpha': async () =>
    rightAnswers((await def('summary-alpha').reveal(null, NO_ABORT, NO_LAB)).answer),
};

/** The outcome each default must teach. */
const LESSONS: Record<string, readonly string[]> = {
  // 0.03 per pixel is 0.84 in L2: outside the default's ball (R at most R_max = 0.6158).
  'why-linf-shift': ['not-covered'],
  // Doubling sigma does not double R where the votes split.
  'lab-double-sigma': ['grows-less'],
  // The Monte Carlo certificate falls short of the exact distance.
  'geometry-linear-gap': ['smaller'],
  // The best sigma at r = 0.5 is in between: 0.25 in the shipped runs (95.8% of 2,000 digits, against
  // 93.8% at 0.50, 78.6% at 1.00 and none at 0.12, whose ceiling is below 0.5).
  'tradeoff-best-sigma': ['0.25'],
  // A certificate costs n0 + n forward passes: far from free.
  'limits-cost': ['10-60s'],
  // The snippet's plug-in bound reaches 1.
  'check-unanimous': ['infinite'],
  // Peeking at Clopper-Pearson issues far more false certificates than alpha.
  'check-peeking': ['over-15'],
  // A 10-degree rotation is far away in L2.
  'when-rotation': ['not-covered'],
  // A bound is wrong now and then, about a share alpha: "a few", not "none".
  'summary-alpha': ['few'],
};

describe('every checkpoint’s default state teaches its lesson (issue #19, case 8)', () => {
  it('covers every checkpoint', () => {
    const ids = CHECKPOINTS.map((c) => c.id).sort();
    expect(Object.keys(DEFAULT_OUTCOMES).sort()).toEqual(ids);
    expect(Object.keys(LESSONS).sort()).toEqual(ids);
  });

  it('the lab-based questions start from the lab’s default state, which the measured counts are for', () => {
    expect(DEFAULT_MODEL_ID).toBe('cnn-0.25');
    expect(DEFAULT_PARAMS).toMatchObject({ digit: 0, sigma: 0.25, n: 1000, n0: 100, alpha: 0.001, seed: 0 });
  });

  for (const c of CHECKPOINTS) {
    it(`${c.id}: its default comes out as ${LESSONS[c.id]?.join(' and ')}`, async () => {
      expect(await DEFAULT_OUTCOMES[c.id]!()).toEqual(LESSONS[c.id]);
    });
  }

  it('why-linf-shift and when-rotation: outside the default ball whatever the votes (R ≤ R_max)', () => {
    const rMax = maxCertifiableRadius(0.25, 1000, 0.001);
    expect(uniformShiftL2(0.03, 784)).toBeGreaterThan(rMax);
    const x = labDefault().input!;
    expect(l2Distance(x, rotateImage(x, 28, 10))).toBeGreaterThan(rMax);
    // Even at the lab's largest n no certificate reaches the default digit's rotation, so at
    // n = 100,000 the rotation question certifies with CHECKPOINT_MIN_N (e2e/hiddenwork.spec.ts).
    expect(l2Distance(x, rotateImage(x, 28, 10))).toBeGreaterThan(maxCertifiableRadius(0.25, 100_000, 0.001));
  });

  it('lab-double-sigma: the lab’s default (digit 0) would teach "it doubles", at the ceiling; the example does not', async () => {
    // Test digit 0 in the lab's default state: unanimous at both levels, R = R_max, and it doubles.
    const a0 = await run(MEASURED.digit0[0.25], 0.25);
    const b0 = await run(MEASURED.digit0[0.5], 0.5);
    const atCeiling = doubleSigmaResult(0.25, a0, b0, { n: 1000, alpha: 0.001 });
    expect(atCeiling.answer).toBe('doubles');
    expect(textOf(atCeiling.detail)).toContain('Every vote agreed at both levels');
    expect(a0.radius).toBeCloseTo(maxCertifiableRadius(0.25, 1000, 0.001), 12);

    // The question's own example is this state: test digit 58 with cnn-0.25, n = 1,000.
    expect(DOUBLE_SIGMA_EXAMPLE.modelId).toBe('cnn-0.25');
    expect(DOUBLE_SIGMA_EXAMPLE.drawn).toBeNull();
    expect(DOUBLE_SIGMA_EXAMPLE.params).toMatchObject({
      digit: 58,
      sigma: 0.25,
      n: 1000,
      n0: 100,
      alpha: 0.001,
      seed: 0,
    });
    const a = await run(MEASURED.digit58[0.25], 0.25);
    const b = await run(MEASURED.digit58[0.5], 0.5);
    // Unanimous at 0.25 (R = R_max), split at 0.50: p_lower below its ceiling there.
    expect(votesForPLower(a.pLower, 1000, 0.001)).toBe(1000);
    expect(votesForPLower(b.pLower, 1000, 0.001)).toBe(972);
    const r = doubleSigmaResult(0.25, a, b, { n: 1000, alpha: 0.001 });
    expect(r.answer).toBe('grows-less');
    const text = textOf(r.detail);
    expect(text).toContain('At σ = 0.25: class 6, p_lower = 0.993');
    expect(text).toContain('R = 0.6158');
    expect(text).toContain('At σ = 0.50: class 6');
    expect(text).toContain('R = 0.8321');
    expect(text).toContain('1.35 times');
    expect(text).toContain('Every vote agreed at σ = 0.25');
    expect(text).not.toContain('Every vote agreed at both levels');
  });

  it('lab-double-sigma: the shipped certify data (the same digit, other noise seeds) agrees', async () => {
    const table = (sigma: string) =>
      parseTsv(readFileSync(`models/certify/mismatch/cnn-0.25-sigma${sigma}.tsv`, 'utf8'));
    const params = (JSON.parse(readFileSync('models/certify/mismatch.json', 'utf8')) as { params: object })
      .params;
    expect(params).toMatchObject({ n0: 100, n: 1000, alpha: 0.001 });
    const a = table('0.25').find((row) => row.idx === 58)!;
    const b = table('0.50').find((row) => row.idx === 58)!;
    expect(a.predict).toBe(6);
    expect(b.predict).toBe(6);
    // Below the ceiling 1.2316 at 0.50 (at 0.25 it may sit at its ceiling 0.6158), and less than double.
    expect(a.radius).toBeLessThanOrEqual(maxCertifiableRadius(0.25, 1000, 0.001));
    expect(b.radius).toBeLessThan(maxCertifiableRadius(0.5, 1000, 0.001) - 0.01);
    expect(b.radius / a.radius).toBeGreaterThan(1.05);
    expect(b.radius / a.radius).toBeLessThan(1.95);
  });
});

describe('an abstention is never a radius of 0 or a ratio (issue #19, case 3b)', () => {
  const o = { n: 100, alpha: 0.001 };
  const at = (k: number, prediction: number) => ({ prediction, pLower: clopperPearsonLower(k, 100, 0.001) });

  it('certified, then ABSTAIN at twice sigma: "shrinks", said as a lost certificate', () => {
    const r = doubleSigmaResult(0.5, at(97, 1), at(55, -1), o);
    expect(r.answer).toBe('shrinks');
    const text = textOf(r.detail);
    expect(text).toContain('At σ = 1.00: ABSTAIN');
    expect(text).toContain('lost the certificate');
    expect(text).not.toMatch(/R = 0\.0+(?!\d*[1-9])/);
    expect(text).not.toMatch(/times/);
  });

  it('ABSTAIN at sigma: no radius to begin with', () => {
    const r = doubleSigmaResult(0.5, at(40, -1), at(30, -1), o);
    expect(r.answer).toBe('abstains');
    const text = textOf(r.detail);
    expect(text).toContain('At σ = 0.50: ABSTAIN');
    expect(text).toContain('no radius to begin with');
    expect(text).not.toMatch(/R = 0\.0+(?!\d*[1-9])/);
    expect(text).not.toMatch(/times/);
  });

  it('why-linf-shift: an abstention certifies no ball, and no radius is written', async () => {
    const r = await def('why-linf-shift').reveal(
      { facts: null, data: { prediction: -1, radius: 0, dim: 784 } },
      NO_ABORT,
      NO_LAB,
    );
    expect(rightAnswers(r.answer)).toEqual(['not-covered']);
    expect(textOf(r.detail)).toContain('abstained');
    expect(textOf(r.detail)).not.toMatch(/R = 0\.0+(?!\d*[1-9])/);
  });
});

describe('votesForPLower and fixedNRunClaim', () => {
  it('recovers every vote count from its Clopper-Pearson bound', () => {
    for (const n of [1, 10, 100, 1000]) {
      for (let k = 0; k <= n; k += Math.max(1, Math.floor(n / 97)))
        expect(votesForPLower(clopperPearsonLower(k, n, 0.001), n, 0.001)).toBe(k);
      expect(votesForPLower(clopperPearsonLower(n, n, 0.001), n, 0.001)).toBe(n);
    }
  });

  it('gives the fixed-n claim, rounded down, and ABSTAIN as no radius', () => {
    const c = fixedNRunClaim(at982(), { sigma: 0.25, n: 1000, alpha: 0.001 });
    expect(c.kind).toBe('certified');
    expect(c.bound).toBe('fixed-n');
    expect(c.text.radius).toBe('0.4528');
    const abstain = fixedNRunClaim(
      { prediction: -1, pLower: clopperPearsonLower(400, 1000, 0.001) },
      { sigma: 0.25, n: 1000, alpha: 0.001 },
    );
    expect(abstain.kind).toBe('abstain');
    expect(abstain.radius).toBeNull();
    expect(abstain.text.radius).toBe('no radius (ABSTAIN)');
  });
});

function at982() {
  return { prediction: 8, pLower: clopperPearsonLower(982, 1000, 0.001) };
}
