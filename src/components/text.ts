/**
 * Shortening text that echoes what a user or a link supplied (a URL value, a widget name), so a
 * 300,000-character value cannot widen the page or flood a screen reader. Pure functions.
 */

/** The longest run of non-space characters shown whole; longer runs are cut with an ellipsis. */
export const MAX_RUN = 40;
/** The longest text shown whole. */
export const MAX_TEXT = 400;

/**
 * `text` cut to at most `max` characters (code points, so no surrogate pair is split), ending in
 * "…" when it was cut. "abcdef" with max 4 gives "abc…".
 */
export function ellipsize(text: string, max = MAX_TEXT): string {
  if (text.length <= max) return text; // code points <= UTF-16 length, so this is exact enough
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/**
 * Cuts every run of more than `maxRun` non-space characters (a pasted value, a long number) to its
 * start and end joined by "…", then the whole text to `max`; the sentence around the runs stays
 * readable and can wrap. Runs of `maxRun` or fewer characters are unchanged.
 */
export function shortenNotice(text: string, maxRun = MAX_RUN, max = MAX_TEXT): string {
  const head = Math.ceil((maxRun * 2) / 3);
  const tail = maxRun - head - 1;
  const short = text.replace(/\S+/gu, (run) => {
    const chars = Array.from(run);
    if (chars.length <= maxRun) return run;
    return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - tail).join('')}`;
  });
  return ellipsize(short, max);
}

/** One formatter for every count the lab redraws during a run (creating one per call is slow). */
const EN = new Intl.NumberFormat('en');

/**
 * `v` as `v.toLocaleString('en')` writes it (1,000; 0.001; 12,345.679), from one shared formatter:
 * toLocaleString sets up a formatter on every call, which cost the lab's renders more than their
 * charts did during a run.
 */
export function formatCount(v: number): string {
  return EN.format(v);
}
