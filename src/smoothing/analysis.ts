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

/** The certification sigmas of the trade-off view (one curve each). */
export const MISMATCH_SIGMAS = [0.12, 0.25, 0.5, 1] as const;

/** Certified accuracy at r = 0 and r = 0.5 and the abstention rate, for one (model, sigma) pair. */
export interface MismatchCell {
  model: string;
  sigmaTrain: number;
  /** The sigma used to certify. */
  sigma: number;
  accAt0: number;
  accAt05: number;
  abstain: number;
}

/** The train-sigma x certify-sigma matrix with the parameters it was measured at. */
export interface MismatchTable {
  params: { digits: number; n0: number; n: number; alpha: number; seed: number };
  cells: MismatchCell[];
}

/** Summarizes certify runs into the mismatch matrix. */
export function summarizeMismatch(
  params: MismatchTable['params'],
  runs: readonly { model: string; sigmaTrain: number; sigma: number; rows: readonly CertifyRow[] }[],
): MismatchTable {
  return {
    params,
    cells: runs.map(({ model, sigmaTrain, sigma, rows }) => {
      const [accAt0, accAt05] = certifiedAccuracy(rows, [0, 0.5]) as [number, number];
      return { model, sigmaTrain, sigma, accAt0, accAt05, abstain: abstentionRate(rows) };
    }),
  };
}

/** Radii 0, step, 2 * step, ... up to and including `max` (rounded to 6 decimals). */
export function radiusGrid(max: number, step: number): number[] {
  if (!(step > 0) || !(max >= 0))
    throw new RangeError(`radiusGrid: need step > 0 and max >= 0, got ${step}, ${max}`);
  const out: number[] = [];
  for (let k = 0; k * step <= max + 1e-9; k++) out.push(Number((k * step).toFixed(6)));
  return out;
}

/** One certified-accuracy curve: its name and one value per radius of the grid. */
export interface CurveSeries {
  label: string;
  values: readonly number[];
}

/**
 * The curves as CSV (RFC 4180): a header `radius,<label>,...`, then one line per radius; accuracies
 * as fractions with 6 decimals, empty where a curve has no value. Labels are quoted when needed.
 */
export function curvesToCsv(radii: readonly number[], series: readonly CurveSeries[]): string {
  const quote = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [['radius', ...series.map((s) => quote(s.label))].join(',')];
  radii.forEach((r, i) => {
    const cells = series.map((s) => {
      const v = s.values[i];
      return v === undefined || Number.isNaN(v) ? '' : v.toFixed(6);
    });
    lines.push([String(r), ...cells].join(','));
  });
  return `${lines.join('\r\n')}\r\n`;
}
