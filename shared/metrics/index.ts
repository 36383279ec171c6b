/**
 * Pure statistics shared by the agreement dashboard (issue 5) and the model evaluation (issue 7).
 * No Node or browser APIs: runs in both. Definitions and references are in each file's JSDoc.
 */
export { Z_95, type Interval, type UndefinedReason } from './interval';
export {
  EMPTY_CONFUSION,
  addConfusions,
  binaryConfusion,
  binaryOutcome,
  confusionFromOutcomes,
  confusionToMatrix,
  confusionTotal,
  type BinaryConfusion,
  type BinaryOutcome,
} from './confusion';
export { cohensKappa, cohensKappaFromMatrix, type CohensKappa, type KappaUndefinedCode } from './cohens-kappa';
export {
  fleissKappa,
  fleissCountsFromBinaryRatings,
  type FleissKappa,
  type FleissUndefinedCode,
} from './fleiss-kappa';
export {
  LANDIS_KOCH_BANDS,
  landisKochStrength,
  type AgreementStrength,
  type LandisKochBand,
} from './landis-koch';
export { maskOverlap, overlapFromAreas, rleMaskOverlap, type MaskOverlap } from './mask-overlap';
export { proportion, wilsonInterval, type Proportion } from './proportion';
export { sensitivity, specificity } from './sensitivity-specificity';
export { operatingPoint, rocCurve, type RocCurve, type RocPoint, type RocUndefinedCode } from './roc';
export { meanAndSd, type MeanAndSd } from './mean-and-sd';
export {
  DEFAULT_PROBABILITY_THRESHOLD,
  evaluateSlice,
  truePositiveDice,
  type SliceEvaluation,
} from './image-level-rule';
export {
  ANY_SLICE,
  PAPER_MIN_POSITIVE_SLICES,
  evaluateSeries,
  seriesPositive,
  seriesScore,
  type SeriesEvaluation,
} from './segment-level-rule';
