import { distance, type ImagePoint } from '../geometry';
import { paintSegment } from '../mask/paint';
import type { SliceMask } from '../mask/sliceMask';
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

/**
 * Brush radii in image pixels, stepped through with '[' and ']'. Roughly geometric (x1.5) so a
 * few presses go from a 1-pixel touch-up of a small vertebral-corner lesion to covering a large
 * edematous vertebral body on a 512-pixel STIR slice.
 */
export const BRUSH_RADIUS_LADDER_PX: readonly number[] = [1, 2, 3, 5, 8, 12, 18, 25];

/** Starting radius (image pixels): fits a typical small BME focus. */
export const DEFAULT_BRUSH_RADIUS_PX = 5;

/** Points closer than this (image pixels) to the previous stroke point are skipped. */
const MIN_POINT_SPACING_PX = 0.25;

interface StrokeInProgress {
  readonly sliceIndex: number;
  readonly before: SliceMask;
  readonly working: SliceMask;
  readonly points: ImagePoint[];
}

/**
 * Brush ('paint') and eraser ('erase'): press, drag, release. The stroke paints into a working
 * copy of the mask as it goes (the preview shows real pixels), and on release yields one
 * MaskEdit labelled 'Brush stroke' or 'Erase' - or nothing when no pixel changed.
 * Shift+press draws a straight line from where the previous stroke on this slice ended.
 */
export class StrokeTool implements EditorTool {
  readonly id: 'brush' | 'eraser';
  private radiusIndex: number;
  private stroke: StrokeInProgress | null = null;
  private hover: ImagePoint | null = null;
  private lastEnd: { sliceIndex: number; point: ImagePoint } | null = null;
  private currentPreview: ToolPreview | null = null;

  constructor(
    readonly mode: 'paint' | 'erase',
    radiusPx: number = DEFAULT_BRUSH_RADIUS_PX,
  ) {
    this.id = mode === 'paint' ? 'brush' : 'eraser';
    this.radiusIndex = nearestLadderIndex(radiusPx);
  }

  /** Current radius, image pixels (one of BRUSH_RADIUS_LADDER_PX). */
  get radius(): number {
    return BRUSH_RADIUS_LADDER_PX[this.radiusIndex]!;
  }

  /** Next larger radius (']'); stays at the top of the ladder. Returns the new radius. */
  sizeUp(): number {
    return this.setRadiusIndex(this.radiusIndex + 1);
  }

  /** Next smaller radius ('['); stays at the bottom of the ladder. Returns the new radius. */
  sizeDown(): number {
    return this.setRadiusIndex(this.radiusIndex - 1);
  }

  /** Sets the radius to the ladder step nearest `radiusPx`. Returns the radius in use. */
  setRadius(radiusPx: number): number {
    return this.setRadiusIndex(nearestLadderIndex(radiusPx));
  }

  get active(): boolean {
    return this.stroke !== null;
  }

  get preview(): ToolPreview | null {
    return this.currentPreview;
  }

  pointerDown(p: ToolPointer, ctx: ToolContext): MaskEdit | null {
    if (!isDrawingButton(p) || this.stroke) return null;
    const point = { x: p.x, y: p.y };
    const working = ctx.mask.clone();
    const points: ImagePoint[] = [];
    const value = this.mode === 'paint' ? 1 : 0;
    if (p.shiftKey && this.lastEnd && this.lastEnd.sliceIndex === ctx.sliceIndex) {
      points.push(this.lastEnd.point);
      paintSegment(working, this.lastEnd.point, point, this.radius, value);
    } else {
      paintSegment(working, point, point, this.radius, value);
    }
    points.push(point);
    this.stroke = { sliceIndex: ctx.sliceIndex, before: ctx.mask.clone(), working, points };
    this.refreshPreview();
    return null;
  }

  pointerMove(p: ToolPointer, _ctx: ToolContext): MaskEdit | null {
    const point = { x: p.x, y: p.y };
    if (!this.stroke) {
      this.hover = point;
      this.refreshPreview();
      return null;
    }
    this.extendStroke(point);
    return null;
  }

  pointerUp(p: ToolPointer, _ctx: ToolContext): MaskEdit | null {
    const stroke = this.stroke;
    if (!stroke) return null;
    this.extendStroke({ x: p.x, y: p.y });
    this.stroke = null;
    this.hover = { x: p.x, y: p.y };
    this.lastEnd = { sliceIndex: stroke.sliceIndex, point: stroke.points[stroke.points.length - 1]! };
    this.refreshPreview();
    if (stroke.before.equals(stroke.working)) return null;
    return {
      sliceIndex: stroke.sliceIndex,
      label: this.mode === 'paint' ? 'Brush stroke' : 'Erase',
      before: stroke.before,
      after: stroke.working,
    };
  }

  key(key: string, _ctx: ToolContext): ToolKeyOutcome {
    if (key === 'Escape' && this.stroke) {
      this.cancel();
      return { handled: true, edit: null };
    }
    return KEY_NOT_HANDLED;
  }

  cancel(): void {
    this.stroke = null;
    this.refreshPreview();
  }

  private extendStroke(point: ImagePoint): void {
    const stroke = this.stroke!;
    const last = stroke.points[stroke.points.length - 1]!;
    if (distance(last, point) < MIN_POINT_SPACING_PX) return;
    paintSegment(stroke.working, last, point, this.radius, this.mode === 'paint' ? 1 : 0);
    stroke.points.push(point);
    this.refreshPreview();
  }

  private setRadiusIndex(index: number): number {
    this.radiusIndex = Math.max(0, Math.min(BRUSH_RADIUS_LADDER_PX.length - 1, index));
    this.refreshPreview();
    return this.radius;
  }

  private refreshPreview(): void {
    if (this.stroke) {
      this.currentPreview = {
        kind: 'stroke',
        mode: this.mode,
        points: this.stroke.points.slice(),
        radius: this.radius,
        working: this.stroke.working,
      };
    } else if (this.hover) {
      this.currentPreview = { kind: 'brushCursor', mode: this.mode, center: this.hover, radius: this.radius };
    } else {
      this.currentPreview = null;
    }
  }
}

function nearestLadderIndex(radiusPx: number): number {
  let best = 0;
  BRUSH_RADIUS_LADDER_PX.forEach((r, i) => {
    if (Math.abs(r - radiusPx) < Math.abs(BRUSH_RADIUS_LADDER_PX[best]! - radiusPx)) best = i;
  });
  return best;
}
