import type { AgreementReport } from '../../../../shared/model/agreement';
import { fmt } from './format';

const SEGMENT_LETTER: Record<string, string> = { cervical: 'C', thoracic: 'T', lumbar: 'L' };

/**
 * Dice of reader 1 and reader 2 per series (SVG, no chart library): each slice where both drew
 * is a dot, the series mean a bar, the Dice threshold of the adjudication queue a dashed line.
 * Series where the readers never both drew show an empty column, labelled '—'.
 */
export function DiceChart({ report, threshold }: { report: AgreementReport; threshold: number | null }) {
  const series = report.seriesOverlaps;
  const W = 720, H = 230, left = 36, right = 10, top = 12, bottom = 46;
  const plotW = W - left - right, plotH = H - top - bottom;
  const col = series.length ? plotW / series.length : plotW;
  const y = (v: number) => top + (1 - v) * plotH;
  if (series.length === 0) return <p className="muted small">No series has both primary reads yet.</p>;
  return (
    <svg className="dice-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Dice per series: slices as dots, series mean as bars">
      {[0, 0.25, 0.5, 0.75, 1].map((v) => (
        <g key={v}>
          <line x1={left} x2={W - right} y1={y(v)} y2={y(v)} className="grid-line" />
          <text x={left - 6} y={y(v) + 4} textAnchor="end" className="axis">
            {v.toFixed(2)}
          </text>
        </g>
      ))}
      {series.map((s, i) => {
        const cx = left + col * (i + 0.5);
        const dots = report.sliceOverlaps.filter((o) => o.seriesId === s.seriesId);
        const barW = Math.min(28, col * 0.6);
        return (
          <g key={s.seriesId}>
            <title>
              {`${s.patient} ${s.segment ?? ''}: ${s.slices} slice(s) both drew, mean Dice ${fmt(s.meanDice)}`}
            </title>
            {s.meanDice !== null && <rect x={cx - barW / 2} y={y(s.meanDice)} width={barW} height={y(0) - y(s.meanDice)} className={`dice-bar ${threshold !== null && s.meanDice < threshold ? 'low' : ''}`} />}
            {dots.map((d, k) => (
              <circle key={k} cx={cx + (dots.length > 1 ? ((k / (dots.length - 1)) - 0.5) * barW * 0.7 : 0)} cy={y(d.dice)} r={3} className="dice-dot">
                <title>{`${d.patient} ${d.segment ?? ''} slice ${d.sliceIndex + 1}: Dice ${fmt(d.dice)}, IoU ${fmt(d.iou)}`}</title>
              </circle>
            ))}
            <text x={cx} y={H - bottom + 16} textAnchor="middle" className="axis">
              {s.patient}
            </text>
            <text x={cx} y={H - bottom + 30} textAnchor="middle" className="axis muted-text">
              {(s.segment && SEGMENT_LETTER[s.segment]) ?? '?'} {s.meanDice === null ? '—' : ''}
            </text>
          </g>
        );
      })}
      {threshold !== null && (
        <g>
          <line x1={left} x2={W - right} y1={y(threshold)} y2={y(threshold)} className="threshold-line" />
          <text x={left + 4} y={y(threshold) - 4} textAnchor="start" className="axis threshold-text">
            discordance threshold {threshold}
          </text>
        </g>
      )}
    </svg>
  );
}
