import { describe, expect, it } from 'vitest';
import { chooseSqliteBinding } from '../../../electron/core/db/sqlite';

describe("which better-sqlite3 build the core loads", () => {
  it('takes BME_SQLITE_BINDING in development and tests (npm start, test:node24)', () => {
    expect(chooseSqliteBinding({ BME_SQLITE_BINDING: '/p/.electron-native/x/better_sqlite3.node' }, false)).toBe('/p/.electron-native/x/better_sqlite3.node');
    expect(chooseSqliteBinding({}, false)).toBeUndefined();
    expect(chooseSqliteBinding({ BME_SQLITE_BINDING: '' }, false)).toBeUndefined();
  });

  it('ignores it in the packaged app, which loads the build it ships', () => {
    expect(chooseSqliteBinding({ BME_SQLITE_BINDING: '/tmp/evil.node' }, true)).toBeUndefined();
  });
});
