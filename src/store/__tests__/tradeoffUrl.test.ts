import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, DEFAULT_TRADEOFF_PARAMS, TRADEOFF_COUNTS, type TradeoffParams } from '../urlSchema';
import { formatLabQuery, parseUrlPart } from '../urlRegistry';

const format = (tradeoff: TradeoffParams) => formatLabQuery({ tradeoff }, 'm');
const parse = (q: string) => parseUrlPart('tradeoff', q);

describe('the trade-off view in the URL', () => {
  it('writes only what differs from the defaults, and reads it back', () => {
    expect(format(DEFAULT_TRADEOFF_PARAMS)).toBe('');
    for (const count of TRADEOFF_COUNTS) {
      for (const arch of ['cnn', 'mlp'] as const) {
        for (const published of [false, true]) {
          const q = format({ arch, count, published });
          expect(parse(q)).toEqual({ value: { arch, count, published }, notices: [] });
        }
      }
    }
    expect(
      formatLabQuery(
        {
          params: DEFAULT_PARAMS,
          modelId: 'cnn-0.25',
          presenting: true,
          tradeoff: { arch: 'mlp', count: 20, published: false },
        },
        'cnn-0.25',
      ),
    ).toBe('tarch=mlp&tcount=20&present=1');
    // The published curves are off by default and written as tpub=1 when shown.
    expect(format({ ...DEFAULT_TRADEOFF_PARAMS, published: true })).toBe('tpub=1');
    expect(parse('tpub=1').value.published).toBe(true);
    expect(parse('tpub=0').value.published).toBe(false);
  });

  it('replaces unknown values by the defaults, with a notice each', () => {
    const r = parse('tarch=resnet&tcount=37');
    expect(r.value).toEqual(DEFAULT_TRADEOFF_PARAMS);
    expect(r.notices).toHaveLength(2);
    expect(r.notices[0]).toMatch(/"resnet" is not a trade-off model family/);
    expect(r.notices[1]).toMatch(/one of 10, 20, 50/);
  });
});
