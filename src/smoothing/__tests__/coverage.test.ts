import { describe, expect, it } from 'vitest';
import { argmax, certify } from '../index';
import { lessonSnippetCertify } from '../../lesson/lessonSnippet';
import { coverageLimit, multinomialSampler, spread } from './simulate';

/**
 * Coverage: CERTIFY promises P(p_lower > p_{c_A}) <= alpha, where c_A is the class it picked and
 * p_{c_A} that class's true probability under noise. Over RUNS seeded runs per configuration the
 * observed failure share must stay within alpha plus three binomial standard errors.
 */
const RUNS = 2000;
const SIGMA = 0.25;

interface Config {
  name: string;
  probs: number[];
  n0: number;
  n: number;
  alpha: number;
}

const CONFIGS: Config[] = [
  { name: 'n=100, p_A=0.9', probs: spread(0.9, 10), n0: 100, n: 100, alpha: 0.01 },
  { name: 'n=100, p_A=0.99', probs: spread(0.99, 10), n0: 100, n: 100, alpha: 0.01 },
  { name: 'n=1000, p_A=0.7', probs: spread(0.7, 10), n0: 100, n: 1000, alpha: 0.05 },
  { name: 'n=1000, near tie 0.40/0.39/0.21', probs: [0.4, 0.39, 0.21], n0: 10, n: 1000, alpha: 0.05 },
  { name: 'n=10000, p_A=0.999', probs: spread(0.999, 10), n0: 100, n: 10_000, alpha: 0.01 },
  { name: 'n=100000, p_A=0.6', probs: spread(0.6, 10), n0: 100, n: 100_000, alpha: 0.001 },
];

async function certifyFailureShare(c: Config, seed: number): Promise<number> {
  const sampler = multinomialSampler(c.probs, seed);
  let failures = 0;
  for (let r = 0; r < RUNS; r++) {
    const res = await certify(sampler, { n0: c.n0, n: c.n, alpha: c.alpha, sigma: SIGMA });
    if (res.pLower > c.probs[argmax(res.selectionCounts)]!) failures++;
  }
  return failures / RUNS;
}

async function snippetFailureShare(c: Config, seed: number): Promise<number> {
  const sampler = multinomialSampler(c.probs, seed);
  let failures = 0;
  for (let r = 0; r < RUNS; r++) {
    const res = await lessonSnippetCertify(sampler, c.n, c.alpha, SIGMA);
    if (res.pLower > c.probs[res.prediction]!) failures++;
  }
  return failures / RUNS;
}

describe(`Clopper-Pearson CERTIFY keeps its 1 - alpha promise (${RUNS} seeded runs each)`, () => {
  CONFIGS.forEach((c, i) => {
    it(c.name, async () => {
      const share = await certifyFailureShare(c, 1000 + i);
      expect(share).toBeLessThanOrEqual(coverageLimit(c.alpha, RUNS));
    });
  });
});

describe('the lesson snippet (plug-in binom.ppf bound, samples reused) breaks it', () => {
  it('fails its promise badly when p_A is high and n small: all votes agree, p_lower = 1', async () => {
    const c = CONFIGS[1]!;
    const share = await snippetFailureShare(c, 7);
    // P(all 100 votes agree) = 0.99^100 ~ 0.37, far above alpha = 0.01.
    expect(share).toBeGreaterThan(0.3);
    expect(share).toBeGreaterThan(coverageLimit(c.alpha, RUNS));
  });

  it('fails it on a near tie, where reusing the samples inflates the winning class', async () => {
    const c = CONFIGS[3]!;
    const share = await snippetFailureShare(c, 11);
    // Measured ~0.09 against a promise of alpha = 0.05 (limit 0.065); CERTIFY gives ~0.03 here.
    expect(share).toBeGreaterThan(coverageLimit(c.alpha, RUNS));
  });

  it('returns an infinite radius when every vote agrees', async () => {
    const unanimous = multinomialSampler([1, 0], 1);
    const res = await lessonSnippetCertify(unanimous, 1000, 0.001, 0.5);
    expect(res.pLower).toBe(1);
    expect(res.radius).toBe(Infinity);
    const real = await certify(unanimous, { n0: 100, n: 1000, alpha: 0.001, sigma: 0.5 });
    expect(real.pLower).toBeCloseTo(Math.pow(0.001, 1 / 1000), 12);
    expect(Number.isFinite(real.radius)).toBe(true);
  });
});
