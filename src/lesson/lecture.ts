/**
 * A suggested 50-minute lecture through the lab, in the order of the lesson "Certified Defenses":
 * each step names the view and the exact state to open (a link, through the same URL schema as
 * every other link of the lab), what to show, the question to put to the room before showing it,
 * and the minutes it takes. The lecture page (src/app/views/LectureView.tsx) lists them;
 * src/lesson/__tests__/lecture.test.ts checks that every link reads back as the state it states.
 */
import { DEFAULT_MODEL_ID } from '../models/cards';
import {
  DEFAULT_GEO_PARAMS,
  DEFAULT_PARAMS,
  DEFAULT_TRADEOFF_PARAMS,
  type AnytimeParams,
  type GeoParams,
  type Params,
  type TradeoffParams,
} from '../store/urlSchema';
import { formatLabQuery, routeHref } from '../store/urlRegistry';

/** The views a step opens (the ids of src/app/routes.ts, which this floor may not import). */
export type LectureView = 'why' | 'lab' | 'geometry' | 'tradeoff' | 'limits' | 'when' | 'check';

/** The state a step opens: whatever it does not name takes its default. */
export interface LectureState {
  params?: Partial<Params>;
  model?: string;
  geo?: Partial<GeoParams>;
  tradeoff?: Partial<TradeoffParams>;
  anytime?: Partial<AnytimeParams>;
}

export interface LectureStep {
  id: string;
  /** Minutes on the clock for this step. */
  minutes: number;
  title: string;
  view: LectureView;
  state: LectureState;
  /** The question to ask before showing (the room answers, then the lab does). */
  ask: string;
  /** What to do and what to point at, once the room has answered. */
  show: string;
  /** A checkpoint of the view to run with the room (keys a to e choose, r reveals), if any. */
  checkpoint?: string;
}

const ANYTIME_DEFAULTS: AnytimeParams = { stop: false, r: 0.5, futile: false };

/** The state a step opens, every part complete (the defaults filled in). */
export function lectureState(s: LectureState): {
  params: Params;
  model: string;
  geo: GeoParams;
  tradeoff: TradeoffParams;
  anytime: AnytimeParams;
} {
  return {
    params: { ...DEFAULT_PARAMS, ...s.params },
    model: s.model ?? DEFAULT_MODEL_ID,
    geo: { ...DEFAULT_GEO_PARAMS, ...s.geo },
    tradeoff: { ...DEFAULT_TRADEOFF_PARAMS, ...s.tradeoff },
    anytime: { ...ANYTIME_DEFAULTS, ...s.anytime },
  };
}

/** The hash link that opens a step's view in its exact state (in presentation mode when asked). */
export function lectureHref(step: LectureStep, presenting = true): string {
  const s = lectureState(step.state);
  const { params, model: modelId, geo, tradeoff, anytime } = s;
  const q = formatLabQuery({ params, modelId, presenting, geo, tradeoff, anytime }, DEFAULT_MODEL_ID);
  return routeHref(step.view, q);
}

export const LECTURE: readonly LectureStep[] = [
  {
    id: 'why',
    minutes: 3,
    title: 'Why a proof, not another defense',
    view: 'why',
    state: {},
    ask: 'Defenses have been published and then broken, one after another. What kind of claim could not be broken by next year’s attack?',
    show: 'A certificate: a statement about every input within a stated distance, in one stated norm, proved rather than tested. Stress what it leaves out: everything outside that ball.',
  },
  {
    id: 'lab-tour',
    minutes: 6,
    title: 'One digit, a thousand noisy copies',
    view: 'lab',
    state: {},
    ask: 'The network sees this 0 buried in Gaussian noise (σ = 0.25), a thousand times. How many of those copies will it still call a 0?',
    show: 'Press k to run. Walk left to right: the noisy copies, the 100 selection votes that only pick the candidate, the 1,000 fresh estimation votes, p_lower from those alone, then R = σ · Φ⁻¹(p_lower). Press f for the histograms full-screen, Esc to come back.',
  },
  {
    id: 'small-sigma',
    minutes: 3,
    title: 'A unanimous vote has a ceiling',
    view: 'lab',
    state: { params: { digit: 0, sigma: 0.12, n: 1000 }, model: 'cnn-0.12' },
    ask: 'Every single vote agrees. Why is the certified radius not infinite?',
    show: 'The radius sits exactly at R_max: with n samples, even a unanimous count only supports p_lower = α^(1/n). The limit is the statistics, not the network.',
  },
  {
    id: 'large-sigma',
    minutes: 3,
    title: 'More noise, the same zero',
    view: 'lab',
    state: { params: { digit: 0, sigma: 1, n: 1000 }, model: 'cnn-1.00' },
    ask: 'Same digit, about eight times the noise, a model trained for it. Larger radius or smaller?',
    show: 'Fewer votes agree, yet the radius is several times larger: σ multiplies the whole certificate. Put the two presets side by side with [ and ].',
  },
  {
    id: 'abstain',
    minutes: 3,
    title: 'Saying “I don’t know”',
    view: 'lab',
    state: { params: { digit: 2, sigma: 1, n: 1000 }, model: 'cnn-1.00' },
    ask: 'At σ = 1 no class wins clearly on this 2. What should an honest certifier answer?',
    show: 'ABSTAIN: p_lower is at most 1/2, so no class is guaranteed. An abstention is an answer, never a radius of 0.',
  },
  {
    id: 'rmax',
    minutes: 3,
    title: 'Few samples cap the radius',
    view: 'lab',
    state: { params: { digit: 3, sigma: 0.25, n: 100 }, model: 'cnn-0.25' },
    ask: 'Only 100 samples. What limits the radius now: the model or the sample count?',
    show: 'The sample count: the radius equals R_max. Press n a few times to double n and watch the ceiling lift.',
  },
  {
    id: 'double-sigma',
    minutes: 4,
    title: 'Checkpoint: double the noise',
    view: 'lab',
    state: {},
    ask: 'The lab’s checkpoint: double σ on its digit. What happens to the certified radius?',
    show: 'Scroll to the checkpoint, let the room vote, choose their answer with a to e and reveal with r. The radius grows only as much as p_lower lets it.',
    checkpoint: 'lab-double-sigma',
  },
  {
    id: 'mismatch',
    minutes: 3,
    title: 'A model that never saw noise',
    view: 'lab',
    state: { params: { digit: 19, sigma: 0.5, n: 1000 }, model: 'cnn-0.00' },
    ask: 'This network is very accurate on clean digits. What happens when we smooth it at σ = 0.5?',
    show: 'Read the mismatch line under the slider: it was trained without noise, its votes scatter and this 1 is no longer certified as a 1. Pick cnn-0.50 in the model list and run again.',
  },
  {
    id: 'hard-digit',
    minutes: 2,
    title: 'Certified is not correct',
    view: 'lab',
    state: { params: { digit: 25, sigma: 0.5, n: 1000 }, model: 'cnn-0.50' },
    ask: 'The certificate comes back with a radius above 1. Does that mean the prediction is right?',
    show: 'This 6 is certified as a 5. A certificate promises that the answer will not move, not that it is true.',
  },
  {
    id: 'anytime',
    minutes: 4,
    title: 'Stopping when it looks good',
    view: 'lab',
    state: { params: { n: 10_000 }, anytime: { stop: true, r: 0.5 } },
    ask: 'Why not watch p_lower as the votes stream in and stop the moment it certifies?',
    show: 'Press w for the anytime-valid panel full-screen. A fixed-n bound read repeatedly breaks its promise; the anytime-valid bound holds at every n, and stop mode (t) stops at the first sample where it reaches r.',
  },
  {
    id: 'geometry',
    minutes: 4,
    title: 'The certificate as a circle',
    view: 'geometry',
    state: { geo: { clf: 'linear' } },
    ask: 'For a linear classifier the exact certificate is the distance to its boundary. Will the sampled certificate be larger, equal or smaller?',
    show: 'Click a point (or focus the plot and press Enter): the solid circle is the certified radius, the dashed one the true distance. Then run the checkpoint; compare IBP, CROWN and the Lipschitz bound in the table.',
    checkpoint: 'geometry-linear-gap',
  },
  {
    id: 'tradeoff',
    minutes: 4,
    title: 'No single best σ',
    view: 'tradeoff',
    state: { tradeoff: { published: true } },
    ask: 'Which σ certifies the most test digits at radius 0.5?',
    show: 'Run the checkpoint on the shipped runs, then read the chart (f for full-screen): the curves cross, and each falls to zero at its own R_max. The published curves sit beside ours.',
    checkpoint: 'tradeoff-best-sigma',
  },
  {
    id: 'limits',
    minutes: 3,
    title: 'What the ball does not cover',
    view: 'limits',
    state: {},
    ask: 'An attack stays inside the certified L2 ball. Can it change the smoothed prediction? And a change of a few percent on every pixel?',
    show: 'Run the L2 attack, then the L-infinity one: small per pixel, but long in L2, it can leave the ball. Then the cost: every certificate is thousands of forward passes.',
  },
  {
    id: 'check',
    minutes: 3,
    title: 'A bound that breaks its promise',
    view: 'check',
    state: {},
    ask: 'A 99.9% lower bound should be wrong about once in a thousand runs. How often is the lesson’s snippet wrong?',
    show: 'Run the coverage experiment and show its chart full-screen: the snippet reuses its votes and reads a plug-in quantile, so a unanimous vote gives p_lower = 1; CERTIFY stays within α.',
  },
  {
    id: 'when',
    minutes: 2,
    title: 'When to pay for a proof',
    view: 'when',
    state: {},
    ask: 'Which system that you know would be worth lower accuracy and thousands of forward passes per answer, in exchange for a proof?',
    show: 'Certify where someone needs a guarantee, the threat fits the norm, and the cost is affordable; pair it with empirical defenses elsewhere.',
  },
];

/** The lecture's length in minutes. */
export const LECTURE_MINUTES = LECTURE.reduce((t, s) => t + s.minutes, 0);

/** The minute each step starts at (the first at 0). */
export const LECTURE_STARTS: readonly number[] = LECTURE.map((_, i) =>
  LECTURE.slice(0, i).reduce((t, s) => t + s.minutes, 0),
);
