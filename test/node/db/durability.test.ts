// synchronous=FULL everywhere; on macOS also F_FULLFSYNC for commits and WAL checkpoints, read
// back from a real study file opened with macOS's settings (the PRAGMAs exist on every platform).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { durabilityPragmas } from '../../../electron/core/db/durability';
import { openStudyDatabase } from '../../../electron/core/db/open-study-database';
import { tempDir } from '../../support/temp';

describe('what makes a commit reach the disk', () => {
  it('adds fullfsync and checkpoint_fullfsync on macOS only', () => {
    expect(durabilityPragmas('darwin')).toEqual([
      ['synchronous', 2],
      ['fullfsync', 1],
      ['checkpoint_fullfsync', 1],
    ]);
    for (const p of ['linux', 'win32'] as const) expect(durabilityPragmas(p)).toEqual([['synchronous', 2]]);
  });

  it.each(['darwin', 'linux', 'win32'] as const)('a study opened with the settings of %s has them', (platform) => {
    const db = openStudyDatabase(join(tempDir(), 's.bmestudy'), { create: true, platform });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      const full = platform === 'darwin' ? 1 : 0;
      expect(db.pragma('fullfsync', { simple: true })).toBe(full);
      expect(db.pragma('checkpoint_fullfsync', { simple: true })).toBe(full);
    } finally {
      db.close();
    }
  });
});
