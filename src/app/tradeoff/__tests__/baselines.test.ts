import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TARGET_RADIUS } from '../../../models/shippedRun';
import { certifiedAccuracy, parseTsv, type CertifyRow } from '../../../smoothing';
import { BASELINE_DASH, gaussianBaselineCurves } from '../curves';

/** The ablation TSVs as the app loads them: keyed by file name without extension. */
function ablationRuns(): Record<string, CertifyRow[]> {
  const dir = 'models/certify/ablation';
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith('.tsv'))
      .map((f) => [f.replace(/\.tsv$/, ''), parseTsv(readFileSync(`${dir}/${f}`, 'utf8'), f)]),
  );
}

const row = (idx: number, radius: number): CertifyRow => ({
  idx,
  label: 1,
  predict: radius > 0 ? 1 : -1,
  radius,
  correct: radius > 0,
  time: 0,
});

describe('our Gaussian baselines in the trade-off view (#20)', () => {
  const radii = [0, 0.5, 1, 1.5];

  it('draws, at each target sigma, the Gaussian ablation model that certifies more at its target radius', () => {
    const runs = ablationRuns();
    const curves = gaussianBaselineCurves(runs, radii);
    expect(curves.map((c) => c.key)).toEqual(['baseline-0.25', 'baseline-0.50', 'baseline-1.00']);
    for (const c of curves) {
      const s = c.key.slice('baseline-'.length);
      const at = (v: string) =>
        certifiedAccuracy(runs[`cnn-${s}-gauss-${v}-sigma${s}`]!, [TARGET_RADIUS[s]!])[0]!;
      const chosen = at('aug') > at('plain') ? 'aug' : 'plain';
      expect(c.source).toContain(`model cnn-${s}-gauss-${chosen} (Gaussian noise, `);
      expect(c.values).toEqual(certifiedAccuracy(runs[`cnn-${s}-gauss-${chosen}-sigma${s}`]!, radii));
      expect(c.source).toContain('200 digits; n0 100; n 10000; alpha 0.001; seed 0');
      expect(c.dash).toBe(BASELINE_DASH);
      expect(c.label).toBe(`our Gaussian σ = ${s}`);
    }
  });

  it('keeps the model without shifts on a tie, and draws nothing where the ablation has no Gaussian run', () => {
    const same = [row(0, 0.6), row(1, 0)];
    const curves = gaussianBaselineCurves(
      { 'cnn-0.25-gauss-plain-sigma0.25': same, 'cnn-0.25-gauss-aug-sigma0.25': same },
      radii,
    );
    expect(curves).toHaveLength(1);
    expect(curves[0]!.source).toContain('cnn-0.25-gauss-plain (Gaussian noise, no shifts or rotations)');
    expect(gaussianBaselineCurves({}, radii)).toEqual([]);
  });

  it('prefers the augmented model when it certifies more at the target radius', () => {
    const curves = gaussianBaselineCurves(
      {
        'cnn-0.50-gauss-plain-sigma0.50': [row(0, 0.9), row(1, 0.9)],
        'cnn-0.50-gauss-aug-sigma0.50': [row(0, 1.2), row(1, 0.9)],
      },
      radii,
    );
    expect(curves[0]!.source).toContain('cnn-0.50-gauss-aug (Gaussian noise, with shifts and rotations)');
    expect(curves[0]!.values).toEqual([1, 1, 0.5, 0]);
  });
});
