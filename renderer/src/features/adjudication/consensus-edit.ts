import type { EncodedMask } from '../../../../shared/model/reading';
import { SliceMask } from '../../editor/mask/sliceMask';
import { ReaderController } from '../../editor/readerController';
import { SeriesEditSession } from '../../editor/session';
import { matchShortcut, type KeyEventLike, type ShortcutAction } from '../../editor/shortcuts';
import type { Viewport } from '../../editor/viewport';

/**
 * Reader shortcuts that make no sense on a one-slice consensus draft: moving between slices and
 * copying from them, and the present/absent labels (the saved mask decides: empty is absent).
 */
const NOT_IN_CONSENSUS_EDIT: ReadonlySet<ShortcutAction> = new Set<ShortcutAction>([
  'previousSlice', 'nextSlice', 'nextUnreadSlice', 'previousUnreadSlice', 'markPresent', 'markAbsent',
  'copyFromPreviousSlice', 'copyFromNextSlice', 'showShortcuts',
]);

/**
 * The coordinator's draft of one slice's consensus mask, edited with the readers' own tools:
 * a one-slice SeriesEditSession (masks, undo/redo) driven by the same ReaderController as the
 * reader view (brush, eraser, lasso, polygon, fill holes, remove islands, brush sizes, pan, zoom).
 * Nothing is saved until the coordinator saves the draft as an 'edited' decision.
 */
export class ConsensusEdit {
  readonly session: SeriesEditSession;
  readonly controller: ReaderController;
  private message: string | null = null;
  private readonly listeners = new Set<() => void>();
  private changes = 0;

  constructor(
    seed: Uint8Array,
    readonly width: number,
    readonly height: number,
    viewport: Viewport,
    /** What the draft started from, in words ('union of both readers'). */
    readonly seedName: string,
  ) {
    this.session = new SeriesEditSession({ width, height, sliceCount: 1, labels: ['present'], masks: [new SliceMask(width, height, seed.slice())] });
    this.controller = new ReaderController(this.session, viewport, {
      // Changes stay in the draft; the draft is saved as one decision.
      persist: () => undefined,
      reportError: (e) => this.say(e instanceof Error ? e.message : String(e)),
      notify: (m) => this.say(m),
    });
    this.controller.subscribe(() => this.bump());
    this.session.subscribe(() => this.bump());
  }

  /** Increases on every change (React: useSyncExternalStore). */
  get version(): number {
    return this.changes;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The mask to draw now: a stroke's working copy while one is in progress, else the draft. */
  shownMask(): SliceMask {
    const p = this.controller.preview;
    return p?.kind === 'stroke' ? p.working : this.session.mask(0);
  }

  /** The latest tool message ('No enclosed holes to fill.'), or null. */
  get notice(): string | null {
    return this.message;
  }

  /** Offers a key to the tools; true when used. Refuses slice and label keys with a word. */
  keyDown(e: KeyEventLike & { repeat?: boolean }): boolean {
    const action = matchShortcut(e);
    if (action && NOT_IN_CONSENSUS_EDIT.has(action)) {
      if (action === 'markAbsent' || action === 'markPresent') this.say('While editing, the mask decides: save an empty mask for absent.');
      return false;
    }
    return this.controller.keyDown(e);
  }

  keyUp(e: KeyEventLike): void {
    this.controller.keyUp(e);
  }

  /** The draft in the wire format, for adjudication.resolve with method 'edited'. */
  encoded(): EncodedMask {
    return this.session.mask(0).toWire();
  }

  pixelCount(): number {
    return this.session.mask(0).pixelCount();
  }

  private say(message: string): void {
    this.message = message;
    this.bump();
  }

  private bump(): void {
    this.changes++;
    for (const l of this.listeners) l();
  }
}
