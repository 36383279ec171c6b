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
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  get(id: string): Session {
    let s = this.sessions.get(id);
    if (!s) {
      s = { id, studyFile: null, user: null };
      this.sessions.set(id, s);
    }
    return s;
  }

  all(): Session[] {
    return [...this.sessions.values()];
  }

  drop(id: string): void {
    this.sessions.delete(id);
  }
}
