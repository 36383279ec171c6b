import type { SliceChange } from './change';
import type { ScreenPoint } from './geometry';
import type { SeriesEditSession } from './session';
import { matchShortcut, OVERLAY_OPACITY_STEPS, type KeyEventLike, type ShortcutAction } from './shortcuts';
import { copyFromSliceEdit, DEFAULT_MIN_ISLAND_PX, fillHolesEdit, removeIslandsEdit } from './tools/commands';
import { LassoTool } from './tools/lassoTool';
import { PolygonTool } from './tools/polygonTool';
import { StrokeTool } from './tools/strokeTool';
import type { EditorTool, MaskEdit, ToolContext, ToolId, ToolPreview } from './tools/tool';
import { Viewport, wheelZoomFactor } from './viewport';
import { WheelSliceSteps } from './wheel-slices';

/**
 * The reader view's input glue, still without React or Konva: routes screen pointer events to
 * either a pan drag or the current tool (converted to image pixels by the current viewport),
 * keys to the tool first and then to the shortcut map, and every change to `persist`.
 *
 * Rules that keep strokes whole and on the right slice:
 * - middle button, Space held or the pan tool drag the image; a stroke in progress resumes
 *   afterwards at the same image point, since a drag-pan keeps it under the cursor;
 * - the wheel zooms about the cursor with Ctrl (and trackpad pinch) and always while a tool is
 *   busy; otherwise it scrolls slices, like a PACS stack;
 * - changing slice cancels the stroke or polygon in progress; so does Ctrl+Z (that press only
 *   cancels, the next one undoes).
 */
export interface ReaderControllerOptions {
  /** Called with every change to persist (new action, undo, redo). */
  readonly persist: (change: SliceChange) => void;
  /** Called with errors meant for the reader (a locked read, a stale edit ...). */
  readonly reportError?: (error: unknown) => void;
  /** Called with command outcomes worth a toast ('No holes to fill'). */
  readonly notify?: (message: string) => void;
  /** Lesion components smaller than this are removed by 'I', pixels. */
  readonly minIslandPx?: number;
  /** Action for shortcuts the controller does not handle itself ('showShortcuts', lock ...). */
  readonly onOtherAction?: (action: ShortcutAction) => void;
}

/** Pointer event as the controller takes it: screen (CSS pixel) position plus buttons and keys. */
export interface ScreenPointer extends ScreenPoint {
  readonly button?: number;
  readonly shiftKey?: boolean;
  readonly altKey?: boolean;
  readonly ctrlKey?: boolean;
  readonly metaKey?: boolean;
  readonly clickCount?: number;
}

const REPEATABLE_ACTIONS: ReadonlySet<ShortcutAction> = new Set<ShortcutAction>([
  'previousSlice', 'nextSlice', 'brushSizeDown', 'brushSizeUp', 'opacityDown', 'opacityUp',
  'zoomIn', 'zoomOut', 'undo', 'redo', 'panHold',
]);

export class ReaderController {
  readonly tools: Readonly<Record<Exclude<ToolId, 'pan'>, EditorTool>> & {
    readonly brush: StrokeTool;
    readonly eraser: StrokeTool;
  };
  private currentToolId: ToolId = 'brush';
  private slice = 0;
  private view: Viewport;
  private panStart: { viewport: Viewport; at: ScreenPoint } | null = null;
  private spaceHeld = false;
  private readonly wheelSteps = new WheelSliceSteps();
  private opacityIndex = 3;
  private outline = false;
  private overlayShown = true;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly session: SeriesEditSession,
    viewport: Viewport,
    private readonly options: ReaderControllerOptions,
  ) {
    this.view = viewport;
    this.tools = {
      brush: new StrokeTool('paint'),
      eraser: new StrokeTool('erase'),
      lasso: new LassoTool(),
      polygon: new PolygonTool(),
    };
  }

  // ---- state for the view ----

  get sliceIndex(): number {
    return this.slice;
  }

  get toolId(): ToolId {
    return this.currentToolId;
  }

  get viewport(): Viewport {
    return this.view;
  }

  /** True while the image is being dragged (show a grabbing cursor). */
  get panning(): boolean {
    return this.panStart !== null;
  }

  /** What the canvas draws for the tool, in image pixels. */
  get preview(): ToolPreview | null {
    return this.drawingTool()?.preview ?? null;
  }

  /** Overlay opacity, 0..1 (OVERLAY_OPACITY_STEPS). */
  get overlayOpacity(): number {
    return OVERLAY_OPACITY_STEPS[this.opacityIndex]!;
  }

  get outlineOnly(): boolean {
    return this.outline;
  }

  get overlayVisible(): boolean {
    return this.overlayShown;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- navigation and view ----

  goToSlice(index: number): void {
    const target = Math.max(0, Math.min(this.session.sliceCount - 1, index));
    if (target === this.slice) return;
    this.drawingTool()?.cancel();
    this.slice = target;
    this.changed();
  }

  selectTool(id: ToolId): void {
    if (id === this.currentToolId) return;
    this.drawingTool()?.cancel();
    this.currentToolId = id;
    this.changed();
  }

  /** The canvas element changed size or pixel ratio. */
  setViewport(viewport: Viewport): void {
    this.view = viewport;
    this.changed();
  }

  // ---- pointer ----

  pointerDown(p: ScreenPointer): void {
    if (p.button === 1 || this.spaceHeld || this.currentToolId === 'pan') {
      this.panStart = { viewport: this.view, at: { x: p.x, y: p.y } };
      this.changed();
      return;
    }
    this.run((tool, ctx) => tool.pointerDown(this.toImage(p), ctx));
  }

  pointerMove(p: ScreenPointer): void {
    if (this.panStart) {
      this.view = this.panStart.viewport.panBy(p.x - this.panStart.at.x, p.y - this.panStart.at.y);
      this.changed();
      return;
    }
    this.run((tool, ctx) => tool.pointerMove(this.toImage(p), ctx));
  }

  pointerUp(p: ScreenPointer): void {
    if (this.panStart) {
      this.pointerMove(p);
      this.panStart = null;
      this.changed();
      return;
    }
    this.run((tool, ctx) => tool.pointerUp(this.toImage(p), ctx));
  }

  /**
   * A wheel event at `at` (screen); deltaY in CSS pixels (see wheelDeltaPixels). Slices move by
   * the summed travel (WheelSliceSteps): a trackpad does not fly through the stack.
   */
  wheel(at: ScreenPoint, deltaY: number, ctrlKey = false): void {
    if (ctrlKey || this.drawingTool()?.active) {
      this.wheelSteps.reset();
      this.view = this.view.zoomAt(at, wheelZoomFactor(deltaY));
      this.changed();
    } else {
      const steps = this.wheelSteps.add(deltaY);
      if (steps !== 0) this.goToSlice(this.slice + steps);
    }
  }

  // ---- keys ----

  /** A keydown; returns true when it was used (the caller then calls preventDefault). */
  keyDown(event: KeyEventLike & { readonly repeat?: boolean }): boolean {
    const tool = this.drawingTool();
    if (tool) {
      const outcome = tool.key(event.key, this.context());
      if (outcome.handled) {
        if (outcome.edit) this.commit(outcome.edit);
        this.changed();
        return true;
      }
    }
    const action = matchShortcut(event);
    if (!action) return false;
    // A held key repeats: fine for stepping through slices or zoom, not for toggles or labels.
    if (event.repeat && !REPEATABLE_ACTIONS.has(action)) return true;
    if (action === 'panHold') {
      this.spaceHeld = true;
      return true;
    }
    this.perform(action);
    return true;
  }

  keyUp(event: KeyEventLike): void {
    if (event.key === ' ') this.spaceHeld = false;
  }

  /** Performs a shortcut action (also for toolbar buttons). */
  perform(action: ShortcutAction): void {
    const s = this.session;
    const i = this.slice;
    switch (action) {
      case 'previousSlice': return this.goToSlice(i - 1);
      case 'nextSlice': return this.goToSlice(i + 1);
      case 'nextUnreadSlice':
      case 'previousUnreadSlice': {
        const next = s.nextUnread(i, action === 'nextUnreadSlice' ? 1 : -1);
        if (next === null) this.options.notify?.('Every slice is read.');
        else this.goToSlice(next);
        return;
      }
      case 'markPresent': return this.guard(() => s.setLabel(i, 'present'));
      case 'markAbsent': return this.guard(() => s.setLabel(i, 'absent'));
      case 'toolBrush': return this.selectTool('brush');
      case 'toolEraser': return this.selectTool('eraser');
      case 'toolLasso': return this.selectTool('lasso');
      case 'toolPolygon': return this.selectTool('polygon');
      case 'toolPan': return this.selectTool('pan');
      case 'brushSizeDown':
      case 'brushSizeUp': {
        const stroke = this.currentToolId === 'eraser' ? this.tools.eraser : this.tools.brush;
        if (action === 'brushSizeUp') stroke.sizeUp();
        else stroke.sizeDown();
        return this.changed();
      }
      case 'fillHoles': return this.command(fillHolesEdit(i, s.mask(i)), 'No enclosed holes to fill.');
      case 'removeIslands': {
        const min = this.options.minIslandPx ?? DEFAULT_MIN_ISLAND_PX;
        return this.command(removeIslandsEdit(i, s.mask(i), min), `No islands smaller than ${min} px.`);
      }
      case 'copyFromPreviousSlice':
      case 'copyFromNextSlice': {
        const source = action === 'copyFromPreviousSlice' ? i - 1 : i + 1;
        if (source < 0 || source >= s.sliceCount) return this.options.notify?.('There is no slice on that side.');
        return this.command(copyFromSliceEdit(i, s.mask(i), source, s.mask(source)), `Slice ${source + 1} adds no ROI here.`);
      }
      case 'undo':
      case 'redo': {
        const tool = this.drawingTool();
        if (tool?.active) {
          tool.cancel();
          return this.changed();
        }
        return this.guard(() => (action === 'undo' ? s.undo() : s.redo()));
      }
      case 'cancel':
        this.drawingTool()?.cancel();
        return this.changed();
      case 'toggleOutline':
        this.outline = !this.outline;
        return this.changed();
      case 'toggleOverlay':
        this.overlayShown = !this.overlayShown;
        return this.changed();
      case 'opacityDown':
      case 'opacityUp': {
        const step = action === 'opacityUp' ? 1 : -1;
        this.opacityIndex = Math.max(0, Math.min(OVERLAY_OPACITY_STEPS.length - 1, this.opacityIndex + step));
        return this.changed();
      }
      case 'zoomIn':
        this.view = this.view.zoomIn();
        return this.changed();
      case 'zoomOut':
        this.view = this.view.zoomOut();
        return this.changed();
      case 'fit':
        this.view = this.view.fitToWindow();
        return this.changed();
      default:
        this.options.onOtherAction?.(action);
    }
  }

  // ---- internals ----

  private drawingTool(): EditorTool | null {
    return this.currentToolId === 'pan' ? null : this.tools[this.currentToolId];
  }

  private context(): ToolContext {
    return {
      sliceIndex: this.slice,
      mask: this.session.mask(this.slice),
      imagePixelsPerScreenPixel: this.view.imagePixelsPerScreenPixel,
    };
  }

  private toImage(p: ScreenPointer): ScreenPointer {
    const image = this.view.screenToImage(p);
    return { ...p, x: image.x, y: image.y };
  }

  private run(step: (tool: EditorTool, ctx: ToolContext) => MaskEdit | null): void {
    const tool = this.drawingTool();
    if (!tool) return;
    const edit = step(tool, this.context());
    if (edit) this.commit(edit);
    this.changed();
  }

  private command(edit: MaskEdit | null, nothingMessage: string): void {
    if (!edit) {
      this.options.notify?.(nothingMessage);
      return;
    }
    this.drawingTool()?.cancel();
    this.commit(edit);
    this.changed();
  }

  private commit(edit: MaskEdit): void {
    this.guard(() => this.session.applyEdit(edit));
  }

  private guard(change: () => SliceChange | null): void {
    try {
      const result = change();
      if (result) this.options.persist(result);
    } catch (error) {
      this.options.reportError?.(error);
    }
    this.changed();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
