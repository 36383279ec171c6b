import type { ModelSummary } from '../../../../shared/model/training';
import { duration, fmt, foldColour } from './training-format';

/** Every finished epoch of every fold, in the order they finished; a row appears as each epoch ends. */
export function EpochTable({ model }: { model: ModelSummary }) {
  const rows = [...model.epochs].sort((a, b) => a.fold - b.fold || a.epoch - b.epoch);
  return (
    <details className="epoch-details" open>
      <summary>
        Every epoch <span className="muted small">({rows.length})</span>
      </summary>
      <table className="grid epoch-table" aria-label="Epochs" data-testid="epoch-table">
        <thead>
          <tr>
            <th>Fold</th>
            <th className="num">Epoch</th>
            <th className="num">Train loss</th>
            <th className="num">Val loss</th>
            <th className="num">Dice</th>
            <th className="num">Sensitivity</th>
            <th className="num">Specificity</th>
            <th className="num">AUC</th>
            <th className="num">Time</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={9} className="muted">
                No epoch has finished yet.
              </td>
            </tr>
          ) : (
            rows.map((e) => (
              <tr key={`${e.fold}-${e.epoch}`} data-testid="epoch-row">
                <td>
                  <span className="swatch" style={{ background: foldColour(e.fold) }} /> Fold {e.fold + 1}
                </td>
                <td className="num">{e.epoch + 1}</td>
                <td className="num">{fmt(e.trainLoss)}</td>
                <td className="num">{fmt(e.valLoss)}</td>
                <td className="num">{fmt(e.valDice)}</td>
                <td className="num">{fmt(e.sensitivity)}</td>
                <td className="num">{fmt(e.specificity)}</td>
                <td className="num">{fmt(e.auc)}</td>
                <td className="num">{duration(e.seconds)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </details>
  );
}
