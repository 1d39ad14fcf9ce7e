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

/**
 * Width in px that the longest tick label needs at `fontPx`, plus a margin (digits ~0.62 em; a
 * percent sign is about one and a half digits wide, ~0.95 em).
 */
export function tickWidth(labels: readonly string[], fontPx: number): number {
  const digits = (l: string) => [...l].reduce((t, c) => t + (c === '%' ? 1.6 : 1), 0);
  const longest = Math.max(1, ...labels.map(digits));
  return Math.ceil(longest * 0.62 * fontPx + 14);
}

/**
 * Plain ticks for a continuous axis from 0 (the trade-off chart's L2 radius): 0, step, 2 step, ...
 * with a step of 0.05, 0.1, 0.25, 0.5, 1, 2, 2.5 or 5, the smallest that needs at most
 * `maxIntervals` intervals to reach `max`; the top tick is at least `max`, so the axis domain
 * [0, top] holds every point. Values are rounded to 12 significant digits (no 0.30000000000000004). Pure.
 */
export function plainTicks(max: number, maxIntervals: number): number[] {
  const room = Math.max(1, Math.floor(maxIntervals));
  if (!(max > 0)) return [0, 1];
  const steps = [0.05, 0.1, 0.25, 0.5, 1, 2, 2.5, 5];
  let step = steps.find((s) => Math.ceil(max / s - 1e-9) <= room);
  if (step === undefined) {
    // Larger axes: a power of ten times 1, 2 or 5.
    const p = Math.pow(10, Math.floor(Math.log10(max / room)));
    step = [1, 2, 5, 10].map((m) => m * p).find((s) => Math.ceil(max / s - 1e-9) <= room) ?? 10 * p;
  }
  const count = Math.ceil(max / step - 1e-9);
  return Array.from({ length: count + 1 }, (_, k) => Number((k * step).toPrecision(12)));
}

/** A tick value as a short plain label: 0, 0.25, 0.5, 1, 1.5 (no trailing zeros, no exponent). */
export function plainLabel(v: number): string {
  return String(Number(v.toFixed(2)));
}
