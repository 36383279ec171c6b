import { z } from 'zod';

const Prop = z.object({ value: z.number().nullable(), count: z.number().int(), total: z.number().int() });
const Confusion = z.object({ tp: z.number().int(), fn: z.number().int(), fp: z.number().int(), tn: z.number().int() });
const MeanSd = z.object({ n: z.number().int(), mean: z.number().nullable(), sd: z.number().nullable() });

/** Sensitivity (true positive / positive), specificity (true negative / negative) and the 2 x 2 table. */
export const LevelFigures = z.object({ sensitivity: Prop, specificity: Prop, confusion: Confusion, auc: z.number().nullable() });
export type LevelFigures = z.infer<typeof LevelFigures>;

/** The paper's figures for one scorer (a fold model, the ensemble, or a reader) on one set. */
export const ScoreSet = z.object({
  image: LevelFigures,
  segment: LevelFigures,
  /** Dice of the true-positive slices (mean, SD over slices). */
  dice: MeanSd,
  bySegment: z.record(z.enum(['cervical', 'thoracic', 'lumbar']), z.object({ image: LevelFigures, segment: LevelFigures })),
});
export type ScoreSet = z.infer<typeof ScoreSet>;

const Across = z.object({ sensitivity: MeanSd, specificity: MeanSd, auc: MeanSd });

export const EvaluationReport = z.object({
  id: z.number().int(),
  modelId: z.number().int(),
  computedAt: z.string(),
  /** 'test': the dataset's held-out patients; 'series': a chosen set of series. */
  set: z.string(),
  threshold: z.number(),
  /** A segment is predicted positive when at least this many of its slices are (the paper: 2). */
  minPositiveSlices: z.number().int(),
  patients: z.number().int(),
  series: z.number().int(),
  slices: z.number().int(),
  /** Each fold's model on the set. */
  folds: z.array(ScoreSet.extend({ fold: z.number().int() })),
  /** Mean and SD across folds, as the paper reports them. */
  acrossFolds: z.object({
    image: Across,
    segment: Across,
    dice: MeanSd,
    bySegment: z.record(z.enum(['cervical', 'thoracic', 'lumbar']), z.object({ image: Across, segment: Across })),
  }),
  /** The folds' mean probability as one model: Table 3's confusion matrix and the ROC plot. */
  ensemble: ScoreSet,
  roc: z.object({ points: z.array(z.object({ fpr: z.number(), tpr: z.number(), threshold: z.number() })), operatingPoint: z.object({ fpr: z.number(), tpr: z.number() }).nullable() }),
  /** Readers scored against the consensus by the same rules (the blinded radiologist of the paper). */
  readers: z.array(ScoreSet.extend({ slot: z.string(), name: z.string(), slicesRead: z.number().int() })),
});
export type EvaluationReport = z.infer<typeof EvaluationReport>;
