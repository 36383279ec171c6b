/** How a host configures the core. */
export interface CoreConfig {
  /** Which host runs the core (shown to users, used in audit details). */
  hostKind: 'electron' | 'web' | 'test';
  /** Per-machine app data: settings.json (recent studies), logs. */
  dataDir: string;
  /** Where new studies go when no path is given. */
  studiesDir: string;
}
