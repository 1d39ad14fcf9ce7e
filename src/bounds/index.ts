/**
 * Verification bounds for small fully-connected ReLU networks: Interval Bound Propagation (Gowal et al.
 * 2018), CROWN (Zhang et al. 2018) and the Lipschitz-margin radius (Tsuzuku et al. 2018). Pure
 * TypeScript: imports no React, DOM or TF.js.
 */
export {
  checkNet,
  checkInput,
  checkEps,
  checkLabel,
  checkDomain,
  forward,
  predictClass,
  logitMargin,
  inputSize,
  outputSize,
} from './network';
export type { DenseLayer, ReluNet, Domain } from './network';
export {
  ibpPreActivationBounds,
  ibpBounds,
  ibpMarginLowerBounds,
  ibpCertifies,
  ibpCertifiedRadius,
} from './ibp';
export type { Interval, IbpOptions } from './ibp';
export {
  crownPreActivationBounds,
  crownBounds,
  crownMarginLowerBounds,
  crownCertifies,
  crownCertifiedRadius,
} from './crown';
export type { Norm, CrownOptions } from './crown';
export {
  spectralNormBounds,
  spectralNorm,
  layerSpectralNorms,
  lipschitzUpperBound,
  lipschitzCertifiedRadius,
} from './lipschitz';
export type { SpectralNormOptions, SpectralNormBounds, LipschitzRadiusOptions } from './lipschitz';
export { DEFAULT_TOL, DEFAULT_MAX_RADIUS } from './radius';
export type { RadiusOptions } from './radius';
