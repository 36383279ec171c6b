import type { EvaluationReport, LevelFigures, ScoreSet } from '../../../../shared/model/evaluation';
import { f2, meanSd, proportion, SEGMENTS, SLOT_WORDS } from './format';

interface Column {
  key: string;
  title: string;
  note: string;
  set: ScoreSet;
  auc: boolean;
}

/**
 * The model and every reader in columns, scored by the same rules against the consensus, one
 * figure per row with its counts: is the model as good as a radiologist? The model's column is
 * the folds' mean probability as one model (the counts of Table 3); readers are scored on the
 * slices they read.
 */
export function SideBySide({ report }: { report: EvaluationReport }) {
  const columns: Column[] = [
    { key: 'dnn', title: 'Deep neural network', note: `mean of ${report.folds.length} fold models · ${report.slices} slices`, set: report.ensemble, auc: true },
    ...report.readers.map((r) => ({ key: r.slot, title: r.name, note: `${SLOT_WORDS[r.slot] ?? r.slot} · ${r.slicesRead} slices`, set: r, auc: false })),
  ];
  const rows: { label: string; sub?: boolean; cell: (c: Column) => string }[] = [
    { label: 'Image: sensitivity', cell: (c) => proportion(c.set.image.sensitivity) },
    { label: 'Image: specificity', cell: (c) => proportion(c.set.image.specificity) },
    { label: 'Image: AUC-ROC', cell: (c) => (c.auc ? f2(c.set.image.auc) : '—') },
    { label: 'Spinal segment: sensitivity', cell: (c) => proportion(c.set.segment.sensitivity) },
    { label: 'Spinal segment: specificity', cell: (c) => proportion(c.set.segment.specificity) },
    ...SEGMENTS.flatMap((s) => [
      { label: `${s[0]!.toUpperCase()}${s.slice(1)}: image sens / spec`, sub: true, cell: (c: Column) => pair(c.set.bySegment[s]?.image) },
      { label: `${s[0]!.toUpperCase()}${s.slice(1)}: segment sens / spec`, sub: true, cell: (c: Column) => pair(c.set.bySegment[s]?.segment) },
    ]),
    { label: 'Dice of true-positive lesions', cell: (c) => `${meanSd(c.set.dice)} (n ${c.set.dice.n})` },
  ];
  return (
    <table className="grid side-by-side" aria-label="Model and readers side by side" data-testid="side-by-side">
      <thead>
        <tr>
          <th />
          {columns.map((c) => (
            <th key={c.key} className="num">
              <div className="col-title">{c.title}</div>
              <div className="muted small col-note">{c.note}</div>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.label} className={r.sub ? 'sub-row' : ''}>
            <td className="row-label">{r.label}</td>
            {columns.map((c) => (
              <td key={c.key} className="num">
                {r.cell(c)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const pair = (l: LevelFigures | undefined): string => (l ? `${f2(l.sensitivity.value)} / ${f2(l.specificity.value)}` : '—');
