import type { ReactNode } from 'react';
import type { KappaFigures } from '../../../../shared/model/agreement';
import { ciWords, fmt, LANDIS_KOCH, strengthClass } from './format';

/**
 * One level's headline: Cohen's kappa large, its 95% CI, the Landis-Koch word, observed
 * agreement, PABAK and n, the confusion matrix, and where kappa falls on the Landis-Koch scale.
 */
export function KappaFiguresView({ title, figures, rows, columns, testId, children }: { title: string; figures: KappaFigures; rows: string; columns: string; testId: string; children?: ReactNode }) {
  const k = figures;
  return (
    <section className="panel kappa-card" aria-label={title} data-testid={testId}>
      <h2>{title}</h2>
      {children}
      <div className="kappa-head">
        <div>
          <div className="kappa-value" data-testid={`${testId}-kappa`}>
            <span className="muted kappa-symbol">κ</span> {fmt(k.kappa)}
          </div>
          <div className="muted small">95% CI {ciWords(k)}</div>
        </div>
        <div>
          {k.strength ? <span className={strengthClass(k.strength)} data-testid={`${testId}-strength`}>{k.strength}</span> : null}
        </div>
      </div>
      {k.undefinedReason && <p className="small warn">{k.undefinedReason}</p>}
      <LandisKochScale figures={k} />
      <dl className="kappa-facts">
        <dt>Observed agreement</dt>
        <dd data-testid={`${testId}-po`}>{fmt(k.observedAgreement)}</dd>
        <dt>Chance agreement</dt>
        <dd>{fmt(k.expectedAgreement)}</dd>
        <dt>PABAK</dt>
        <dd data-testid={`${testId}-pabak`}>{fmt(k.pabak)}</dd>
        <dt>Items rated by both</dt>
        <dd>{k.n}</dd>
      </dl>
      <ConfusionMatrix figures={k} rows={rows} columns={columns} label={`Confusion matrix: ${title}`} />
    </section>
  );
}

/** The 2 x 2 table: rows the first reader, columns the second, with margins. */
export function ConfusionMatrix({ figures, rows, columns, label }: { figures: KappaFigures; rows: string; columns: string; label: string }) {
  const { tp, fn, fp, tn } = figures.confusion;
  return (
    <table className="confusion" aria-label={label}>
      <thead>
        <tr>
          <th rowSpan={2} colSpan={2} className="corner" />
          <th colSpan={2}>{columns}</th>
          <th rowSpan={2}>total</th>
        </tr>
        <tr>
          <th>present</th>
          <th>absent</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th rowSpan={2} className="vertical">
            {rows}
          </th>
          <th>present</th>
          <td className="agree">{tp}</td>
          <td className="disagree">{fn}</td>
          <td className="margin">{tp + fn}</td>
        </tr>
        <tr>
          <th>absent</th>
          <td className="disagree">{fp}</td>
          <td className="agree">{tn}</td>
          <td className="margin">{fp + tn}</td>
        </tr>
        <tr>
          <th colSpan={2}>total</th>
          <td className="margin">{tp + fp}</td>
          <td className="margin">{fn + tn}</td>
          <td className="margin">{tp + fn + fp + tn}</td>
        </tr>
      </tbody>
    </table>
  );
}

/** The Landis-Koch bands from -0.2 to 1 with kappa marked and its CI as a whisker (SVG). */
export function LandisKochScale({ figures }: { figures: KappaFigures }) {
  const W = 400, H = 38, lo = -0.2, hi = 1;
  const x = (v: number) => ((Math.max(lo, Math.min(hi, v)) - lo) / (hi - lo)) * W;
  const k = figures.kappa;
  return (
    <svg className="lk-scale" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Landis-Koch scale${k === null ? '' : `, kappa ${fmt(k)}`}`}>
      {LANDIS_KOCH.map((b) => (
        <g key={b.word}>
          <rect x={x(b.from)} y={6} width={x(b.to) - x(b.from)} height={12} className={`lk-band lk-${b.word.replace(' ', '-')}`} />
          <text x={(x(b.from) + x(b.to)) / 2} y={32} textAnchor="middle" className="lk-word">
            {b.word}
          </text>
        </g>
      ))}
      {figures.ci95 && <line x1={x(figures.ci95.lower)} x2={x(figures.ci95.upper)} y1={12} y2={12} className="lk-ci" />}
      {k !== null && <path d={`M ${x(k)} 3 l 5 -3 h -10 z M ${x(k)} 3 v 18`} className="lk-marker" />}
    </svg>
  );
}
