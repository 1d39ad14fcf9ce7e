import { describe, expect, it } from 'vitest';
import { sameSigma, sigmaMismatchLine } from '../sigmaMismatch';

describe('the sigma_train / sigma mismatch line', () => {
  it('says nothing when the two agree at the slider’s resolution', () => {
    expect(sigmaMismatchLine(0.25, 0.25)).toBeNull();
    expect(sigmaMismatchLine(0.5, 0.5 + 1e-9)).toBeNull();
    expect(sameSigma(0.12, 0.13)).toBe(false);
  });

  it('a model trained without noise: noisy digits it never met, scattered votes, p_lower falls', () => {
    const line = sigmaMismatchLine(0, 0.5)!;
    expect(line).toContain('σ_train = 0.00, σ = 0.50');
    expect(line).toMatch(/without noise/);
    expect(line).toMatch(/scatter/);
    expect(line).toMatch(/p_lower and the radius fall/);
  });

  it('more noise than in training: the votes scatter; less: they agree, the radius is scaled by the smaller sigma', () => {
    const more = sigmaMismatchLine(0.25, 1)!;
    expect(more).toContain('σ_train = 0.25, σ = 1.00');
    expect(more).toMatch(/more noise/);
    const less = sigmaMismatchLine(1, 0.25)!;
    expect(less).toContain('σ_train = 1.00, σ = 0.25');
    expect(less).toMatch(/less noise/);
    expect(less).toMatch(/smaller σ = 0\.25/);
  });
});
