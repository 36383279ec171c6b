import Database from 'better-sqlite3';

/**
 * Where better-sqlite3's native addon comes from, for every connection the core, the CLI, the
 * tools and the tests open. Under Electron (and in the tests' run on Electron's Node version) the
 * addon must be built for another ABI than node_modules' copy: scripts/start-electron.mjs and
 * scripts/test-on-node.mjs build such a copy and name it in BME_SQLITE_BINDING, so that
 * node_modules keeps the build the default Node uses.
 */
export function sqliteBinding(): string | undefined {
  return process.env.BME_SQLITE_BINDING || undefined;
}

/** Opens a SQLite file with the right native addon (see sqliteBinding). Never call `new Database` elsewhere. */
export function openSqlite(file: string, options: Database.Options = {}): Database.Database {
  return new Database(file, { ...options, nativeBinding: options.nativeBinding ?? sqliteBinding() });
}
