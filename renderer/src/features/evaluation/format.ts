import type { EvaluationReport, LevelFigures } from '../../../../shared/model/evaluation';

/** Mean and SD of a figure across the cross-validation folds (n = folds where it is defined). */
export type MeanSd = EvaluationReport['acrossFolds']['dice'];
/** A proportion with its counts: sensitivity = true positive / positive. */
export type Proportion = LevelFigures['sensitivity'];

export const SEGMENTS = ['cervical', 'thoracic', 'lumbar'] as const;
export type Segment = (typeof SEGMENTS)[number];
export const SEGMENT_WORDS: Record<Segment, string> = { cervical: 'Cervical vertebra', thoracic: 'Thoracic vertebra', lumbar: 'Lumbar vertebra' };

export const SLOT_WORDS: Record<string, string> = { reader1: 'Reader 1', reader2: 'Reader 2', comparison: 'Comparison reader' };

/** Two decimals as the paper prints them (and `bme evaluate`), or an em dash when undefined. */
export const f2 = (v: number | null | undefined): string => (v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(2));

/** '0.80 (181/226)': the paper's 'value (true positive/positive)'. */
export const proportion = (p: Proportion): string => `${f2(p.value)} (${p.count}/${p.total})`;

/** '0.80 ± 0.03' over folds; '—' when no fold defines it; an SD from one fold is '—'. */
export const meanSd = (m: MeanSd): string => (m.mean === null ? '—' : `${f2(m.mean)} ± ${f2(m.sd)}`);

/** A tooltip for a mean ± SD: how many folds it comes from. */
export const foldsNote = (m: MeanSd): string => (m.n === 0 ? 'not defined in any fold (no positives or no negatives)' : `over ${m.n} fold${m.n === 1 ? '' : 's'}`);

/** 'a series is positive when at least 2 of its slices are' */
export const ruleWords = (k: number): string => `a spinal segment is positive when at least ${k} of its slice${k === 1 ? ' is' : 's are'} predicted positive`;
