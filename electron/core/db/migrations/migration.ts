/** One schema step. `version` is what PRAGMA user_version becomes once `up` has run. */
export interface Migration {
  version: number;
  name: string;
  /** SQL run inside the migration transaction. */
  up: string;
}
