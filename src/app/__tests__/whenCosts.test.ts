import { describe, expect, it } from 'vitest';
import { accuracyCostText } from '../whenCosts';

/** The text for a clean share of 2,000 digits (or `clean`) beside a certified share at r = 0 of `digits`. */
const textFor = (atZero: number, digits: number, clean = 0.986) =>
  accuracyCostText({
    clean: { share: clean, digits: 2000 },
    sigma: 0.25,
    certified: { atZero, atRadius: 0.958, radius: 0.5, digits },
  });

describe('accuracyCostText', () => {
  it('on the same digits with overlapping intervals: the same set, and no difference claimed', () => {
    const t = textFor(0.986, 2000);
    expect(t).toContain('of 2,000 clean test digits');
    expect(t).toContain('of the same 2,000 test digits at r = 0');
    expect(t).toContain('98.6% (95% interval 98.0% to 99.1%)');
    expect(t).toContain('95.8% (95% interval');
    expect(t).toContain(
      'the two intervals overlap, so this does not show that smoothing makes a model more accurate, nor less',
    );
    expect(t).not.toContain('different sets');
  });

  it('on fewer digits: the first ones, a different set, said so', () => {
    const t = textFor(0.985, 200);
    expect(t).toContain('of the first 200 test digits at r = 0');
    expect(t).toContain('measured on different sets of digits');
    expect(t).toContain('intervals overlap');
  });

  it('a certified accuracy below the clean one beyond sampling error is called a cost', () => {
    const t = textFor(0.94, 2000);
    expect(t).toContain('certifies fewer digits than the noise-free CNN gets right, beyond sampling error');
    expect(t).not.toContain('overlap');
  });

  it('one above it is not credited to smoothing', () => {
    const t = textFor(0.97, 2000, 0.9);
    expect(t).toContain('certifies more digits than the noise-free CNN gets right, beyond sampling error');
    expect(t).toContain('does not show that smoothing makes a model more accurate');
  });
});
