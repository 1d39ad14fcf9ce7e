/**
 * Attacks for the "Limits and attacks" view: PGD against a base model (Madry et al. 2018) and against
 * the smoothed classifier (SmoothAdv, Salman et al. 2019), L2 and L-infinity, with one shared
 * signature (`Attack`), plus the pure norm and projection helpers they use.
 */
export { pgdBase, pgdSmoothed, modelScores, ATTACK_STREAM_IDS, DEFAULT_NOISE_SAMPLES } from './pgd';
export {
  l2Norm,
  linfNorm,
  normOf,
  projectL2,
  projectLinf,
  projectBall,
  clipToBox,
  l2Direction,
  linfDirection,
  steepestDirection,
} from './norms';
export type { Vec } from './norms';
export type { Attack, AttackLoss, AttackOptions, AttackResult, Norm } from './types';
