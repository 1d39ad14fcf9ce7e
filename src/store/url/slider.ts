/**
 * A number row as a control shows it: the slider maths of its scale (linear or log), and the
 * presentation its row's `view` states (step, rounding, text, keyboard). The lab's sliders and
 * inputs read everything from the row, so no control names a key. Pure functions.
 */
import { clampParam, type NumberParam } from './defineUrlSchema';

/** Log-scale sliders move in this many even steps of log(value). */
export const LOG_STEPS = 1000;

/** Slider position in [0, 1] for a value, following the parameter's scale. */
export function toSlider(p: NumberParam, v: number): number {
  if (p.scale === 'log') return Math.log(v / p.min) / Math.log(p.max / p.min);
  return (v - p.min) / (p.max - p.min);
}

/** The value at slider position t in [0, 1] (clamped and rounded to the parameter's type). */
export function fromSlider(p: NumberParam, t: number): number {
  const u = Math.min(1, Math.max(0, t));
  const v = p.scale === 'log' ? p.min * Math.pow(p.max / p.min, u) : p.min + u * (p.max - p.min);
  return clampParam(p, v);
}

/** The row's step for a linear control (its view's, else 1). */
export function stepOf(p: NumberParam): number {
  return p.view?.step ?? 1;
}

/** The decimals a step keeps: 2 for 0.01, 0 for 1. */
function decimalsOf(step: number): number {
  return Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
}

/**
 * The range input's attributes for a row: a log row runs over 0..LOG_STEPS in steps of 1, a
 * linear row over its own [min, max] in its step.
 */
export function sliderRange(p: NumberParam): { min: number; max: number; step: number } {
  if (p.scale === 'log') return { min: 0, max: LOG_STEPS, step: 1 };
  return { min: p.min, max: p.max, step: stepOf(p) };
}

/** The range input's position for a value (see sliderRange). */
export function sliderPosition(p: NumberParam, v: number): number {
  return p.scale === 'log' ? Math.round(toSlider(p, v) * LOG_STEPS) : v;
}

/**
 * The value a range input's position gives: on a log row, the value at that step; on a linear
 * row, the position rounded to the step's decimals (0.30000000000000004 becomes 0.3).
 */
export function sliderValue(p: NumberParam, position: number): number {
  if (p.scale === 'log') return fromSlider(p, position / LOG_STEPS);
  const scale = 10 ** decimalsOf(stepOf(p));
  return Math.round(position * scale) / scale;
}

/** A row's value as people read it, in the row's `view.text` (thousands separators by default). */
export function formatNumber(p: NumberParam, v: number): string {
  switch (p.view?.text) {
    case 'sig3':
      return v >= 0.001 ? String(Number(v.toPrecision(3))) : v.toExponential(1);
    case 'fixed':
      return v.toFixed(decimalsOf(stepOf(p)));
    default:
      return v.toLocaleString('en');
  }
}

/** The round values 1, 2, 5 times a power of ten within [min, max] (both ends included). */
export function roundValues(min: number, max: number): number[] {
  const out = new Set<number>([min]);
  for (let e = Math.floor(Math.log10(Math.max(min, 1e-12))); Math.pow(10, e) <= max; e++) {
    for (const m of [1, 2, 5]) {
      const v = Number((m * Math.pow(10, e)).toPrecision(12));
      if (v >= min && v <= max) out.add(v);
    }
  }
  out.add(max);
  return [...out].sort((a, b) => a - b);
}

/**
 * The value a key press moves a count parameter to: arrows step to the next round value (1, 2, 5
 * times a power of ten) up or down; Page Up / Page Down jump a decade (times or divided by ten,
 * clamped); Home / End go to the ends. Every press changes the value unless it is already at that
 * end. Returns null for other keys.
 */
export function keyStep(p: NumberParam, value: number, key: string): number | null {
  const stops = roundValues(p.min, p.max);
  switch (key) {
    case 'ArrowRight':
    case 'ArrowUp':
      return stops.find((v) => v > value) ?? p.max;
    case 'ArrowLeft':
    case 'ArrowDown':
      return [...stops].reverse().find((v) => v < value) ?? p.min;
    case 'PageUp':
      return clampParam(p, value * 10);
    case 'PageDown':
      return clampParam(p, value / 10);
    case 'Home':
      return p.min;
    case 'End':
      return p.max;
    default:
      return null;
  }
}
