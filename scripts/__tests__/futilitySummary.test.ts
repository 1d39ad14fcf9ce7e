import { describe, expect, it } from 'vitest';
import { futilityLines, futilitySummary } from '../lib/futilitySummary';

describe('the futility summary of samples-saved', () => {
  it('splits the digits by decision, with mean and median votes, beside the full n', () => {
    const f = futilitySummary(
      [
        { anytimeSamples: 400, futileSamples: null }, // certified
        { anytimeSamples: 600, futileSamples: null }, // certified
        { anytimeSamples: null, futileSamples: 2000 }, // r out of reach
        { anytimeSamples: 9000, futileSamples: 1000 }, // out of reach first (a wrong "no")
        { anytimeSamples: null, futileSamples: null }, // neither by the cap
        { anytimeSamples: 300 }, // an older log row: not measured
      ],
      10_000,
    );
    expect(f.digits).toBe(5);
    expect(f.certified).toEqual({ digits: 2, meanVotes: 500, medianVotes: 500 });
    expect(f.unreachable).toEqual({ digits: 2, meanVotes: 1500, medianVotes: 1500 });
    expect(f.neither).toBe(1);
    expect(f.laterCertified).toBe(1);
    expect(f.all).toEqual({ digits: 5, meanVotes: 14_000 / 5, medianVotes: 1000 });
    expect(f.withoutFutility).toEqual({ digits: 5, meanVotes: 30_000 / 5, medianVotes: 9000 });
    const text = futilityLines(f).join('\n');
    expect(text).toContain('certified stops: 2 digits, mean 500, median 500 votes');
    expect(text).toContain(
      'futility stops (r out of reach): 2 digits, mean 1,500, median 1,500 votes; 1 of them later certified',
    );
    expect(text).toContain('full n = 10,000');
  });
});
