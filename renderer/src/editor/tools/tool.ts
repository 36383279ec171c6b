import type { ImagePoint } from '../geometry';
import type { SliceMask } from '../mask/sliceMask';

/**
 * The contract between the editor's tools and whatever feeds them pointer events (the canvas
 * layer of the reader view). Tools see IMAGE PIXEL coordinates only: the caller converts screen
 * positions with the current Viewport, so zooming or panning in the middle of a stroke changes
 * nothing for the tool (drag-pan and zoom-about-the-cursor keep the image point under the
 * cursor where it was, so a stroke simply continues).
 *
 * Caller's duties, so a tool never edits the wrong slice:
 * - call `cancel()` (or let the tool finish) before changing slice, undoing, or replacing the
 *   slice's mask while `active` is true;
 * - apply the returned MaskEdit through the session (which records undo and marks the slice).
 */

/** Which tool: the ids the shortcut map and the toolbar use. */
export type ToolId = 'brush' | 'eraser' | 'lasso' | 'polygon' | 'pan';

/** A pointer event as a tool sees it. */
export interface ToolPointer {
  /** Position in image pixel coordinates (continuous; pixel centres at +0.5). */
  readonly x: number;
  readonly y: number;
  /** DOM button number: 0 primary (draws), 1 middle, 2 secondary. Missing means primary. */
  readonly button?: number;
  readonly shiftKey?: boolean;
  readonly altKey?: boolean;
  readonly ctrlKey?: boolean;
  readonly metaKey?: boolean;
  /** The DOM event's `detail` on pointer down: 2 for the second press of a double click. */
  readonly clickCount?: number;
}

/** What a tool needs to know about the slice it works on. */
export interface ToolContext {
  /** Index of the slice being edited (0-based, position in the series). */
  readonly sliceIndex: number;
  /** The slice's committed mask. Tools read it and never modify it. */
  readonly mask: SliceMask;
  /**
   * Image pixels per screen (CSS) pixel at the current zoom (1 / Viewport.zoom), so hit
   * tolerances such as "click near the first point" stay a constant size on screen.
   */
  readonly imagePixelsPerScreenPixel: number;
}

/**
 * A finished change of one slice's mask, as a tool or command hands it to the session.
 * `before` is the committed mask the change started from, `after` the result; both are
 * private copies (the tool keeps no reference).
 */
export interface MaskEdit {
  /** Slice index (0-based). */
  readonly sliceIndex: number;
  /** Human label for the history panel and the audit: 'Brush stroke', 'Fill holes' ... */
  readonly label: string;
  readonly before: SliceMask;
  readonly after: SliceMask;
}

/** What the canvas layer draws while a tool works or hovers; all coordinates in image pixels. */
export type ToolPreview =
  | {
      /** A brush or eraser stroke in progress: `working` is the slice's mask with the stroke so far. */
      readonly kind: 'stroke';
      readonly mode: 'paint' | 'erase';
      readonly points: readonly ImagePoint[];
      /** Brush radius, image pixels. */
      readonly radius: number;
      readonly working: SliceMask;
    }
  | {
      /** The brush or eraser outline under the cursor while no stroke is in progress. */
      readonly kind: 'brushCursor';
      readonly mode: 'paint' | 'erase';
      readonly center: ImagePoint;
      readonly radius: number;
    }
  | {
      /** A freehand lasso being drawn; it closes on release. */
      readonly kind: 'lasso';
      readonly mode: 'add' | 'subtract';
      readonly points: readonly ImagePoint[];
    }
  | {
      /** A polygon being clicked: fixed vertices, the rubber-band cursor, and whether a click now closes it. */
      readonly kind: 'polygon';
      readonly mode: 'add' | 'subtract';
      readonly points: readonly ImagePoint[];
      readonly cursor: ImagePoint | null;
      readonly closable: boolean;
    };

/** Outcome of a key offered to the tool. */
export interface ToolKeyOutcome {
  /** True when the tool used the key (the caller should not treat it as a global shortcut). */
  readonly handled: boolean;
  /** A finished edit, e.g. Enter closing a polygon. */
  readonly edit: MaskEdit | null;
}

/** A drawing tool: a small state machine over pointer events in image pixel coordinates. */
export interface EditorTool {
  readonly id: ToolId;
  /** True while a stroke, lasso or polygon is in progress (cancel() discards it). */
  readonly active: boolean;
  /** What to draw now, or null. A new object whenever it changes (safe for React state). */
  readonly preview: ToolPreview | null;
  pointerDown(p: ToolPointer, ctx: ToolContext): MaskEdit | null;
  pointerMove(p: ToolPointer, ctx: ToolContext): MaskEdit | null;
  pointerUp(p: ToolPointer, ctx: ToolContext): MaskEdit | null;
  /** Offers a key (DOM KeyboardEvent.key: 'Enter', 'Escape', 'Backspace' ...). */
  key(key: string, ctx: ToolContext): ToolKeyOutcome;
  /** Discards the operation in progress; the slice's mask is untouched. */
  cancel(): void;
}

/** True for the button that draws (primary, or unspecified for pens and tests). */
export function isDrawingButton(p: ToolPointer): boolean {
  return p.button === undefined || p.button === 0;
}

export const KEY_NOT_HANDLED: ToolKeyOutcome = { handled: false, edit: null };
