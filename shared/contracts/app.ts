import { z } from 'zod';
import { method } from './define';

export const AppInfo = z.object({
  /** The app's version (package.json). */
  version: z.string(),
  /** Which host serves this client. */
  host: z.enum(['electron', 'web', 'test']),
  /** Folder where new studies go when no path is given. */
  studiesDir: z.string(),
  /** Node's process.platform of the core. */
  platform: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const appSpec = {
  info: method({
    summary: 'Version, host kind and default folders of the running app.',
    access: 'anyone',
    params: z.object({}).strict(),
    result: AppInfo,
  }),
};
