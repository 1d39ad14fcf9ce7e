/**
 * The rows of the samples-saved measurement (scripts/samples-saved.ts), one per digit, and what is
 * derived from them alone: shares certified with 95% intervals, the anytime stop's summary, the
 * check against the shipped certify TSV and the n = 100,000 column as a certify TSV.
 */
import { median } from '../../src/lesson/peeking';
import {
  ABSTAIN,
  clopperPearsonLower,
  clopperPearsonUpper,
  formatRow,
  TSV_HEADER,
} from '../../src/smoothing';

/** Two-sided 95% intervals on shares: each Clopper-Pearson side at 2.5%. */
const SHARE_ALPHA = 0.025;

/** One digit's stream so far: what resumes it and what the summaries read. */
export interface DigitRow {
  idx: number;
  label: number;
  candidate: number;
  /** Votes the anytime-valid stop needed, or null when it had not reached r by 100,000. */
  anytimeSamples: number | null;
  anytimeRadius: number;
  /** Votes at which r was first out of reach before the anytime stop (null: never; absent: an older log). */
  futileSamples?: number | null;
  /** Clopper-Pearson radius after the first n votes, for each n in FIXED the stream has reached. */
  fixedRadius: Record<string, number>;
  /** Estimation votes read so far, and their counts per class (to resume the stream). */
  read: number;
  counts: number[];
  /** Seconds spent reading this digit's votes, over all passes. */
  seconds: number;
}

/** A 95% Clopper-Pearson interval on the share k / n. */
const share95 = (k: number, n: number): [number, number] => [
  clopperPearsonLower(k, n, SHARE_ALPHA),
  clopperPearsonUpper(k, n, SHARE_ALPHA),
];

/** Counts of digits certified by `ok` among `rows`, with a 95% interval on the share. */
export function certifiedBy(rows: DigitRow[], ok: (r: DigitRow) => boolean) {
  const certified = rows.filter(ok).length;
  return {
    certified,
    certifiedCorrect: rows.filter((r) => ok(r) && r.candidate === r.label).length,
    /** 95% Clopper-Pearson interval on the share of digits certified. */
    certifiedShare95: share95(certified, rows.length),
  };
}

/** The anytime stop on `rows` (streams of at most `maxN` votes): digits certified and the median votes it read. */
export function anytimeSummary(rows: DigitRow[], maxN: number) {
  const stops = rows.map((r) => r.anytimeSamples);
  return {
    ...certifiedBy(rows, anytimeOk),
    /** Median over every digit, a digit that never reached r counting as 100,000 (all it used). */
    medianSamples: median(stops.map((x) => x ?? maxN)),
    /** Median over the digits it certified. */
    medianSamplesCertified: median(stops.filter((x): x is number => x !== null)),
  };
}

/** Whether the anytime stop certified the digit. */
export const anytimeOk = (r: DigitRow) => r.anytimeSamples !== null;

/**
 * The n = `maxN` column as the certify CLI writes it (scripts/certify.ts): the first digits whose
 * streams reached `maxN` votes, CERTIFY's answer from those votes (ABSTAIN when p_lower <= 1/2,
 * which is when the radius is 0), and the seconds spent on the digit's stream. Returns the TSV text
 * and its number of rows.
 */
export function bigTsv(rows: DigitRow[], maxN: number): { text: string; count: number } {
  const upTo = rows.findIndex((r) => !(maxN in r.fixedRadius));
  const done = upTo < 0 ? rows : rows.slice(0, upTo);
  const lines = done.map((r) => {
    const radius = r.fixedRadius[maxN]!;
    const predict = radius > 0 ? r.candidate : ABSTAIN;
    return formatRow({
      idx: r.idx,
      label: r.label,
      predict,
      radius,
      correct: predict === r.label,
      time: r.seconds,
    });
  });
  return { text: `${TSV_HEADER.join('\t')}\n${lines.map((l) => `${l}\n`).join('')}`, count: done.length };
}

/**
 * Compares each digit's n = 10,000 result with the shipped TSV (radius to 4 decimals; an
 * abstention there is a Clopper-Pearson bound at most 1/2 here, radius 0).
 */
export function checkAgainstTsv(rows: DigitRow[], tsv: Map<number, { predict: number; radius: number }>) {
  const compared = rows.filter((r) => tsv.has(r.idx));
  const mismatches = compared
    .filter((r) => {
      const t = tsv.get(r.idx)!;
      const mine = r.fixedRadius[10_000]!;
      return t.predict === -1
        ? mine !== 0
        : t.predict !== r.candidate || t.radius.toFixed(4) !== mine.toFixed(4);
    })
    .map((r) => r.idx);
  if (mismatches.length > 0) {
    process.stderr.write(
      `samples-saved: WARNING: n = 10,000 differs from the shipped TSV on digits ${mismatches.join(', ')}\n`,
    );
  }
  return { compared: compared.length, mismatches };
}
