import type { AgreementReport } from '../../../../shared/model/agreement';
import { DiceChart } from './DiceChart';
import { fmt, SEGMENTS, SLOT_WORDS, strengthClass } from './format';
import { KappaTable, type KappaRow } from './KappaTable';

/** Per spinal segment: reader 1 vs reader 2 at slice and segment level. */
export function BySegmentSection({ report }: { report: AgreementReport }) {
  const rows: KappaRow[] = SEGMENTS.flatMap((s) => {
    const by = report.primary.bySegment[s];
    return by
      ? [
          { label: s, level: 'slices', figures: by.slice },
          { label: s, level: 'segments', figures: by.segment },
        ]
      : [];
  });
  return (
    <section className="panel" aria-label="By spinal segment">
      <h2>By spinal segment · Reader 1 vs Reader 2</h2>
      <KappaTable rows={rows} label="Agreement by spinal segment" />
    </section>
  );
}

/** Every pair of readers with reads (the comparison reader included), and Fleiss' kappa over all. */
export function PairsSection({ report }: { report: AgreementReport }) {
  const rows: KappaRow[] = report.pairs.flatMap((p) => {
    const label = `${SLOT_WORDS[p.slotA]} vs ${SLOT_WORDS[p.slotB]}`;
    return [
      { label, level: 'slices', figures: p.slice },
      { label, level: 'segments', figures: p.segment },
    ];
  });
  const f = report.fleiss;
  return (
    <section className="panel" aria-label="Reader pairs">
      <h2>Pairs of readers</h2>
      <KappaTable rows={rows} label="Agreement by pair of readers" />
      <p className="fleiss" data-testid="fleiss">
        <strong>Fleiss' κ</strong> across all {f.raters} readers: <strong>{fmt(f.kappa)}</strong>{' '}
        {f.strength && <span className={strengthClass(f.strength)}>{f.strength}</span>}{' '}
        <span className="muted">
          over {f.subjects} slices read by all{f.undefinedReason ? ` · ${f.undefinedReason}` : ''}
        </span>
      </p>
    </section>
  );
}

/** Dice and IoU where both primary readers drew, summarised and charted per series. */
export function OverlapSection({ report, threshold }: { report: AgreementReport; threshold: number | null }) {
  const o = report.primary.overlap;
  return (
    <section className="panel" aria-label="Mask overlap">
      <h2>Mask overlap where both readers marked BME</h2>
      <div className="overlap-figures" data-testid="overlap">
        <div>
          <span className="big">{o.slices}</span>
          <span className="muted small">slices both drew</span>
        </div>
        <div>
          <span className="big" data-testid="mean-dice">{fmt(o.meanDice)}</span>
          <span className="muted small">mean Dice</span>
        </div>
        <div>
          <span className="big">{fmt(o.medianDice)}</span>
          <span className="muted small">median Dice</span>
        </div>
        <div>
          <span className="big">{fmt(o.meanIoU)}</span>
          <span className="muted small">mean IoU</span>
        </div>
      </div>
      <DiceChart report={report} threshold={threshold} />
    </section>
  );
}

/** Series read completely by both primary readers, of those with both assigned. */
export function ProgressStrip({ report }: { report: AgreementReport }) {
  const p = report.progress;
  return (
    <div className="agreement-progress" data-testid="agreement-progress">
      <progress value={p.seriesBothComplete} max={Math.max(1, p.seriesAssigned)} aria-label="Series complete" />
      <span>
        <strong>{p.seriesBothComplete}</strong> of {p.seriesAssigned} series read completely by both readers · {p.slicesBothRead} slices read by both
      </span>
    </div>
  );
}
