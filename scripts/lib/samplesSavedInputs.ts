/**
 * What scripts/samples-saved.ts reads besides the votes: its own log (to resume or merge runs),
 * the shipped certify TSV it is checked against, and an earlier result whose fixed-n columns it
 * keeps (`--fixed-from`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseTsv } from '../../src/smoothing';
import type { DigitRow } from './samplesSavedRows';

/** The settings of a samples-saved run that decide its votes. */
export interface SamplesSavedSettings {
  model: string;
  sigma: number;
  radius: number;
  alpha: number;
  n0: number;
  seed: number;
}

/**
 * The rows logged at `log` (null: none) under the settings `key`, one per digit: the line that
 * read furthest wins, since it holds every earlier line's votes of the same stream, so the logs of
 * several processes may simply be concatenated.
 */
export function readLog(log: string | null, key: string): Map<number, DigitRow> {
  const rows = new Map<number, DigitRow>();
  if (log === null || !existsSync(log)) return rows;
  for (const line of readFileSync(log, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const e = JSON.parse(line) as { key: string; row: DigitRow };
    if (e.key !== key) continue;
    const seen = rows.get(e.row.idx);
    if (!seen || e.row.read > seen.read) rows.set(e.row.idx, { ...e.row, seconds: e.row.seconds ?? 0 });
  }
  return rows;
}

/** The shipped n = 10,000 certify run of this model and sigma, when its settings match. */
export function shippedTsv(o: SamplesSavedSettings): Map<number, { predict: number; radius: number }> | null {
  const path = `models/certify/${o.model}-sigma${o.sigma.toFixed(2)}.tsv`;
  // Its settings are those of scripts/certify-table.ts: n0 100, n 10,000, alpha 0.001, seed 0.
  if (!existsSync(path) || o.n0 !== 100 || o.alpha !== 0.001 || o.seed !== 0) return null;
  return new Map(parseTsv(readFileSync(path, 'utf8'), path).map((r) => [r.idx, r]));
}

/** The earlier JSON for --fixed-from: its fixed n, seconds and rows, after checking its settings. */
export function readFixedFrom(path: string, o: SamplesSavedSettings) {
  const d = JSON.parse(readFileSync(path, 'utf8')) as SamplesSavedSettings & {
    seconds: number;
    summary: { fixed: { n: number }[] };
    rows: {
      idx: number;
      candidate: number;
      anytimeSamples: number | null;
      fixedRadius: Record<number, number>;
    }[];
  };
  const differ = (['model', 'sigma', 'radius', 'alpha', 'n0', 'seed'] as const).filter((k) => d[k] !== o[k]);
  if (differ.length > 0) throw new Error(`--fixed-from: ${path} differs in ${differ.join(', ')}`);
  return {
    fixed: d.summary.fixed.map((f) => f.n),
    seconds: d.seconds,
    rows: new Map(d.rows.map((r) => [r.idx, r])),
  };
}
