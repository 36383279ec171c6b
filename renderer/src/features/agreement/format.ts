import { LANDIS_KOCH_BANDS } from '../../../../shared/metrics/landis-koch';
import type { KappaFigures } from '../../../../shared/model/agreement';
import type { ReaderSlot } from '../../../../shared/model/reading';

/** A figure with three decimals, or an em dash when it has no value. */
export const fmt = (x: number | null | undefined, digits = 3): string => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(digits));

export const ciWords = (k: KappaFigures): string => (k.ci95 ? `${fmt(k.ci95.lower)} to ${fmt(k.ci95.upper)}` : '—');

export const SLOT_WORDS: Record<ReaderSlot, string> = { reader1: 'Reader 1', reader2: 'Reader 2', comparison: 'Comparison reader' };

export const SEGMENTS = ['cervical', 'thoracic', 'lumbar'] as const;

/**
 * Landis and Koch's bands (shared/metrics, the same the figures are worded by) as intervals for
 * drawing the scale: 0.41-0.60 moderate, 0.61-0.80 substantial, 0.81-1.00 almost perfect ...
 */
export const LANDIS_KOCH: readonly { from: number; to: number; word: string; printed: string }[] = LANDIS_KOCH_BANDS.map((b, i) => ({
  from: i === 0 ? -1 : LANDIS_KOCH_BANDS[i - 1]!.upperBound,
  to: b.upperBound,
  word: b.strength,
  printed: b.printedRange,
}));

/** CSS class of a strength word, for its colour. */
export const strengthClass = (word: string | null): string => `strength strength-${(word ?? 'none').replace(/\s+/g, '-')}`;
