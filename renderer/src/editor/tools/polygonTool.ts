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

/** A click within this many SCREEN pixels of the first vertex closes the polygon. */
export const POLYGON_CLOSE_RADIUS_SCREEN_PX = 8;

/**
 * Polygon: click vertices one by one. It closes and fills ('Polygon') on a double click, on
 * Enter, or on a click near the first vertex (with at least three vertices). Backspace removes
 * the last vertex; Escape cancels. Alt on the first click makes it subtract ('Polygon erase').
 * Between clicks the pointer position is the rubber-band end of the preview.
 */
export class PolygonTool implements EditorTool {
  readonly id = 'polygon' as const;
  private points: ImagePoint[] = [];
  private cursor: ImagePoint | null = null;
  private sliceIndex = -1;
  private mode: 'add' | 'subtract' = 'add';
  private closeToleranceImagePx = POLYGON_CLOSE_RADIUS_SCREEN_PX;
  private currentPreview: ToolPreview | null = null;

  constructor(readonly fillRule: FillRule = 'nonzero') {}

  get active(): boolean {
    return this.points.length > 0;
  }

  get preview(): ToolPreview | null {
    return this.currentPreview;
  }

  /** Vertices placed so far (image pixel coordinates). */
  get vertices(): readonly ImagePoint[] {
    return this.points;
  }

  pointerDown(p: ToolPointer, ctx: ToolContext): MaskEdit | null {
    if (!isDrawingButton(p)) return null;
    this.closeToleranceImagePx = POLYGON_CLOSE_RADIUS_SCREEN_PX * ctx.imagePixelsPerScreenPixel;
    const point = { x: p.x, y: p.y };
    this.cursor = point;
    if (this.points.length === 0) {
      this.points = [point];
      this.sliceIndex = ctx.sliceIndex;
      this.mode = p.altKey ? 'subtract' : 'add';
      this.refreshPreview();
      return null;
    }
    // The second press of a double click lands where the first one already put a vertex.
    if ((p.clickCount ?? 1) >= 2) return this.points.length >= 3 ? this.close(ctx) : this.unchanged();
    if (this.points.length >= 3 && this.nearFirst(point)) return this.close(ctx);
    const last = this.points[this.points.length - 1]!;
    if (distance(last, point) > 1e-6) this.points.push(point);
    this.refreshPreview();
    return null;
  }

  pointerMove(p: ToolPointer, ctx: ToolContext): MaskEdit | null {
    this.closeToleranceImagePx = POLYGON_CLOSE_RADIUS_SCREEN_PX * ctx.imagePixelsPerScreenPixel;
    if (this.points.length === 0) return null;
    this.cursor = { x: p.x, y: p.y };
    this.refreshPreview();
    return null;
  }

  pointerUp(_p: ToolPointer, _ctx: ToolContext): MaskEdit | null {
    return null;
  }

  key(key: string, ctx: ToolContext): ToolKeyOutcome {
    if (this.points.length === 0) return KEY_NOT_HANDLED;
    switch (key) {
      case 'Enter':
        return { handled: true, edit: this.points.length >= 3 ? this.close(ctx) : null };
      case 'Escape':
        this.cancel();
        return { handled: true, edit: null };
      case 'Backspace':
        this.points.pop();
        this.refreshPreview();
        return { handled: true, edit: null };
      default:
        return KEY_NOT_HANDLED;
    }
  }

  cancel(): void {
    this.points = [];
    this.cursor = null;
    this.refreshPreview();
  }

  private close(ctx: ToolContext): MaskEdit | null {
    const points = this.points;
    const sliceIndex = this.sliceIndex;
    const mode = this.mode;
    this.cancel();
    if (sliceIndex !== ctx.sliceIndex) return null;
    const after = ctx.mask.clone();
    if (fillPolygon(after, points, this.fillRule, mode === 'add' ? 1 : 0) === 0) return null;
    return { sliceIndex, label: mode === 'add' ? 'Polygon' : 'Polygon erase', before: ctx.mask.clone(), after };
  }

  private unchanged(): null {
    this.refreshPreview();
    return null;
  }

  private nearFirst(point: ImagePoint): boolean {
    return distance(this.points[0]!, point) <= this.closeToleranceImagePx;
  }

  private refreshPreview(): void {
    if (this.points.length === 0) {
      this.currentPreview = null;
      return;
    }
    const closable = this.points.length >= 3 && this.cursor !== null && this.nearFirst(this.cursor);
    this.currentPreview = {
      kind: 'polygon',
      mode: this.mode,
      points: this.points.slice(),
      cursor: this.cursor,
      closable,
    };
  }
}
