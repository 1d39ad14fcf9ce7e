import { describe, expect, it } from 'vitest';
import { SHIPPED_RUN } from '../../../models/shippedRun';
import { PUBLISHED } from '../../../models/published';
import { maxCertifiableRadius } from '../../../smoothing';
import { chartRadii } from '../curves';
import { curvesCsv, wrapText } from '../download';
import { publishedChartCurves, publishedNotes, publishedSource, type OurSide } from '../published';

const ours: OurSide = {
  arch: 'cnn',
  trainDigits: 8000,
  epochs: 8,
  shippedTestDigits: 2000,
  count: 100,
  n: 1000,
  alpha: 0.001,
  shipped: { digits: 200, n: 10_000, alpha: 0.001, trainDigits: 8000 },
};

describe('the published curves in the trade-off view', () => {
  it('are drawn dashed in two patterns, labelled with method, sigma and "published"', () => {
    const curves = publishedChartCurves(chartRadii(1000, 0.001, [SHIPPED_RUN], true));
    expect(curves.map((c) => c.label)).toEqual([
      'Gaussian σ = 0.25 (published)',
      'Gaussian σ = 0.50 (published)',
      'Gaussian σ = 1.00 (published)',
      'Consistency σ = 0.25 (published)',
      'Consistency σ = 0.50 (published)',
      'Consistency σ = 1.00 (published)',
    ]);
    expect(curves.every((c) => c.dashed)).toBe(true);
    expect(new Set(curves.map((c) => c.dash!.join(' '))).size).toBe(2);
  });

  it('widen the chart to their last radius, and sample the stored grid exactly', () => {
    const radii = chartRadii(1000, 0.001, [SHIPPED_RUN], true);
    expect(radii.at(-1)).toBe(4);
    expect(chartRadii(1000, 0.001, [SHIPPED_RUN]).at(-1)).toBeLessThan(4);
    const [g50] = publishedChartCurves(radii, [PUBLISHED[1]!]);
    expect(g50!.values[radii.indexOf(1)]).toBe(PUBLISHED[1]!.accuracy[100]);
    expect(g50!.values.at(-1)).toBe(0);
  });

  it('go into the CSV with their provenance in the column names', () => {
    const radii = [0, 0.5, 1, 1.5];
    const csv = curvesCsv(radii, publishedChartCurves(radii)).split('\r\n');
    const header = csv[0]!;
    expect(header.startsWith('radius,"Gaussian σ = 0.25 (published) (Gaussian augmentation (Cohen')).toBe(
      true,
    );
    for (const part of [
      'Cohen, Rosenfeld & Kolter 2019',
      'consistency regularisation (Jeong & Shin 2020) m 2 lambda 10 eta 0.5',
      'LeNet trained on 60000 digits',
      '10000 test digits',
      'mean of 5 runs',
      'n0 100; N 100000; alpha 0.001',
      'github.com/jh-jeong/smoothing-consistency data/certify/mnist/cohen',
      'data/certify/mnist/consistency/cohen/num_2/lbd_5.0/eta_0.5',
    ])
      expect(header).toContain(part);
    // One column per curve; a name with a comma is quoted.
    expect(header.match(/\(published\) \(/g)).toHaveLength(6);
    expect(
      header.match(/"Gaussian σ = [\d.]+ \(published\) \(Gaussian augmentation \(Cohen, Rosenfeld/g),
    ).toHaveLength(3);
    // r = 1.0: Gaussian sigma 0.5, 89.8% in the paper; r = 1.5: consistency sigma 1, 63.5%.
    const cells = (r: number) => csv[radii.indexOf(r) + 1]!.split(',');
    expect(Number(cells(1)[2])).toBeCloseTo(0.898, 3);
    expect(Number(cells(1.5)[6])).toBeCloseTo(0.635, 3);
  });

  it('state their source and the gap to ours in words, with our numbers', () => {
    const { source, gap } = publishedNotes(ours);
    expect(source).toContain('LeNet trained on all 60,000 MNIST training digits');
    expect(source).toContain('10,000 test digits with n0 = 100, N = 100,000 and α = 0.001');
    expect(source).toContain('github.com/jh-jeong/smoothing-consistency (data/certify/mnist/');
    expect(source).toContain(
      '(Jeong & Shin, NeurIPS 2020; m = 2, η = 0.5, λ = 10 at σ = 0.25 and 5 at 0.50 and 1.00)',
    );
    expect(gap).toContain('Ours are trained on 8,000 digits, not 60,000 (CNN, 8 epochs)');
    expect(gap).toContain('n = 1,000, α = 0.001 on the first 100 of the 2,000 shipped test digits');
    expect(gap).toContain('first 200 with n = 10,000');
    const all = publishedNotes({ ...ours, shipped: { ...ours.shipped!, digits: 2000 } }).gap;
    expect(all).toContain('certified on all 2,000 with n = 10,000');
    expect(gap).toContain(`${maxCertifiableRadius(1, 1000, 0.001).toFixed(2)} with n = 1,000`);
    expect(publishedNotes({ ...ours, shipped: null }).gap).not.toContain('shipped curves');
    // A model that stopped early says which epoch's weights it kept, chosen on how many digits.
    expect(
      publishedNotes({ ...ours, trainDigits: 7200, epochs: 29, early: { bestEpoch: 24, validation: 800 } })
        .gap,
    ).toContain(
      'Ours are trained on 7,200 digits, not 60,000 (CNN, the weights of epoch 24 of 29, chosen on 800 held-out digits)',
    );
  });

  it('carry the same provenance into the PNG: legend entries and notes wrap to its width', () => {
    const measure = (s: string) => s.length * 6;
    const lines = wrapText(`Gaussian σ = 0.25 (published) (${publishedSource(PUBLISHED[0]!)})`, 300, measure);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.every((l) => measure(l) <= 300)).toBe(true);
    expect(lines.join(' ')).toContain('n0 100; N 100000; alpha 0.001');
    const { gap } = publishedNotes(ours);
    expect(wrapText(gap, 500, measure).join(' ')).toBe(gap.replace(/\s+/g, ' '));
    expect(wrapText('', 100, measure)).toEqual([]);
  });
});
