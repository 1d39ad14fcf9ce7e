import { describe, expect, it } from 'vitest';
import { pathOfHash, queryOfHash } from '../hash';

describe('the location hash', () => {
  it('splits at the first "?" into the route and the query', () => {
    const cases: [string, string, string][] = [
      ['#/lab?sigma=0.5&n=100', '#/lab', 'sigma=0.5&n=100'],
      ['#/embed/grid', '#/embed/grid', ''],
      ['#/lab?', '#/lab', ''],
      ['#/lab?a=1?b=2', '#/lab', 'a=1?b=2'],
      ['', '', ''],
    ];
    for (const [hash, path, query] of cases) {
      expect([pathOfHash(hash), queryOfHash(hash)], hash).toEqual([path, query]);
    }
  });
});
