import { AppError } from '../../../shared/contracts/errors';
import type { ImagePoint, ScreenPoint } from './geometry';

/**
 * How one slice image sits in the canvas: pure math, immutable (every change returns a new
 * Viewport, so React state and tests can hold on to old ones).
 *
 * Spaces:
 * - image: image pixel coordinates (see geometry.ts);
 * - screen: CSS pixels from the canvas element's top-left (event.clientX - rect.left ...);
 * - device: backing-store pixels of the canvas, screen * devicePixelRatio.
 * screen = image * zoom + offset;  device = screen * devicePixelRatio.
 *
 * Zooming about a point and drag-panning keep the image point under the cursor in place, which
 * is why a brush stroke continues seamlessly when the reader zooms or pans mid-stroke.
 */
export interface ViewportState {
  /** Image size, image pixels. */
  readonly imageWidth: number;
  readonly imageHeight: number;
  /** Canvas size, CSS pixels. */
  readonly canvasWidth: number;
  readonly canvasHeight: number;
  /** Device pixels per CSS pixel (window.devicePixelRatio). */
  readonly devicePixelRatio: number;
  /** CSS pixels per image pixel. */
  readonly zoom: number;
  /** Screen position (CSS pixels) of the image's top-left corner. */
  readonly offsetX: number;
  readonly offsetY: number;
}

/** Fraction of the canvas the image fills after fit-to-window (a little air around it). */
export const FIT_FILL_FRACTION = 0.95;
/** Smallest zoom, as a fraction of the fit zoom. */
export const MIN_ZOOM_FRACTION_OF_FIT = 0.25;
/** Largest zoom, CSS pixels per image pixel (or the fit zoom, if a tiny image fits larger). */
export const MAX_ZOOM = 32;
/** Zoom factor of one zoom-in / zoom-out step ('+' / '-'): four steps double the size. */
export const ZOOM_STEP = Math.SQRT2 ** 0.5;
/** At least this much of the image (CSS pixels, per axis) stays inside the canvas when panning. */
export const MIN_VISIBLE_PX = 48;

export class Viewport implements ViewportState {
  readonly imageWidth: number;
  readonly imageHeight: number;
  readonly canvasWidth: number;
  readonly canvasHeight: number;
  readonly devicePixelRatio: number;
  readonly zoom: number;
  readonly offsetX: number;
  readonly offsetY: number;

  /** A viewport from explicit state, with zoom and pan clamped. Use Viewport.fit to start. */
  constructor(state: ViewportState) {
    for (const key of ['imageWidth', 'imageHeight', 'canvasWidth', 'canvasHeight', 'devicePixelRatio', 'zoom'] as const) {
      if (!(state[key] > 0) || !Number.isFinite(state[key])) {
        throw new AppError('bad_request', `Viewport ${key} must be a positive number, got ${state[key]}.`);
      }
    }
    this.imageWidth = state.imageWidth;
    this.imageHeight = state.imageHeight;
    this.canvasWidth = state.canvasWidth;
    this.canvasHeight = state.canvasHeight;
    this.devicePixelRatio = state.devicePixelRatio;
    this.zoom = clamp(state.zoom, this.minZoom, this.maxZoom);
    const displayedW = this.imageWidth * this.zoom, displayedH = this.imageHeight * this.zoom;
    const keepX = Math.min(MIN_VISIBLE_PX, displayedW), keepY = Math.min(MIN_VISIBLE_PX, displayedH);
    this.offsetX = clamp(state.offsetX, keepX - displayedW, this.canvasWidth - keepX);
    this.offsetY = clamp(state.offsetY, keepY - displayedH, this.canvasHeight - keepY);
  }

  /** The image fitted to the canvas and centred. */
  static fit(size: {
    imageWidth: number;
    imageHeight: number;
    canvasWidth: number;
    canvasHeight: number;
    devicePixelRatio?: number;
  }): Viewport {
    const base = { devicePixelRatio: 1, zoom: 1, offsetX: 0, offsetY: 0, ...size };
    return new Viewport(base).fitToWindow();
  }

  /** Zoom (CSS px per image px) at which the whole image fits the canvas. */
  get fitZoom(): number {
    return FIT_FILL_FRACTION * Math.min(this.canvasWidth / this.imageWidth, this.canvasHeight / this.imageHeight);
  }

  get minZoom(): number {
    return this.fitZoom * MIN_ZOOM_FRACTION_OF_FIT;
  }

  get maxZoom(): number {
    return Math.max(MAX_ZOOM, this.fitZoom);
  }

  /** Image pixels per CSS pixel, for tools' hit tolerances (ToolContext.imagePixelsPerScreenPixel). */
  get imagePixelsPerScreenPixel(): number {
    return 1 / this.zoom;
  }

  imageToScreen(p: ImagePoint): ScreenPoint {
    return { x: p.x * this.zoom + this.offsetX, y: p.y * this.zoom + this.offsetY };
  }

  screenToImage(p: ScreenPoint): ImagePoint {
    return { x: (p.x - this.offsetX) / this.zoom, y: (p.y - this.offsetY) / this.zoom };
  }

  /** Image point to canvas backing-store (device) pixels. */
  imageToDevice(p: ImagePoint): { x: number; y: number } {
    const s = this.imageToScreen(p);
    return { x: s.x * this.devicePixelRatio, y: s.y * this.devicePixelRatio };
  }

  /** Canvas backing-store (device) pixels to image point. */
  deviceToImage(p: { x: number; y: number }): ImagePoint {
    return this.screenToImage({ x: p.x / this.devicePixelRatio, y: p.y / this.devicePixelRatio });
  }

  /**
   * The 2D-context transform [a, b, c, d, e, f] drawing image pixels into the device-pixel
   * backing store: ctx.setTransform(...viewport.deviceTransform()) then draw in image pixels.
   */
  deviceTransform(): [number, number, number, number, number, number] {
    const s = this.zoom * this.devicePixelRatio;
    return [s, 0, 0, s, this.offsetX * this.devicePixelRatio, this.offsetY * this.devicePixelRatio];
  }

  /** Backing-store size of the canvas, whole device pixels. */
  deviceCanvasSize(): { width: number; height: number } {
    return {
      width: Math.round(this.canvasWidth * this.devicePixelRatio),
      height: Math.round(this.canvasHeight * this.devicePixelRatio),
    };
  }

  /** The part of the image plane the canvas shows, image pixel coordinates (may exceed the image). */
  visibleImageRect(): { x0: number; y0: number; x1: number; y1: number } {
    const a = this.screenToImage({ x: 0, y: 0 });
    const b = this.screenToImage({ x: this.canvasWidth, y: this.canvasHeight });
    return { x0: a.x, y0: a.y, x1: b.x, y1: b.y };
  }

  /** Multiplies the zoom by `factor`, keeping the image point under `anchor` (screen) fixed. */
  zoomAt(anchor: ScreenPoint, factor: number): Viewport {
    return this.withZoom(this.zoom * factor, anchor);
  }

  /** Sets the zoom (clamped), keeping the image point under `anchor` (default: canvas centre) fixed. */
  withZoom(zoom: number, anchor: ScreenPoint = this.canvasCenter()): Viewport {
    const pinned = this.screenToImage(anchor);
    const z = clamp(zoom, this.minZoom, this.maxZoom);
    return this.with({ zoom: z, offsetX: anchor.x - pinned.x * z, offsetY: anchor.y - pinned.y * z });
  }

  /** One zoom step in ('+'), about `anchor` (default: canvas centre). */
  zoomIn(anchor?: ScreenPoint): Viewport {
    return this.withZoom(this.zoom * ZOOM_STEP, anchor);
  }

  /** One zoom step out ('-'), about `anchor` (default: canvas centre). */
  zoomOut(anchor?: ScreenPoint): Viewport {
    return this.withZoom(this.zoom / ZOOM_STEP, anchor);
  }

  /**
   * Moves the image by (dx, dy) CSS pixels. For a drag, keep the viewport from pointer down
   * and call `start.panBy(now.x - down.x, now.y - down.y)`: the grabbed point follows the cursor.
   */
  panBy(dx: number, dy: number): Viewport {
    return this.with({ offsetX: this.offsetX + dx, offsetY: this.offsetY + dy });
  }

  /** Whole image centred in the canvas ('0' / Home). */
  fitToWindow(): Viewport {
    const zoom = this.fitZoom;
    return this.with({
      zoom,
      offsetX: (this.canvasWidth - this.imageWidth * zoom) / 2,
      offsetY: (this.canvasHeight - this.imageHeight * zoom) / 2,
    });
  }

  /**
   * The canvas changed size or moved to a screen with another pixel ratio: keeps the zoom and
   * the image point at the canvas centre.
   */
  resize(canvasWidth: number, canvasHeight: number, devicePixelRatio: number = this.devicePixelRatio): Viewport {
    const centre = this.screenToImage(this.canvasCenter());
    return new Viewport({
      ...this.state(),
      canvasWidth,
      canvasHeight,
      devicePixelRatio,
      offsetX: canvasWidth / 2 - centre.x * this.zoom,
      offsetY: canvasHeight / 2 - centre.y * this.zoom,
    });
  }

  /** A plain copy of the state (for storage or React). */
  state(): ViewportState {
    return {
      imageWidth: this.imageWidth,
      imageHeight: this.imageHeight,
      canvasWidth: this.canvasWidth,
      canvasHeight: this.canvasHeight,
      devicePixelRatio: this.devicePixelRatio,
      zoom: this.zoom,
      offsetX: this.offsetX,
      offsetY: this.offsetY,
    };
  }

  private canvasCenter(): ScreenPoint {
    return { x: this.canvasWidth / 2, y: this.canvasHeight / 2 };
  }

  private with(changes: Partial<ViewportState>): Viewport {
    return new Viewport({ ...this.state(), ...changes });
  }
}

/** Zoom factor for a wheel event's deltaY in CSS pixels (negative deltaY zooms in). */
export function wheelZoomFactor(deltaY: number): number {
  return 2 ** (-deltaY / 300);
}

function clamp(value: number, low: number, high: number): number {
  return value < low ? low : value > high ? high : value;
}
