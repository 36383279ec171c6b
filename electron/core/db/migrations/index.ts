import type { Migration } from './migration';
import { migration001 } from './001_study_and_audit';
import { migration002 } from './002_imaging';
import { migration003 } from './003_accounts';
import { migration004 } from './004_reading';
import { migration005 } from './005_consensus';
import { migration006 } from './006_datasets_and_models';
import { migration007 } from './007_evaluations_and_suggestions';
import { migration008 } from './008_image_identity';
import { migration009 } from './009_audit_guards';

/** Every migration, oldest first. Append only: a released migration never changes. */
export const migrations: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009];

export const latestSchemaVersion = migrations[migrations.length - 1]!.version;
