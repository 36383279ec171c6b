import type { BinaryConfusion } from './confusion';
import { proportion, type Proportion } from './proportion';

/**
 * Sensitivity = true positives / reference positives = tp / (tp + fn), with the counts shown as
 * in the paper's Table 2 ("true positive/positive") and a Wilson 95% interval. Null value when the
 * reference has no positive item.
 */
export function sensitivity(table: BinaryConfusion): Proportion {
  return proportion(table.tp, table.tp + table.fn);
}

/**
 * Specificity = true negatives / reference negatives = tn / (tn + fp) ("true negative/negative"
 * in Table 2), with a Wilson 95% interval. Null value when the reference has no negative item.
 */
export function specificity(table: BinaryConfusion): Proportion {
  return proportion(table.tn, table.tn + table.fp);
}
