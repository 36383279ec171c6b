import { homedir } from 'node:os';
import { join } from 'node:path';
import { webHostDataDir } from '../core/support/desktop-data-dir';
import { parseArgs } from 'node:util';
import { createCore } from '../core/core';
import { captureConsole } from '../core/logging/app-log';
import { startWebHost } from './web-host';

/**
 * `npm run web`: the app on the Node host. Prints the URL (with its per-launch token) to open in a
 * browser on this machine. BME_HOME moves the app's data folder (settings, default studies).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, 'data-dir': { type: 'string' } },
    allowPositionals: false,
  });
  const dataDir = values['data-dir'] ?? webHostDataDir(process.env, homedir());
  const core = createCore({ hostKind: 'web', dataDir, studiesDir: join(dataDir, 'studies') });
  // Warnings also go to the log that a support file includes (Help > Save a Support File, bme support).
  captureConsole(core.log);
  const host = await startWebHost({
    core,
    rendererDir: join(__dirname, '..', 'renderer'),
    port: values.port ? Number(values.port) : Number(process.env.BME_PORT ?? 0),
  });
  process.stdout.write(`BME Workstation is running. Open this address in a browser on this machine:\n\n  ${host.url}\n\n`);
  process.stdout.write(`Data folder: ${dataDir}. Press Ctrl+C to stop.\n`);
  const stop = () => {
    void host
      .close()
      .then(() => core.close())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`BME Workstation could not start: ${(err as Error).message}\n`);
  process.exit(1);
});
