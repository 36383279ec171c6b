import type { EvaluationReport, LevelFigures } from '../../../../shared/model/evaluation';
import { f2, foldsNote, meanSd, proportion, SEGMENT_WORDS, SEGMENTS, SLOT_WORDS, type MeanSd } from './format';

type Across = EvaluationReport['acrossFolds']['image'];

/**
 * The paper's Table 2 with this study's numbers: the comparison readers (the paper's
 * radiologist) as 'value (true positive/positive)', the deep neural network as mean ± SD over
 * the cross-validation folds at image level and at the level of the spinal segment, and the
 * network per spinal segment. AUC-ROC is a column the paper gives in its text (and Fig. 5).
 */
export function Table2({ report, testId = 'table2' }: { report: EvaluationReport; testId?: string }) {
  const a = report.acrossFolds;
  return (
    <table className="grid paper-table" aria-label="Table 2: sensitivity and specificity" data-testid={testId}>
      <caption>
        <strong>Table 2</strong> Sensitivity and specificity of the deep neural network and the readers at image level and at the level of the individual spinal segment
      </caption>
      <thead>
        <tr>
          <th />
          <th className="num">Sensitivity (true positive/positive)</th>
          <th className="num">Specificity (true negative/negative)</th>
          <th className="num">AUC-ROC</th>
        </tr>
      </thead>
      <tbody>
        {report.readers.length === 0 && <GroupRow title="Comparison reader" note="no reader has read the test series" />}
        {report.readers.map((r) => (
          <ReaderRows key={r.slot} title={`${r.name} · ${SLOT_WORDS[r.slot] ?? r.slot}`} note={readerNote(r.slot, r.slicesRead, report.slices)} image={r.image} segment={r.segment} slot={r.slot} />
        ))}
        <GroupRow title="Deep neural network" note={`mean ± SD over ${report.folds.length} fold model${report.folds.length === 1 ? '' : 's'}`} />
        <ModelRow label="Level of image" across={a.image} testId="dnn-image" />
        <ModelRow label="Level of individual spinal segment" across={a.segment} testId="dnn-segment" />
        <GroupRow title="Deep neural network in individual spinal segment" note="level of the spinal segment; image level below each" />
        {SEGMENTS.map((s) => {
          const by = a.bySegment[s];
          if (!by) return null;
          return [
            <ModelRow key={`${s}-segment`} label={SEGMENT_WORDS[s]} across={by.segment} testId={`dnn-${s}`} />,
            <ModelRow key={`${s}-image`} label="image level" across={by.image} testId={`dnn-${s}-image`} sub />,
          ];
        })}
      </tbody>
    </table>
  );
}

/** Readers 1 and 2 made the consensus the ground truth comes from: only the comparison reader is independent. */
function readerNote(slot: string, read: number, slices: number): string {
  const words = `${read} of ${slices} slices read`;
  return slot === 'comparison' ? `${words}; not part of the consensus` : `${words}; made the consensus, so not independent`;
}

function GroupRow({ title, note }: { title: string; note?: string }) {
  return (
    <tr className="group-row">
      <th colSpan={4}>
        {title} {note && <span className="muted small">({note})</span>}
      </th>
    </tr>
  );
}

function ReaderRows({ title, note, image, segment, slot }: { title: string; note: string; image: LevelFigures; segment: LevelFigures; slot: string }) {
  return (
    <>
      <GroupRow title={title} note={note} />
      <tr data-testid={`reader-${slot}-image`}>
        <td className="row-label">Level of image</td>
        <td className="num">{proportion(image.sensitivity)}</td>
        <td className="num">{proportion(image.specificity)}</td>
        <td className="num muted" title="A reader gives a yes/no decision, not a probability">
          —
        </td>
      </tr>
      <tr data-testid={`reader-${slot}-segment`}>
        <td className="row-label">Level of individual spinal segment</td>
        <td className="num">{proportion(segment.sensitivity)}</td>
        <td className="num">{proportion(segment.specificity)}</td>
        <td className="num muted">—</td>
      </tr>
    </>
  );
}

function ModelRow({ label, across, testId, sub = false }: { label: string; across: Across; testId: string; sub?: boolean }) {
  const cell = (m: MeanSd) => (
    <td className="num" title={`${f2(m.mean)} mean, ${f2(m.sd)} SD, ${foldsNote(m)}`}>
      {meanSd(m)}
    </td>
  );
  return (
    <tr data-testid={testId} className={sub ? 'sub-row' : ''}>
      <td className="row-label">{label}</td>
      {cell(across.sensitivity)}
      {cell(across.specificity)}
      {cell(across.auc)}
    </tr>
  );
}
