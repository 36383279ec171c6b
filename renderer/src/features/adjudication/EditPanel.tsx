import type { ToolId } from '../../editor/tools/tool';
import type { ConsensusEdit } from './consensus-edit';

/** Where a consensus draft can start from. */
export type EditSeed = 'union' | 'intersection' | 'reader1' | 'reader2' | 'consensus' | 'empty';

export const SEED_WORDS: Record<EditSeed, string> = {
  union: 'union of both readers',
  intersection: 'intersection of both readers',
  reader1: "reader 1's mask",
  reader2: "reader 2's mask",
  consensus: 'the current consensus',
  empty: 'an empty mask',
};

const TOOLS: { id: ToolId; label: string; key: string }[] = [
  { id: 'brush', label: 'Brush', key: 'B' },
  { id: 'eraser', label: 'Eraser', key: 'E' },
  { id: 'lasso', label: 'Lasso', key: 'L' },
  { id: 'polygon', label: 'Polygon', key: 'G' },
  { id: 'pan', label: 'Pan', key: 'H' },
];

export interface EditPanelProps {
  edit: ConsensusEdit;
  seed: EditSeed;
  seeds: EditSeed[];
  onSeed(seed: EditSeed): void;
  reason: string;
  onReason(reason: string): void;
  busy: boolean;
  onSave(): void;
  onDiscard(): void;
}

/**
 * The consensus draft's tools - the readers' own, with their keys - and save / discard. The
 * saved draft becomes an 'edited' decision; an empty draft means BME absent.
 */
export function EditPanel({ edit, seed, seeds, onSeed, reason, onReason, busy, onSave, onDiscard }: EditPanelProps) {
  const c = edit.controller;
  const tool = c.toolId;
  const stroke = tool === 'eraser' ? c.tools.eraser : c.tools.brush;
  const pixels = edit.pixelCount();
  return (
    <aside className="adj-decide adj-edit" aria-label="Edit consensus">
      <h2>Edit the consensus</h2>
      <label>
        Start from
        <select value={seed} onChange={(e) => onSeed(e.target.value as EditSeed)} title="Replaces the draft">
          {seeds.map((s) => (
            <option key={s} value={s}>
              {SEED_WORDS[s]}
            </option>
          ))}
        </select>
      </label>
      <div className="adj-tools" role="toolbar" aria-label="Tools">
        {TOOLS.map((t) => (
          <button type="button" key={t.id} className={tool === t.id ? 'toggled' : ''} aria-pressed={tool === t.id} onMouseDown={(e) => e.preventDefault()} onClick={() => c.selectTool(t.id)} title={`${t.label} (${t.key})`}>
            {t.label}
          </button>
        ))}
      </div>
      {(tool === 'brush' || tool === 'eraser') && (
        <div className="row small">
          <span className="muted">Size</span>
          <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={() => c.perform('brushSizeDown')} title="Smaller ([)" aria-label="Smaller brush">
            −
          </button>
          <span data-testid="brush-radius">r {stroke.radius} px</span>
          <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={() => c.perform('brushSizeUp')} title="Larger (])" aria-label="Larger brush">
            +
          </button>
        </div>
      )}
      <div className="row small adj-edit-commands">
        <button type="button" onMouseDown={(e) => e.preventDefault()} disabled={!edit.session.canUndo} onClick={() => c.perform('undo')} title="Undo (Ctrl+Z)">
          Undo
        </button>
        <button type="button" onMouseDown={(e) => e.preventDefault()} disabled={!edit.session.canRedo} onClick={() => c.perform('redo')} title="Redo (Ctrl+Shift+Z)">
          Redo
        </button>
        <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={() => c.perform('fillHoles')} title="Fill holes (F)">
          Fill holes
        </button>
        <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={() => c.perform('removeIslands')} title="Remove small islands (I)">
          Remove islands
        </button>
      </div>
      <p className="small" data-testid="draft-pixels">
        Draft: {pixels > 0 ? `${pixels} px of BME` : <span className="warn">empty - saves as absent</span>}
      </p>
      {edit.notice && <p className="muted small" role="status">{edit.notice}</p>}
      <label className="adj-reason">
        Reason (optional)
        <input value={reason} onChange={(e) => onReason(e.target.value)} maxLength={500} placeholder="why the readers' masks were not enough" />
      </label>
      <div className="row">
        <button type="button" className="primary" disabled={busy} onClick={onSave} title="Save the draft as the consensus (Ctrl+S or Ctrl+Enter)">
          Save edit
        </button>
        <button type="button" disabled={busy} onClick={onDiscard} title="Leave the draft unsaved">
          Discard
        </button>
      </div>
      <p className="muted small">
        Left drag draws · right drag windows · middle drag or Space pans · Ctrl+wheel zooms · [ ] brush size · Ctrl+Z undo
      </p>
    </aside>
  );
}
