/**
 * The futility stop's summary for `npm run samples-saved`: stop mode with "also stop when r cannot
 * be reached" on one stream per digit. Each digit ends with one decision: certified (the
 * anytime-valid lower bound's radius reached r first), unreachable (the anytime-valid upper bound's
 * radius fell below r first), or neither by the cap (it used all of it). Votes are estimation
 * votes, read at the script's schedule.
 */
import { median } from '../../src/lesson/peeking';

/** One digit's stops: the votes at which each rule fired (null: never by the cap; undefined: not measured). */
export interface StopsOfDigit {
  anytimeSamples: number | null;
  futileSamples?: number | null;
}

/** Count, mean and median votes of a set of digits. */
export interface VoteStats {
  digits: number;
  meanVotes: number;
  medianVotes: number;
}

const mean = (xs: number[]) => (xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length);
const stats = (xs: number[]): VoteStats => ({
  digits: xs.length,
  meanVotes: mean(xs),
  medianVotes: median(xs),
});

export interface FutilitySummary {
  /** Digits whose futility stop was measured (rows logged before it existed are left out). */
  digits: number;
  /** The cap: what a digit that never decides costs, and what every digit costs without a stop. */
  fullN: number;
  certified: VoteStats;
  unreachable: VoteStats;
  /** Digits that decided neither way by the cap. */
  neither: number;
  /** Every digit, with futility: a digit that decided neither way counts as fullN. */
  all: VoteStats;
  /** Every digit, the plain stop (certified only): a digit that never reached r counts as fullN. */
  withoutFutility: VoteStats;
  /** Futility stops whose stream the plain stop later certified at r (each a wrong "no"). */
  laterCertified: number;
}

/** The summary over `rows` (see FutilitySummary); `fullN` the votes cap of one stream. */
export function futilitySummary(rows: StopsOfDigit[], fullN: number): FutilitySummary {
  const known = rows.filter((r) => r.futileSamples !== undefined);
  const certified: number[] = [];
  const unreachable: number[] = [];
  let laterCertified = 0;
  for (const r of known) {
    if (r.futileSamples !== null && r.futileSamples !== undefined) {
      unreachable.push(r.futileSamples);
      if (r.anytimeSamples !== null) laterCertified++;
    } else if (r.anytimeSamples !== null) certified.push(r.anytimeSamples);
  }
  const neither = known.length - certified.length - unreachable.length;
  return {
    digits: known.length,
    fullN,
    certified: stats(certified),
    unreachable: stats(unreachable),
    neither,
    all: stats([...certified, ...unreachable, ...new Array<number>(neither).fill(fullN)]),
    withoutFutility: stats(known.map((r) => r.anytimeSamples ?? fullN)),
    laterCertified,
  };
}

/** The summary in a few lines, for the console and the README. */
export function futilityLines(f: FutilitySummary): string[] {
  const int = (x: number) => (Number.isNaN(x) ? '—' : Math.round(x).toLocaleString('en-US'));
  const digits = (k: number) => `${k} digit${k === 1 ? '' : 's'}`;
  const s = (v: VoteStats) =>
    `${digits(v.digits)}, mean ${int(v.meanVotes)}, median ${int(v.medianVotes)} votes`;
  return [
    `With the futility stop (${f.digits} digits; full n = ${int(f.fullN)} votes each without a stop):`,
    `- certified stops: ${s(f.certified)}`,
    `- futility stops (r out of reach): ${s(f.unreachable)}` +
      (f.laterCertified > 0 ? `; ${f.laterCertified} of them later certified by the plain stop` : ''),
    `- neither by ${int(f.fullN)}: ${digits(f.neither)}`,
    `- every digit: mean ${int(f.all.meanVotes)}, median ${int(f.all.medianVotes)} votes; the plain stop (no futility) on the same digits: mean ${int(f.withoutFutility.meanVotes)}, median ${int(f.withoutFutility.medianVotes)}`,
  ];
}
