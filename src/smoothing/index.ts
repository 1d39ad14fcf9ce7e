/**
 * The smoothing core: statistics, CERTIFY and PREDICT (Cohen, Rosenfeld & Kolter 2019).
 * Imports no React, DOM or TF.js; its exports are a contract that the certify CLI and the tests rely on (docs/ARCHITECTURE.md, "The floors").
 */
export { ABSTAIN, argmax, topTwo, certify, predict, certifiedRadius, maxCertifiableRadius } from './certify';
export type {
  VoteSampler,
  Stream,
  CertifyOptions,
  CertifyResult,
  PredictOptions,
  PredictResult,
} from './certify';
export { clopperPearsonLower, clopperPearsonUpper, binomialTestPValue, normalPpf, normalCdf } from './stats';
export {
  confidenceSequenceLower,
  confidenceSequenceUpper,
  logMixtureMartingale,
  mixtureLower,
  twoBounds,
  reachedRadius,
  unreachableRadius,
} from './confidenceSequence';
export type { TwoBounds } from './confidenceSequence';
export { STREAM_IDS, pcgHash, mixSeed, sampleKey, gaussianAt, fillGaussian } from './noise';
export {
  TSV_HEADER,
  TABLE_RADII,
  MISMATCH_SIGMAS,
  formatRow,
  parseTsv,
  certifiedAccuracy,
  abstentionRate,
  summarizeMismatch,
  radiusGrid,
  curvesToCsv,
} from './analysis';
export type { CertifyRow, CurveSeries, MismatchCell, MismatchTable } from './analysis';
export {
  FP_NOISE,
  DIGITS,
  floorFixed,
  ceilFixed,
  floorPercent,
  ceilPercent,
  formatPLower,
  formatRadius,
  formatPValue,
} from './safeRound';
export {
  certifyResultClaim,
  certifyVersusDistance,
  claimFor,
  fixedNComplete,
  confidenceText,
  certifyCoverage,
  caseNumbers,
  coverageCaseClaims,
} from './claims';
export type {
  CaseNumbers,
  Claim,
  RunSnapshot,
  RunMode,
  ClaimStatus,
  BoundKind,
  StopDecision,
} from './claims';
export { firstReachInBatch, firstUnreachableInBatch, firstStopInBatch } from './stopRule';
export type { BatchStop } from './stopRule';
