import type Database from 'better-sqlite3';
import type { Role } from '../../../../shared/contracts/define';

export interface AccountRow {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  active: boolean;
  createdAt: string;
}

const SELECT = `SELECT id, username, display_name AS displayName, role, password_hash AS passwordHash, active, created_at AS createdAt FROM account`;
const toRow = (r: Omit<AccountRow, 'active'> & { active: number }): AccountRow => ({ ...r, active: r.active === 1 });

/** Local accounts of a study. */
export class AccountRepository {
  constructor(private readonly db: Database.Database) {}

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM account').get() as { n: number }).n;
  }

  byUsername(username: string): AccountRow | null {
    const r = this.db.prepare(`${SELECT} WHERE username = ?`).get(username) as (Omit<AccountRow, 'active'> & { active: number }) | undefined;
    return r ? toRow(r) : null;
  }

  byId(id: number): AccountRow | null {
    const r = this.db.prepare(`${SELECT} WHERE id = ?`).get(id) as (Omit<AccountRow, 'active'> & { active: number }) | undefined;
    return r ? toRow(r) : null;
  }

  all(): AccountRow[] {
    return (this.db.prepare(`${SELECT} ORDER BY role, username`).all() as (Omit<AccountRow, 'active'> & { active: number })[]).map(toRow);
  }

  insert(a: { username: string; displayName: string; role: Role; passwordHash: string; createdAt: string }): number {
    return Number(
      this.db
        .prepare('INSERT INTO account (username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(a.username, a.displayName, a.role, a.passwordHash, a.createdAt).lastInsertRowid,
    );
  }

  setPassword(id: number, passwordHash: string): void {
    this.db.prepare('UPDATE account SET password_hash = ? WHERE id = ?').run(passwordHash, id);
  }

  setActive(id: number, active: boolean): void {
    this.db.prepare('UPDATE account SET active = ? WHERE id = ?').run(active ? 1 : 0, id);
  }
}
