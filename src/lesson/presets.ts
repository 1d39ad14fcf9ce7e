/**
 * The classic demonstrations, each a link that reopens an exact, seeded state of the lab.
 * Digits are indices into the shipped test set (public/data/mnist-test.bin). Each description
 * states what the lab shows for that exact state (seed 0); e2e/instructor.spec.ts checks it.
 */
import { DEFAULT_MODEL_ID } from '../models/cards';
import { DEFAULT_PARAMS, sameParams, type Params } from '../store/urlSchema';
import { formatLabQuery, routeHref } from '../store/urlRegistry';

export interface Preset {
  id: string;
  title: string;
  /** What to look at, in one or two sentences. */
  teaches: string;
  params: Partial<Params>;
  model: string;
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'small-sigma',
    title: 'Small noise (σ = 0.12)',
    teaches:
      'A clean zero, lightly blurred: every vote agrees, yet the radius stops at the ceiling R_max, because σ is small.',
    params: { digit: 0, sigma: 0.12, n: 1000 },
    model: 'cnn-0.12',
  },
  {
    id: 'large-sigma',
    title: 'Large noise (σ = 1.0), same digit',
    teaches:
      'The same zero under heavy noise: fewer votes agree, but the radius is several times larger. Compare with the previous preset.',
    params: { digit: 0, sigma: 1, n: 1000 },
    model: 'cnn-1.00',
  },
  {
    id: 'abstain',
    title: 'An abstention',
    teaches:
      'At σ = 1 this 2 drowns in the noise: no class reaches a clear majority, p_lower ≤ 0.5 and the smoothed classifier abstains.',
    params: { digit: 2, sigma: 1, n: 1000 },
    model: 'cnn-1.00',
  },
  {
    id: 'rmax',
    title: 'The R_max ceiling at small n',
    teaches:
      'Only 100 samples: even a unanimous vote gives p_lower = α^(1/n), so the radius is capped at R_max. Raise n and watch the cap lift.',
    params: { digit: 3, sigma: 0.25, n: 100 },
    model: 'cnn-0.25',
  },
  {
    id: 'mismatch',
    title: 'A mismatched model',
    teaches:
      'A CNN trained without noise, smoothed at σ = 0.5: it has never seen noisy digits, the noise looks like ink to it, and this 1 is no longer certified as a 1. Switch to cnn-0.50 and it is.',
    params: { digit: 19, sigma: 0.5, n: 1000 },
    model: 'cnn-0.00',
  },
  {
    id: 'hard-digit',
    title: 'A hard digit: certified and wrong',
    teaches:
      'This 6 looks like a 5 to the model, under noise too: 999 of 1,000 noisy copies vote 5, and the smoothed classifier certifies 5 with a radius above 1. A certificate promises stability, not correctness.',
    params: { digit: 25, sigma: 0.5, n: 1000 },
    model: 'cnn-0.50',
  },
];

/** The hash link of a preset ("#/lab?..."); parameters not named keep their defaults. */
export function presetHref(p: Preset, presenting = false): string {
  const state = { params: { ...DEFAULT_PARAMS, ...p.params }, modelId: p.model, presenting };
  return routeHref('lab', formatLabQuery(state, DEFAULT_MODEL_ID));
}

/** Whether the lab's state (parameters and model) is exactly this preset's. */
export function presetMatches(p: Preset, params: Params, model: string): boolean {
  return p.model === model && sameParams({ ...DEFAULT_PARAMS, ...p.params }, params);
}

/** The preset after the one whose state matches (params and model), or the first. */
export function nextPreset(params: Params, model: string, step = 1): Preset {
  const k = PRESETS.findIndex((p) => presetMatches(p, params, model));
  const n = PRESETS.length;
  return PRESETS[((((k < 0 ? (step > 0 ? -1 : 0) : k) + step) % n) + n) % n]!;
}
