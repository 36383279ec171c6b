import type Database from 'better-sqlite3';
import { migrate } from '../../electron/core/db/migrate';
import { migrations } from '../../electron/core/db/migrations';

/**
 * Brings a database to schema `version` exactly (Signal Desktop's updateToVersion): a data
 * migration's test starts at the version before it, writes rows the old way, then migrates one
 * step and checks them.
 */
export function migrateTo(db: Database.Database, version: number): void {
  migrate(db, db.name, migrations, { target: version });
}
