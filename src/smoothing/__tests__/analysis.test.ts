import { describe, expect, it } from 'vitest';
import {
  abstentionRate,
  certifiedAccuracy,
  curvesToCsv,
  radiusGrid,
  summarizeMismatch,
  formatRow,
  parseTsv,
  TSV_HEADER,
  type CertifyRow,
} from '../index';

const rows: CertifyRow[] = [
  { idx: 0, label: 7, predict: 7, radius: 0.8, correct: true, time: 1.5 },
  { idx: 1, label: 2, predict: 2, radius: 0.3, correct: true, time: 1.2 },
  { idx: 2, label: 1, predict: -1, radius: 0, correct: false, time: 1.1 },
  { idx: 3, label: 4, predict: 9, radius: 1.2, correct: false, time: 1.3 },
];

describe('certified accuracy (analyze.py)', () => {
  it('counts correct predictions with radius at least r', () => {
    expect(certifiedAccuracy(rows, [0, 0.25, 0.5, 1])).toEqual([0.5, 0.5, 0.25, 0]);
    expect(abstentionRate(rows)).toBe(0.25);
  });

  it('round-trips the TSV format', () => {
    const text = [TSV_HEADER.join('\t'), ...rows.map(formatRow)].join('\n');
    expect(text.split('\n')[0]).toBe('idx\tlabel\tpredict\tradius\tcorrect\ttime');
    expect(parseTsv(text)).toEqual(rows);
  });

  it('rejects a malformed TSV with the line number', () => {
    expect(() => parseTsv('a\tb\n')).toThrow(/header/);
    expect(() => parseTsv(`${TSV_HEADER.join('\t')}\n1\t2\tx\t0\t1\t0\n`, 'f.tsv')).toThrow(/f.tsv, line 2/);
  });
});

describe('trade-off helpers', () => {
  it('builds an inclusive radius grid without float drift', () => {
    expect(radiusGrid(0.3, 0.1)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(radiusGrid(1, 0.05)).toHaveLength(21);
    expect(radiusGrid(1, 0.05).at(-1)).toBe(1);
    expect(radiusGrid(0, 0.1)).toEqual([0]);
    expect(() => radiusGrid(1, 0)).toThrow(RangeError);
  });

  it('writes curves as CSV with a header, one line per radius, blanks for missing values', () => {
    const csv = curvesToCsv(
      [0, 0.5, 1],
      [
        { label: 'sigma=0.25', values: certifiedAccuracy(rows, [0, 0.5, 1]) },
        { label: 'shipped, "200 digits"', values: [0.9, NaN] },
      ],
    );
    expect(csv.split('\r\n')).toEqual([
      'radius,sigma=0.25,"shipped, ""200 digits"""',
      '0,0.500000,0.900000',
      '0.5,0.250000,',
      '1,0.000000,',
      '',
    ]);
  });

  it('summarizes the mismatch matrix at r = 0 and r = 0.5', () => {
    const t = summarizeMismatch({ digits: 4, n0: 100, n: 1000, alpha: 0.001, seed: 0 }, [
      { model: 'cnn-0.25', sigmaTrain: 0.25, sigma: 0.5, rows },
    ]);
    expect(t.cells).toEqual([
      { model: 'cnn-0.25', sigmaTrain: 0.25, sigma: 0.5, accAt0: 0.5, accAt05: 0.25, abstain: 0.25 },
    ]);
    expect(t.params.digits).toBe(4);
  });
});
