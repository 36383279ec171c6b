import Database from 'better-sqlite3';

let packagedApp = false;

/**
 * The host says the core runs inside the installed, packaged desktop app (Electron's
 * app.isPackaged). From then on BME_SQLITE_BINDING is ignored (see chooseSqliteBinding).
 */
export function markPackagedApp(): void {
  packagedApp = true;
}

/**
 * Which better-sqlite3 native addon to load: the one BME_SQLITE_BINDING names, or (undefined)
 * the package's own build. Under `npm start` and in the tests' run on Electron's Node version the
 * addon must be built for another ABI than node_modules' copy: scripts/start-electron.mjs and
 * scripts/test-on-node.mjs build such a copy and name it there, so that node_modules keeps the
 * build the default Node uses.
 *
 * A packaged app ships its own build for Electron and never honours the variable: a native
 * library named by the environment is code that anyone who can set a variable for the user gets
 * run inside the app with its access to the studies (the same reason the app's fuses turn off
 * NODE_OPTIONS and ELECTRON_RUN_AS_NODE).
 */
export function chooseSqliteBinding(env: Record<string, string | undefined>, packaged: boolean): string | undefined {
  if (packaged) return undefined;
  return env.BME_SQLITE_BINDING || undefined;
}

/** The binding for this process (see chooseSqliteBinding). */
export function sqliteBinding(): string | undefined {
  return chooseSqliteBinding(process.env, packagedApp);
}

/** Opens a SQLite file with the right native addon (see sqliteBinding). Never call `new Database` elsewhere. */
export function openSqlite(file: string, options: Database.Options = {}): Database.Database {
  return new Database(file, { ...options, nativeBinding: options.nativeBinding ?? sqliteBinding() });
}
