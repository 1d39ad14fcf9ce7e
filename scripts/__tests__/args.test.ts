import { describe, expect, it } from 'vitest';
import { parseSigmaList } from '../lib/args';

describe('parseSigmaList (train --sigmas, ablation --sigmas)', () => {
  it('reads a comma-separated list, and nothing when the flag is absent', () => {
    expect(parseSigmaList('0.25,0.5, 1')).toEqual([0.25, 0.5, 1]);
    expect(parseSigmaList(undefined)).toBeUndefined();
  });
  it('refuses what is not a noise level, naming it', () => {
    expect(() => parseSigmaList('0.25,abc')).toThrow('"abc" is not a noise level');
    expect(() => parseSigmaList('0.5,')).toThrow('"" is not a noise level');
    expect(() => parseSigmaList('-1')).toThrow('"-1"');
  });
});
