import type { ImageRef } from '../../../../shared/model/imaging';
import type { EncodedMask, SliceLabel } from '../../../../shared/model/reading';

/**
 * Sends a reader's slice changes to the core, one `reading.saveSlice` per change, and never
 * drops one. No React here: the reader view subscribes to `status()`.
 *
 * Rules, so that nothing is lost and nothing is overwritten by accident:
 * - Per slice, saves go one at a time and in order; each names as `beforeHash` the hash the
 *   previous save of that slice returned (at first: the hash `reading.open` gave). Slices do not
 *   wait for each other.
 * - A save that fails because the connection dropped (or the session was lost with a host
 *   restart) stays at the head of its slice's queue and is sent again with back-off; later
 *   changes of the slice wait behind it, in memory.
 * - A dropped connection can lose the ANSWER of a save the core did commit. The retry then meets
 *   a conflict whose `details.current.hash` is exactly the hash this save would have produced
 *   (the client computes the same hashes as the core): that counts as saved, not as a conflict.
 * - Any other conflict (the slice changed elsewhere, the read was locked) stops that slice's
 *   queue and is reported in words; the reader chooses to overwrite with their version or to
 *   reload the saved one. Refusals that a retry cannot fix (bad request, forbidden) stop it too.
 */

/** The parameters of one `reading.saveSlice` call. */
export interface SliceSaveRequest {
  readonly seriesId: number;
  /** The image saved (never its position: a late import may re-sort the series meanwhile). */
  readonly image: ImageRef;
  readonly label: SliceLabel;
  /** The whole mask after the change; null for no ROI. */
  readonly mask: EncodedMask | null;
  readonly beforeHash: string;
  /** Audit text: 'Brush stroke', 'Undo: Erase' ... */
  readonly action: string;
}

export interface SliceSaveResult {
  readonly hash: string;
  readonly revision: number;
  readonly savedAt: string;
}

/** One change as the queue keeps it: the slice's whole state after the change. */
export interface SliceState {
  readonly label: SliceLabel;
  readonly mask: EncodedMask | null;
  readonly action: string;
  /** The hash the core will return for this state (sliceReadHash of label and mask hash). */
  readonly expectedHash: string;
}

/** The save state the reader sees. */
export type SaveStatus =
  | { readonly kind: 'saved'; readonly savedAt: string | null }
  | { readonly kind: 'saving'; readonly pending: number }
  /** Not saved yet, but the queue keeps trying by itself. */
  | { readonly kind: 'retrying'; readonly pending: number; readonly reason: string }
  /** Not saved and waiting for the reader (a conflict, a refusal). */
  | { readonly kind: 'blocked'; readonly pending: number; readonly reason: string; readonly slices: readonly number[] };

/** A refused slice: why, and what the core holds now (for 'overwrite'). */
export interface SliceProblem {
  readonly sliceIndex: number;
  readonly code: string;
  readonly message: string;
  /** The slice's hash on the core when it refused, if the core said. */
  readonly currentHash: string | null;
}

export interface SaveQueueOptions {
  /** Back-off between retries of a failed save, ms; the last value repeats. */
  readonly retryDelaysMs?: readonly number[];
  /** A save without an answer for this long shows as 'waiting for the host', ms. */
  readonly stallMs?: number;
}

/** Error codes a later attempt can get past: the connection or the session comes back, the disk gets room. */
const RETRYABLE = new Set(['disconnected', 'unauthenticated', 'no_study', 'internal', 'network', 'io']);

interface Lane {
  confirmedHash: string;
  readonly queue: SliceState[];
  inFlight: boolean;
  stalled: boolean;
  attempt: number;
  retryTimer: ReturnType<typeof setTimeout> | null;
  /** Why the head of the queue is not saved yet (retrying), or null. */
  retryReason: string | null;
  problem: SliceProblem | null;
}

export class SliceSaveQueue {
  private readonly lanes = new Map<number, Lane>();
  private readonly listeners = new Set<() => void>();
  private readonly idleWaiters: (() => void)[] = [];
  private lastSavedAt: string | null = null;
  private online = true;
  private disposed = false;
  private readonly retryDelays: readonly number[];
  private readonly stallMs: number;

  /** The image of each slice index, as the read was opened. */
  private readonly images: readonly ImageRef[];

  constructor(
    readonly seriesId: number,
    /** The slices as `reading.open` returned them (their images and hashes), by slice index. */
    slices: readonly { readonly image: ImageRef; readonly hash: string }[],
    private readonly save: (request: SliceSaveRequest) => Promise<SliceSaveResult>,
    options: SaveQueueOptions = {},
  ) {
    slices.forEach((s, i) => this.lanes.set(i, newLane(s.hash)));
    this.images = slices.map((s) => s.image);
    this.retryDelays = options.retryDelaysMs ?? [250, 500, 1000, 2000, 4000];
    this.stallMs = options.stallMs ?? 1500;
  }

  /** Queues the slice's state after a change and starts sending at once. */
  enqueue(sliceIndex: number, state: SliceState): void {
    const lane = this.lane(sliceIndex);
    lane.queue.push(state);
    this.changed();
    this.pump(sliceIndex);
  }

  /** Changes not yet confirmed by the core (queued or in flight). */
  get pending(): number {
    let n = 0;
    for (const lane of this.lanes.values()) n += lane.queue.length;
    return n;
  }

  /** The hash the core last confirmed for a slice. */
  confirmedHash(sliceIndex: number): string {
    return this.lane(sliceIndex).confirmedHash;
  }

  /** Slices whose saves wait for the reader, with the reason. */
  problems(): SliceProblem[] {
    return [...this.lanes.values()].flatMap((l) => (l.problem ? [l.problem] : []));
  }

  status(): SaveStatus {
    const pending = this.pending;
    const problems = this.problems();
    if (problems.length) {
      const first = problems[0]!;
      return { kind: 'blocked', pending, reason: first.message, slices: problems.map((p) => p.sliceIndex) };
    }
    if (pending === 0) return { kind: 'saved', savedAt: this.lastSavedAt };
    const lanes = [...this.lanes.values()];
    const retry = lanes.find((l) => l.retryReason)?.retryReason;
    if (retry) return { kind: 'retrying', pending, reason: retry };
    if (!this.online) return { kind: 'retrying', pending, reason: 'the connection to the host is lost' };
    if (lanes.some((l) => l.stalled)) return { kind: 'retrying', pending, reason: 'no answer from the host yet' };
    return { kind: 'saving', pending };
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves when nothing is queued or in flight, except slices waiting for the reader. */
  whenIdle(): Promise<void> {
    if (this.idle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** The connection state changed; coming back online retries at once. */
  setOnline(online: boolean): void {
    if (this.online === online) return;
    this.online = online;
    if (online) {
      for (const [i, lane] of this.lanes) {
        if (lane.retryTimer) {
          clearTimeout(lane.retryTimer);
          lane.retryTimer = null;
          this.pump(i);
        }
      }
    }
    this.changed();
  }

  /**
   * The reader's answer to a refused slice. 'overwrite': send the queued changes again on top
   * of what the core holds now (their version replaces it, with its audit row). 'discard':
   * drop the queued changes of that slice and take `savedHash` (the reloaded state) as confirmed.
   */
  resolve(sliceIndex: number, choice: { kind: 'overwrite' } | { kind: 'discard'; savedHash: string }): void {
    const lane = this.lane(sliceIndex);
    if (choice.kind === 'overwrite') {
      if (!lane.problem?.currentHash) return;
      lane.confirmedHash = lane.problem.currentHash;
    } else {
      lane.queue.length = 0;
      lane.confirmedHash = choice.savedHash;
    }
    lane.problem = null;
    lane.attempt = 0;
    this.changed();
    this.pump(sliceIndex);
  }

  /** Sends a refused slice's head again as it is (after the coordinator reopened the read ...). */
  retry(sliceIndex: number): void {
    const lane = this.lane(sliceIndex);
    lane.problem = null;
    this.changed();
    this.pump(sliceIndex);
  }

  /** Stops retry timers; saves already in flight still complete. */
  dispose(): void {
    this.disposed = true;
    for (const lane of this.lanes.values()) if (lane.retryTimer) clearTimeout(lane.retryTimer);
  }

  // ---- internals ----

  private lane(sliceIndex: number): Lane {
    const lane = this.lanes.get(sliceIndex);
    if (!lane) throw new Error(`Slice index ${sliceIndex} is outside series ${this.seriesId}.`);
    return lane;
  }

  private pump(sliceIndex: number): void {
    const lane = this.lane(sliceIndex);
    if (lane.inFlight || lane.problem || lane.retryTimer || lane.queue.length === 0) return;
    const head = lane.queue[0]!;
    lane.inFlight = true;
    const stallTimer = setTimeout(() => {
      lane.stalled = true;
      this.changed();
    }, this.stallMs);
    const request: SliceSaveRequest = {
      seriesId: this.seriesId,
      image: this.images[sliceIndex]!,
      label: head.label,
      mask: head.mask,
      beforeHash: lane.confirmedHash,
      action: head.action.slice(0, 120),
    };
    this.save(request).then(
      (result) => {
        lane.confirmedHash = result.hash;
        this.saved(lane, result.savedAt);
      },
      (error: unknown) => this.failed(sliceIndex, lane, head, error),
    ).finally(() => {
      clearTimeout(stallTimer);
      lane.inFlight = false;
      lane.stalled = false;
      this.changed();
      this.pump(sliceIndex);
    });
  }

  private saved(lane: Lane, savedAt: string): void {
    lane.queue.shift();
    lane.attempt = 0;
    lane.retryReason = null;
    this.lastSavedAt = savedAt;
  }

  private failed(sliceIndex: number, lane: Lane, head: SliceState, error: unknown): void {
    const { code, message, currentHash } = describeError(error);
    if (code === 'conflict' && currentHash !== null && currentHash === head.expectedHash) {
      // The core has exactly this state: an earlier attempt was committed and its answer lost.
      lane.confirmedHash = currentHash;
      this.saved(lane, new Date().toISOString());
      return;
    }
    if (RETRYABLE.has(code) && !this.disposed) {
      lane.retryReason = reasonInWords(code, message);
      const delay = this.retryDelays[Math.min(lane.attempt, this.retryDelays.length - 1)]!;
      lane.attempt++;
      lane.retryTimer = setTimeout(() => {
        lane.retryTimer = null;
        this.pump(sliceIndex);
      }, delay);
      return;
    }
    lane.retryReason = null;
    lane.problem = { sliceIndex, code, message, currentHash };
  }

  private idle(): boolean {
    for (const lane of this.lanes.values()) if (lane.inFlight || (lane.queue.length > 0 && !lane.problem)) return false;
    return true;
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
    if (this.idle()) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}

function newLane(hash: string): Lane {
  return { confirmedHash: hash, queue: [], inFlight: false, stalled: false, attempt: 0, retryTimer: null, retryReason: null, problem: null };
}

/** Code, message and the core's current slice hash (conflicts) of whatever a save threw. */
function describeError(error: unknown): { code: string; message: string; currentHash: string | null } {
  const e = error as { code?: unknown; message?: unknown; details?: { current?: { hash?: unknown } } } | null;
  const code = typeof e?.code === 'string' ? e.code : 'network';
  const message = typeof e?.message === 'string' ? e.message : String(error);
  const hash = e?.details?.current?.hash;
  return { code, message, currentHash: typeof hash === 'string' ? hash : null };
}

function reasonInWords(code: string, message: string): string {
  if (code === 'disconnected' || code === 'network') return 'the connection to the host was lost';
  if (code === 'unauthenticated' || code === 'no_study') return 'you are signed out (sign in again; your changes are kept in this window)';
  return message;
}
