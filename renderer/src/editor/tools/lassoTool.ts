import { distance, type ImagePoint } from '../geometry';
import { fillPolygon, type FillRule } from '../mask/polygonFill';
import {
  isDrawingButton,
  KEY_NOT_HANDLED,
  type EditorTool,
  type MaskEdit,
  type ToolContext,
  type ToolKeyOutcome,
  type ToolPointer,
  type ToolPreview,
} from './tool';

/** Points closer than this (image pixels) to the previous lasso point are skipped. */
const MIN_POINT_SPACING_PX = 0.5;

/**
 * Freehand lasso: press, trace the outline, release; the closed outline is filled ('Lasso
 * fill'). Holding Alt when pressing subtracts the area instead ('Lasso erase'). Escape cancels.
 * Self-crossing outlines fill by the non-zero rule by default (loops stay filled).
 */
export class LassoTool implements EditorTool {
  readonly id = 'lasso' as const;
  private points: ImagePoint[] | null = null;
  private sliceIndex = -1;
  private mode: 'add' | 'subtract' = 'add';
  private currentPreview: ToolPreview | null = null;

  constructor(readonly fillRule: FillRule = 'nonzero') {}

  get active(): boolean {
    return this.points !== null;
  }

  get preview(): ToolPreview | null {
    return this.currentPreview;
  }

  pointerDown(p: ToolPointer, ctx: ToolContext): MaskEdit | null {
    if (!isDrawingButton(p) || this.points) return null;
    this.points = [{ x: p.x, y: p.y }];
    this.sliceIndex = ctx.sliceIndex;
    this.mode = p.altKey ? 'subtract' : 'add';
    this.refreshPreview();
    return null;
  }

  pointerMove(p: ToolPointer, _ctx: ToolContext): MaskEdit | null {
    if (!this.points) return null;
    const last = this.points[this.points.length - 1]!;
    if (distance(last, p) >= MIN_POINT_SPACING_PX) {
      this.points.push({ x: p.x, y: p.y });
      this.refreshPreview();
    }
    return null;
  }

  pointerUp(p: ToolPointer, ctx: ToolContext): MaskEdit | null {
    if (!this.points) return null;
    this.pointerMove(p, ctx);
    const points = this.points;
    const sliceIndex = this.sliceIndex;
    this.cancel();
    // The caller cancels tools on slice change; this guard keeps a stale lasso off another slice.
    if (sliceIndex !== ctx.sliceIndex || points.length < 3) return null;
    const after = ctx.mask.clone();
    const changed = fillPolygon(after, points, this.fillRule, this.mode === 'add' ? 1 : 0);
    if (changed === 0) return null;
    return {
      sliceIndex,
      label: this.mode === 'add' ? 'Lasso fill' : 'Lasso erase',
      before: ctx.mask.clone(),
      after,
    };
  }

  key(key: string, _ctx: ToolContext): ToolKeyOutcome {
    if (key === 'Escape' && this.points) {
      this.cancel();
      return { handled: true, edit: null };
    }
    return KEY_NOT_HANDLED;
  }

  cancel(): void {
    this.points = null;
    this.refreshPreview();
  }

  private refreshPreview(): void {
    this.currentPreview = this.points ? { kind: 'lasso', mode: this.mode, points: this.points.slice() } : null;
  }
}
