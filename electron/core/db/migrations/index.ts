import type { Migration } from './migration';
import { migration001 } from './001_study_and_audit';

/** Every migration, oldest first. Append only: a released migration never changes. */
export const migrations: readonly Migration[] = [migration001];

export const latestSchemaVersion = migrations[migrations.length - 1]!.version;
