import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PARAMS,
  DEFAULT_TRADEOFF_PARAMS,
  formatLabQuery,
  formatTradeoffParams,
  parseTradeoffParams,
  TRADEOFF_COUNTS,
} from '../urlSchema';

describe('the trade-off view in the URL', () => {
  it('writes only what differs from the defaults, and reads it back', () => {
    expect(formatTradeoffParams(DEFAULT_TRADEOFF_PARAMS)).toBe('');
    for (const count of TRADEOFF_COUNTS) {
      for (const arch of ['cnn', 'mlp'] as const) {
        for (const published of [false, true]) {
          const q = formatTradeoffParams({ arch, count, published });
          expect(parseTradeoffParams(q)).toEqual({ tradeoff: { arch, count, published }, notices: [] });
        }
      }
    }
    expect(
      formatLabQuery(DEFAULT_PARAMS, 'cnn-0.25', 'cnn-0.25', true, undefined, {
        arch: 'mlp',
        count: 20,
        published: false,
      }),
    ).toBe('tarch=mlp&tcount=20&present=1');
    // The published curves are off by default and written as tpub=1 when shown.
    expect(formatTradeoffParams({ ...DEFAULT_TRADEOFF_PARAMS, published: true })).toBe('tpub=1');
    expect(parseTradeoffParams('tpub=1').tradeoff.published).toBe(true);
    expect(parseTradeoffParams('tpub=0').tradeoff.published).toBe(false);
  });

  it('replaces unknown values by the defaults, with a notice each', () => {
    const r = parseTradeoffParams('tarch=resnet&tcount=37');
    expect(r.tradeoff).toEqual(DEFAULT_TRADEOFF_PARAMS);
    expect(r.notices).toHaveLength(2);
    expect(r.notices[0]).toMatch(/"resnet" is not a trade-off model family/);
    expect(r.notices[1]).toMatch(/one of 10, 20, 50/);
  });
});
