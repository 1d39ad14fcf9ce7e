/**
 * Certified accuracy from CERTIFY results, as in Cohen et al.'s analyze.py: at radius r, the share
 * of test inputs whose certified prediction is correct with a certified radius of at least r.
 * Pure TypeScript.
 */

/** One row of a certify TSV. */
export interface CertifyRow {
  idx: number;
  label: number;
  /** Certified class, or -1 on ABSTAIN. */
  predict: number;
  radius: number;
  correct: boolean;
  /** Seconds. */
  time: number;
}

export const TSV_HEADER = ['idx', 'label', 'predict', 'radius', 'correct', 'time'] as const;

/** The radii of the certified-accuracy tables (L2, pixels in [0, 1]). */
export const TABLE_RADII = [0, 0.25, 0.5, 0.75, 1, 1.5, 2, 2.5] as const;

export function formatRow(r: CertifyRow): string {
  return [r.idx, r.label, r.predict, r.radius.toFixed(4), r.correct ? 1 : 0, r.time.toFixed(3)].join('\t');
}

/** Parses a certify TSV; throws with the line number when a line is malformed. */
export function parseTsv(text: string, source = 'TSV'): CertifyRow[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines[0]?.split('\t').join(' ') !== TSV_HEADER.join(' ')) {
    throw new Error(`${source}: the header is not "${TSV_HEADER.join('\\t')}"`);
  }
  return lines.slice(1).map((line, k) => {
    const f = line.split('\t').map(Number);
    if (f.length !== 6 || f.some((v) => Number.isNaN(v))) {
      throw new Error(`${source}, line ${k + 2}: expected 6 numeric fields, got "${line}"`);
    }
    return { idx: f[0]!, label: f[1]!, predict: f[2]!, radius: f[3]!, correct: f[4] === 1, time: f[5]! };
  });
}

/** Share of rows that are correct with radius >= r, for each r. */
export function certifiedAccuracy(
  rows: readonly CertifyRow[],
  radii: readonly number[] = TABLE_RADII,
): number[] {
  if (rows.length === 0) return radii.map(() => NaN);
  return radii.map((r) => rows.filter((row) => row.correct && row.radius >= r).length / rows.length);
}

/** Share of rows that abstained. */
export function abstentionRate(rows: readonly CertifyRow[]): number {
  return rows.length === 0 ? NaN : rows.filter((r) => r.predict === -1).length / rows.length;
}
