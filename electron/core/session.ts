import { randomBytes } from 'node:crypto';
import type { Role } from '../../shared/contracts/define';

/** The signed-in person of a session (issue 4 fills it in through sign-in). */
export interface SessionUser {
  id: number;
  name: string;
  role: Role;
}

/**
 * One client's state on the core: which study it has open and who is signed in. A window in
 * Electron or a browser tab on the Node host is one session; the core trusts nothing else a
 * client says about itself.
 */
export interface Session {
  readonly id: string;
  studyFile: string | null;
  user: SessionUser | null;
  /** When this session last made a call (ms since the epoch): the idle timeout counts from it. */
  lastActiveAt: number;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  /**
   * The session with this id, created when missing. Only for ids the host itself chose (an
   * Electron window's id, a test's name); a client's word goes through `find` instead.
   */
  get(id: string): Session {
    let s = this.sessions.get(id);
    if (!s) {
      s = { id, studyFile: null, user: null, lastActiveAt: Date.now() };
      this.sessions.set(id, s);
    }
    return s;
  }

  /**
   * A new session under an id the core draws (128 random bits): the browser host hands it to the
   * tab, which may present it again to resume after a reload. A client can never pick an id, so it
   * cannot plant one on another tab (session fixation) or guess its way into one.
   */
  issue(): Session {
    let id: string;
    do id = randomBytes(16).toString('base64url');
    while (this.sessions.has(id));
    return this.get(id);
  }

  /** An existing session, or null: never creates one from a client's word. */
  find(id: string | null | undefined): Session | null {
    return (id && this.sessions.get(id)) || null;
  }

  all(): Session[] {
    return [...this.sessions.values()];
  }

  drop(id: string): void {
    this.sessions.delete(id);
  }

  /**
   * Signs out every session of `accountId` on the study `file` (deactivated, or its password
   * changed), except `keep` (the session that changed its own password). Returns how many.
   */
  endSessionsOf(file: string, accountId: number, keep?: Session): number {
    let ended = 0;
    for (const s of this.sessions.values()) {
      if (s === keep || s.studyFile !== file || s.user?.id !== accountId) continue;
      s.user = null;
      ended++;
    }
    return ended;
  }
}
