/**
 * The PRAGMAs that make a committed transaction reach the disk, for the platform the study is
 * opened on, as [name, value] pairs each read back after it is set.
 *
 * synchronous=FULL makes SQLite fsync() at every commit, but on macOS fsync() only hands the data
 * to the drive, which may hold it in its cache across a power loss; F_FULLFSYNC flushes the drive
 * too. SQLite uses it only when asked: `fullfsync` for the database and journal, and, because
 * studies run in WAL mode where the commit lands in the WAL and the database file is written at
 * checkpoints, `checkpoint_fullfsync` for those (Signal Desktop sets both for the same reason).
 * Elsewhere the two PRAGMAs do nothing, so they are set only on macOS.
 */
export function durabilityPragmas(platform: NodeJS.Platform = process.platform): [name: string, value: number][] {
  const always: [string, number][] = [['synchronous', 2]];
  return platform === 'darwin' ? [...always, ['fullfsync', 1], ['checkpoint_fullfsync', 1]] : always;
}
