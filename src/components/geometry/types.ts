/** What the geometry view's async work produces, as the geometry components show it (plain data). */
import type { RayHit } from '../../toy2d/raySearch';
import type { ToyTrainResult } from '../../toy2d/train';
import type { RegionGrid } from './GeoPlot';

/** A trained 2D base classifier as the set-up panel reports it. */
export interface TrainedToy extends ToyTrainResult {
  /** Tensors TF.js still held after training minus before (0: nothing leaked); null without TF.js. */
  leaked: number | null;
  /** Why TF.js did not train, when the fallback did. */
  fallback?: string;
  /** Where TF.js trained it: in the geometry view's worker, or on the page's thread (absent: no TF.js). */
  thread?: 'worker' | 'page';
  /** Why TF.js ran on the page and not in a worker. */
  threadNote?: string;
}

/** Training so far: epochs done, the last loss (NaN when unknown) and where it runs ('' before TF.js loads). */
export interface TrainProgress {
  epochs: number;
  loss: number;
  backend: string;
}

/** The ray search for the nearest change of the smoothed prediction, part-way (`done` false) or finished. */
export interface RayState {
  hits: RayHit[];
  done: boolean;
  /** Distance to the nearest change found (Infinity: none within the search's reach); NaN while searching. */
  distance: number;
  point: [number, number] | null;
  /** Noise draws per estimate, and the wall-clock milliseconds of the whole search. */
  samples: number;
  ms: number;
}

/** One PGD attack from the selected point: its path, size, and the predictions at both ends. */
export interface AttackOutcome {
  path: [number, number][];
  /** L2 length of the perturbation, in data units. */
  l2: number;
  /** The base network's class before and after. */
  baseBefore: number;
  baseAfter: number;
  /** PREDICT's answer before and after (ABSTAIN possible). */
  before: number;
  after: number;
}

/** The smoothed decision regions so far: a grid of P(class 1), computed coarse to fine. */
export interface SmoothedState {
  grid: RegionGrid;
  /** Levels finished, of `levels`. */
  level: number;
  levels: number;
  /** Where they were computed: a TF.js backend, or 'TypeScript'. */
  by: string;
}
