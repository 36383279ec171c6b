import type { EvaluationReport, LevelFigures } from '../../../../shared/model/evaluation';
import { csvCell } from '../agreement/agreement-csv';
import { SEGMENTS, type MeanSd } from './format';

/**
 * An evaluation as one CSV table (RFC 4180, CRLF line ends), one row per figure; `kind` says
 * which: evaluation (what was evaluated), across_folds (mean, SD over folds), fold, ensemble
 * (the folds' mean probability: Table 3), reader, roc (a point of the curve), operating_point.
 * Numbers are unrounded so a spreadsheet recomputes what the screen shows.
 */
export const EVALUATION_CSV_COLUMNS = [
  'kind', 'scorer', 'fold', 'level', 'segment', 'measure',
  'value', 'count', 'total', 'mean', 'sd', 'n',
  'sensitivity', 'true_positive', 'positive', 'specificity', 'true_negative', 'negative', 'auc',
  'tp', 'fn', 'fp', 'tn', 'fpr', 'tpr', 'threshold', 'note',
] as const;

type Column = (typeof EVALUATION_CSV_COLUMNS)[number];
type Row = Partial<Record<Column, string | number | null>>;

export function evaluationCsv(report: EvaluationReport, modelName: string): string {
  const rows: Row[] = [];
  rows.push({
    kind: 'evaluation',
    scorer: modelName,
    threshold: report.threshold,
    n: report.slices,
    note: `evaluation ${report.id} of model ${report.modelId}, computed ${report.computedAt}; set ${report.set}: ${report.patients} patients, ${report.series} series, ${report.slices} slices; segment positive at >= ${report.minPositiveSlices} slices`,
  });
  const a = report.acrossFolds;
  const across = (level: string, segment: string, x: EvaluationReport['acrossFolds']['image']) => {
    rows.push(meanRow(level, segment, 'sensitivity', x.sensitivity), meanRow(level, segment, 'specificity', x.specificity), meanRow(level, segment, 'auc', x.auc));
  };
  across('image', 'all', a.image);
  across('segment', 'all', a.segment);
  for (const s of SEGMENTS) {
    const by = a.bySegment[s];
    if (!by) continue;
    across('image', s, by.image);
    across('segment', s, by.segment);
  }
  rows.push(meanRow('image', 'all', 'dice_tp', a.dice));

  const scoreRows = (kind: string, scorer: string, fold: number | null, set: EvaluationReport['ensemble']) => {
    rows.push(levelRow(kind, scorer, fold, 'image', 'all', set.image), levelRow(kind, scorer, fold, 'segment', 'all', set.segment));
    for (const s of SEGMENTS) {
      const by = set.bySegment[s];
      if (!by) continue;
      rows.push(levelRow(kind, scorer, fold, 'image', s, by.image), levelRow(kind, scorer, fold, 'segment', s, by.segment));
    }
    rows.push({ kind, scorer, fold, level: 'image', segment: 'all', measure: 'dice_tp', mean: set.dice.mean, sd: set.dice.sd, n: set.dice.n });
  };
  for (const f of report.folds) scoreRows('fold', `fold ${f.fold + 1}`, f.fold + 1, f);
  scoreRows('ensemble', 'mean of the fold models', null, report.ensemble);
  for (const r of report.readers) scoreRows('reader', `${r.name} (${r.slot})`, null, r);

  for (const p of report.roc.points) rows.push({ kind: 'roc', scorer: 'mean of the fold models', fpr: p.fpr, tpr: p.tpr, threshold: p.threshold });
  const op = report.roc.operatingPoint;
  if (op) rows.push({ kind: 'operating_point', scorer: 'mean of the fold models', fpr: op.fpr, tpr: op.tpr, threshold: report.threshold });

  const lines = [EVALUATION_CSV_COLUMNS.join(','), ...rows.map((r) => EVALUATION_CSV_COLUMNS.map((c) => csvCell(r[c])).join(','))];
  return lines.join('\r\n') + '\r\n';
}

function meanRow(level: string, segment: string, measure: string, m: MeanSd): Row {
  return { kind: 'across_folds', scorer: 'deep neural network', level, segment, measure, mean: m.mean, sd: m.sd, n: m.n };
}

function levelRow(kind: string, scorer: string, fold: number | null, level: string, segment: string, l: LevelFigures): Row {
  return {
    kind, scorer, fold, level, segment,
    sensitivity: l.sensitivity.value, true_positive: l.sensitivity.count, positive: l.sensitivity.total,
    specificity: l.specificity.value, true_negative: l.specificity.count, negative: l.specificity.total,
    auc: l.auc, tp: l.confusion.tp, fn: l.confusion.fn, fp: l.confusion.fp, tn: l.confusion.tn,
  };
}
