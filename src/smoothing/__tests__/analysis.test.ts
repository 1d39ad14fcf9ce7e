import { describe, expect, it } from 'vitest';
import {
  abstentionRate,
  certifiedAccuracy,
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
