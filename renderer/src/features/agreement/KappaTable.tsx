import type { KappaFigures } from '../../../../shared/model/agreement';
import { ciWords, fmt, strengthClass } from './format';

export interface KappaRow {
  /** Row heading, e.g. 'cervical' or 'Reader 1 vs Reader 2'. */
  label: string;
  /** Level within the row ('slices', 'segments'). */
  level: string;
  figures: KappaFigures;
}

/** Kappa figures side by side: one row per group and level, the confusion counts at the right. */
export function KappaTable({ rows, label }: { rows: readonly KappaRow[]; label: string }) {
  return (
    <table className="grid kappa-table" aria-label={label}>
      <thead>
        <tr>
          <th />
          <th>level</th>
          <th className="num">n</th>
          <th className="num no-case">κ</th>
          <th>95% CI</th>
          <th>strength</th>
          <th className="num">P<sub>o</sub></th>
          <th className="num">PABAK</th>
          <th className="num" title="both present">++</th>
          <th className="num" title="first present, second absent">+−</th>
          <th className="num" title="first absent, second present">−+</th>
          <th className="num" title="both absent">−−</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => {
          const k = r.figures;
          const first = i === 0 || rows[i - 1]!.label !== r.label;
          let span = 1;
          while (first && i + span < rows.length && rows[i + span]!.label === r.label) span++;
          return (
            <tr key={`${r.label}-${r.level}`} className={first ? 'group-start' : ''}>
              {first && (
                <th scope="rowgroup" rowSpan={span}>
                  {r.label}
                </th>
              )}
              <td>{r.level}</td>
              <td className="num">{k.n}</td>
              <td className="num strong" title={k.undefinedReason ?? undefined}>
                {fmt(k.kappa)}
              </td>
              <td className="muted">{ciWords(k)}</td>
              <td>{k.strength ? <span className={strengthClass(k.strength)}>{k.strength}</span> : <span className="muted small" title={k.undefinedReason ?? undefined}>{k.n === 0 ? 'no items' : 'undefined'}</span>}</td>
              <td className="num">{fmt(k.observedAgreement)}</td>
              <td className="num">{fmt(k.pabak)}</td>
              <td className="num">{k.confusion.tp}</td>
              <td className="num">{k.confusion.fn}</td>
              <td className="num">{k.confusion.fp}</td>
              <td className="num">{k.confusion.tn}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
