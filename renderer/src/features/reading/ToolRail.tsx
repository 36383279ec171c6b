import type { ReactNode } from 'react';
import type { ReaderController } from '../../editor/readerController';
import type { ShortcutAction } from '../../editor/shortcuts';
import type { ToolId } from '../../editor/tools/tool';
import { Icons } from './icons';
import { shortcutHint, withHint } from './shortcut-hint';

const TOOLS: { id: ToolId; action: ShortcutAction; label: string; icon: () => ReactNode }[] = [
  { id: 'brush', action: 'toolBrush', label: 'Brush', icon: Icons.brush },
  { id: 'eraser', action: 'toolEraser', label: 'Eraser', icon: Icons.eraser },
  { id: 'lasso', action: 'toolLasso', label: 'Lasso (Alt subtracts)', icon: Icons.lasso },
  { id: 'polygon', action: 'toolPolygon', label: 'Polygon (Enter or double-click closes)', icon: Icons.polygon },
  { id: 'pan', action: 'toolPan', label: 'Pan', icon: Icons.pan },
];

const COMMANDS: { action: ShortcutAction; label: string; icon: () => ReactNode }[] = [
  { action: 'fillHoles', label: 'Fill holes', icon: Icons.fillHoles },
  { action: 'removeIslands', label: 'Remove small islands', icon: Icons.removeIslands },
  { action: 'copyFromPreviousSlice', label: 'Copy ROIs from the previous slice', icon: Icons.copyPrevious },
  { action: 'copyFromNextSlice', label: 'Copy ROIs from the next slice', icon: Icons.copyNext },
];

/** The reader's vertical tool bar: tools, brush size, ROI commands, undo and redo. */
export function ToolRail({ controller, locked }: { controller: ReaderController; locked: boolean }) {
  const tool = controller.toolId;
  const stroke = tool === 'eraser' ? controller.tools.eraser : controller.tools.brush;
  const session = controller.session;
  return (
    <nav className="tool-rail" role="toolbar" aria-label="Tools" aria-orientation="vertical">
      {TOOLS.map((t) => (
        <RailButton
          key={t.id}
          label={withHint(t.label, t.action)}
          pressed={tool === t.id}
          disabled={locked && t.id !== 'pan'}
          onClick={() => controller.perform(t.action)}
          hint={shortcutHint(t.action)}
        >
          {t.icon()}
        </RailButton>
      ))}
      <div className="brush-size" title={`${tool === 'eraser' ? 'Eraser' : 'Brush'} radius in image pixels ([ and ])`}>
        <button type="button" aria-label={withHint('Smaller brush', 'brushSizeDown')} disabled={locked} onMouseDown={noFocus} onClick={() => controller.perform('brushSizeDown')}>
          −
        </button>
        <output aria-label="Brush radius" data-testid="brush-radius">
          {stroke.radius}
        </output>
        <button type="button" aria-label={withHint('Larger brush', 'brushSizeUp')} disabled={locked} onMouseDown={noFocus} onClick={() => controller.perform('brushSizeUp')}>
          +
        </button>
      </div>
      <hr />
      {COMMANDS.map((c) => (
        <RailButton key={c.action} label={withHint(c.label, c.action)} disabled={locked} onClick={() => controller.perform(c.action)} hint={shortcutHint(c.action)}>
          {c.icon()}
        </RailButton>
      ))}
      <hr />
      <RailButton label={withHint('Undo', 'undo')} disabled={!session.canUndo} onClick={() => controller.perform('undo')}>
        {Icons.undo()}
      </RailButton>
      <RailButton label={withHint('Redo', 'redo')} disabled={!session.canRedo} onClick={() => controller.perform('redo')}>
        {Icons.redo()}
      </RailButton>
      <span className="spacer" />
      <RailButton label={withHint('Fit to window', 'fit')} onClick={() => controller.perform('fit')}>
        {Icons.fit()}
      </RailButton>
    </nav>
  );
}

/** Tool bar buttons never take the keyboard focus from the image (Space would click them). */
function noFocus(e: { preventDefault(): void }) {
  e.preventDefault();
}

function RailButton({ label, pressed, disabled, onClick, hint, children }: { label: string; pressed?: boolean; disabled?: boolean; onClick: () => void; hint?: string; children: ReactNode }) {
  return (
    <button type="button" className={`rail-button${pressed ? ' toggled' : ''}`} aria-label={label} title={label} aria-pressed={pressed} disabled={disabled} onMouseDown={noFocus} onClick={onClick}>
      {children}
      {hint && hint.length === 1 && <span className="rail-key">{hint}</span>}
    </button>
  );
}
