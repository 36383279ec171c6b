import { AppError } from '../contracts/errors';

/**
 * Strength-of-agreement words for a kappa, after Landis & Koch (1977), "The measurement of
 * observer agreement for categorical data", Biometrics 33:159-174, Table p. 165:
 * < 0.00 poor, 0.00-0.20 slight, 0.21-0.40 fair, 0.41-0.60 moderate, 0.61-0.80 substantial,
 * 0.81-1.00 almost perfect. The paper (Lin et al. 2024) quotes the upper three bands verbatim.
 */
export type AgreementStrength =
  | 'poor'
  | 'slight'
  | 'fair'
  | 'moderate'
  | 'substantial'
  | 'almost perfect';

/** One band of the scale, with the range as the literature prints it. */
export interface LandisKochBand {
  strength: AgreementStrength;
  /** Upper bound applied to the unrounded kappa: inclusive, except for 'poor' (kappa < 0). */
  upperBound: number;
  /** The range as printed in Landis & Koch and in the paper, e.g. "0.41-0.60". */
  printedRange: string;
}

/** The bands, weakest first. */
export const LANDIS_KOCH_BANDS: readonly LandisKochBand[] = [
  { strength: 'poor', upperBound: 0, printedRange: '< 0.00' },
  { strength: 'slight', upperBound: 0.2, printedRange: '0.00-0.20' },
  { strength: 'fair', upperBound: 0.4, printedRange: '0.21-0.40' },
  { strength: 'moderate', upperBound: 0.6, printedRange: '0.41-0.60' },
  { strength: 'substantial', upperBound: 0.8, printedRange: '0.61-0.80' },
  { strength: 'almost perfect', upperBound: 1, printedRange: '0.81-1.00' },
];

/**
 * The Landis-Koch word for `kappa`. The printed bands have gaps (0.20 to 0.21 ...) because they
 * are rounded to two decimals; unrounded values fill the gaps upwards: a band includes its upper
 * bound, so 0.20 is slight, 0.2001 and 0.205 are fair, 0.60 is moderate, 0.6000001 is substantial.
 * Values above 1 (impossible for a kappa) are treated as 1; NaN throws.
 */
export function landisKochStrength(kappa: number): AgreementStrength {
  if (Number.isNaN(kappa)) {
    throw new AppError('bad_request', 'A kappa of NaN has no Landis-Koch strength; pass null-checked values.');
  }
  if (kappa < 0) return 'poor';
  for (const band of LANDIS_KOCH_BANDS) {
    if (band.strength !== 'poor' && kappa <= band.upperBound) return band.strength;
  }
  return 'almost perfect';
}
