import { z } from 'zod';
import { EvaluationReport } from '../model/evaluation';
import { method } from './define';

const coordinator = ['coordinator', 'admin'] as const;

export const evaluationSpec = {
  run: method({
    summary: "Evaluate a model on its dataset's held-out test patients (or chosen series) as the paper does (Tables 2 and 3, ROC, readers side by side).",
    access: coordinator,
    params: z
      .object({
        modelId: z.number().int().positive(),
        /** A slice is positive when its maximum probability reaches this (default 0.5). */
        threshold: z.number().min(0.01).max(0.99),
        /** A segment is positive when at least this many slices are (the paper: 2). */
        minPositiveSlices: z.number().int().min(1).max(10),
        /** Evaluate on these series (each with a complete consensus) instead of the held-out test patients. */
        seriesIds: z.array(z.number().int().positive()).max(10_000).optional(),
      })
      .strict(),
    result: EvaluationReport,
  }),
  list: method({ summary: 'Earlier evaluations of a model, newest first.', access: coordinator, params: z.object({ modelId: z.number().int().positive() }).strict(), result: z.array(EvaluationReport) }),
};

export const SuggestionSettings = z.object({
  /** Readers see model suggestions in the reader view (off by default: reads of a ground-truth study stay independent). */
  readersSeeSuggestions: z.boolean(),
});

export const predictionsSpec = {
  run: method({
    summary: "Pre-annotate a series with a model: its masks become suggestions (never ground truth until a reader accepts one).",
    access: coordinator,
    params: z.object({ modelId: z.number().int().positive(), seriesId: z.number().int().positive() }).strict(),
    result: z.object({ seriesId: z.number().int(), slices: z.number().int(), positiveSlices: z.number().int(), seconds: z.number(), engine: z.string() }),
  }),
  settings: method({ summary: 'Whether readers see suggestions in this study.', access: 'signedIn', params: z.object({}).strict(), result: SuggestionSettings }),
  setSettings: method({ summary: 'Let readers see suggestions, or not (recorded).', access: coordinator, params: SuggestionSettings.strict(), result: SuggestionSettings }),
};
