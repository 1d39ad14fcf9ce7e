/**
 * Round axis ticks for a count axis: 0, step, 2 step, ... up to a top tick that is at least `max`,
 * with a whole step of 1, 2, 2.5 or 5 times a power of ten and at most `maxIntervals` intervals. When `max`
 * is itself a multiple of the step (a run's n = 1,000 gives 0 / 250 / 500 / 750 / 1,000), the top
 * tick is the maximum. Pure.
 */
export function roundTicks(max: number, maxIntervals = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / maxIntervals;
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  // Counts: only whole steps.
  const whole =
    [1, 2, 2.5, 5, 10, 20]
      .map((m) => Number((m * p).toPrecision(12)))
      .find((s) => s >= raw && Number.isInteger(s)) ?? Math.max(1, Math.ceil(raw));
  const top = Math.ceil(max / whole) * whole;
  const out: number[] = [];
  for (let v = 0; v <= top + whole / 2; v += whole) out.push(Number(v.toPrecision(12)));
  return out;
}

/** Width in px that the longest tick label needs at `fontPx`, plus a margin (digits ~0.62 em). */
export function tickWidth(labels: readonly string[], fontPx: number): number {
  const longest = Math.max(1, ...labels.map((l) => l.length));
  return Math.ceil(longest * 0.62 * fontPx + 14);
}
