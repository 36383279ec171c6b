import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../../support/source-files';

describe('one way to open SQLite', () => {
  it('every connection goes through openSqlite, so Electron and Node 24 runs load their own better-sqlite3 build', () => {
    const opening = sourceFiles(['electron', 'shared', 'bench', 'test', 'scripts'])
      .filter((f) => /\bnew Database\(/.test(f.text))
      .map((f) => f.path);
    expect(opening).toEqual(['electron/core/db/sqlite.ts']);
  });
});
