import { AppError } from '../contracts/errors';
import { binaryOutcome, type BinaryOutcome } from './confusion';
import { meanAndSd, type MeanAndSd } from './mean-and-sd';
import { overlapFromAreas, type MaskOverlap } from './mask-overlap';
import { requireFinite, requireSameLength } from './validate';

/** The paper's default decision threshold on the predicted lesion probability. */
export const DEFAULT_PROBABILITY_THRESHOLD = 0.5;

/**
 * One slice (image) scored against the ground truth by the paper's image-level rule
 * (Lin et al. 2024, Methods and Fig. 4; issue 7):
 *
 * 1. Prediction: pixel p is predicted BME when probability(p) >= threshold. The slice is
 *    predicted positive when max(probability) >= threshold ("max-pooling"), i.e. when at least
 *    one pixel is predicted.
 * 2. Truth: the slice is positive when its ground-truth (consensus) mask has a pixel.
 * 3. Outcome:
 *    - truth positive, predicted positive and the predicted pixels share at least one pixel with
 *      the truth mask: TP;
 *    - truth positive otherwise (nothing predicted, or predicted BME only outside the true
 *      lesion): FN. A prediction in the wrong place does not find the lesion, so it is a miss; it
 *      is not also counted as a false positive, because FP/TN are only about truth-negative
 *      slices (each slice lands in exactly one cell, and sensitivity = TP / truth positives);
 *    - truth negative and predicted positive: FP; truth negative and nothing predicted: TN.
 *
 * The same rule scores a human reader: pass the reader's 0/1 mask as `probabilities`.
 */
export interface SliceEvaluation {
  truthPositive: boolean;
  /** max(probability) >= threshold. */
  predictedPositive: boolean;
  /** Some pixel is both predicted and in the truth mask. */
  overlapsTruth: boolean;
  outcome: BinaryOutcome;
  /** max(probability) over the slice: the paper's score for the image-level ROC. */
  maxProbability: number;
  /**
   * max(probability) inside the truth mask; null for a truth-negative slice. A localisation-aware
   * score: for every threshold t, a truth-positive slice is a TP exactly when this is >= t, so an
   * ROC on (truth positive ? maxProbabilityInTruth : maxProbability) passes through the rule's
   * sensitivity and specificity at every threshold, which the plain max does not.
   */
  maxProbabilityInTruth: number | null;
  /**
   * Predicted mask (probability >= threshold) against the truth mask, in pixels of the grid the
   * two arrays share. Its Dice is the "Dice of the true positive lesion" when outcome is 'tp'.
   */
  overlap: MaskOverlap;
}

/**
 * Scores one slice. `probabilities` (in [0, 1]) and `truthMask` (non-zero = lesion) must be in
 * the same row-major pixel grid: resample one onto the other first (e.g. the 128 x 128 network
 * output up to the native slice, or the truth down to 128 x 128). Throws when the sizes differ,
 * the slice has no pixel, or a probability is not a finite number.
 */
export function evaluateSlice(
  probabilities: ArrayLike<number>,
  truthMask: Uint8Array,
  threshold: number = DEFAULT_PROBABILITY_THRESHOLD,
): SliceEvaluation {
  requireSameLength(probabilities, truthMask, 'The probability map', 'the truth mask');
  requireFinite(threshold, 'The threshold');
  if (truthMask.length === 0) throw new AppError('bad_request', 'Cannot score a slice with no pixels.');
  let maxProbability = Number.NEGATIVE_INFINITY;
  let maxProbabilityInTruth = Number.NEGATIVE_INFINITY;
  let predictedArea = 0;
  let truthArea = 0;
  let intersection = 0;
  for (let i = 0; i < truthMask.length; i++) {
    const probability = probabilities[i]!;
    if (!Number.isFinite(probability)) {
      throw new AppError('bad_request', `The probability of pixel ${i} is ${probability}; expected a number in [0, 1].`);
    }
    const predicted = probability >= threshold;
    const inTruth = truthMask[i] !== 0;
    if (probability > maxProbability) maxProbability = probability;
    if (predicted) predictedArea++;
    if (inTruth) {
      truthArea++;
      if (probability > maxProbabilityInTruth) maxProbabilityInTruth = probability;
      if (predicted) intersection++;
    }
  }
  const truthPositive = truthArea > 0;
  const predictedPositive = predictedArea > 0;
  const overlapsTruth = intersection > 0;
  return {
    truthPositive,
    predictedPositive,
    overlapsTruth,
    outcome: binaryOutcome(truthPositive, predictedPositive && (overlapsTruth || !truthPositive)),
    maxProbability,
    maxProbabilityInTruth: truthPositive ? maxProbabilityInTruth : null,
    overlap: overlapFromAreas(predictedArea, truthArea, intersection),
  };
}

/**
 * "Dice of the true positive lesions" (paper, Results): the Dice of each TP slice (its predicted
 * mask against its truth mask), then the mean and SD over those slices, each slice weighing the
 * same whatever its lesion area. Slices that are not TP do not enter: their misses and false
 * alarms are already in sensitivity and specificity. `n` is the number of TP slices; mean is null
 * when there is none.
 */
export function truePositiveDice(slices: readonly SliceEvaluation[]): MeanAndSd {
  const dices: number[] = [];
  for (const slice of slices) {
    if (slice.outcome === 'tp' && slice.overlap.dice !== null) dices.push(slice.overlap.dice);
  }
  return meanAndSd(dices);
}
