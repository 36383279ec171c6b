// The Electron fuses of the packaged app (flipped in the binary by the afterPack hook, before code
// signing): switches compiled into Electron that no command line or environment can turn back.
import { createRequire } from 'node:module';

const { FuseV1Options, FuseVersion } = createRequire(import.meta.url)('@electron/fuses');

/** Each fuse, what it is set to, and why. */
export const FUSES = [
  // ELECTRON_RUN_AS_NODE would turn the signed app into a plain Node.js that runs any script.
  { fuse: 'RunAsNode', value: false },
  // Cookies and local storage encrypted with the OS keychain (the renderer keeps a session cookie only, but it costs nothing).
  { fuse: 'EnableCookieEncryption', value: true },
  // NODE_OPTIONS (--require a script) and --inspect (a debugger on the main process) would let
  // anyone who can start the app for the user run code inside it, with its access to the studies.
  { fuse: 'EnableNodeOptionsEnvironmentVariable', value: false },
  { fuse: 'EnableNodeCliInspectArguments', value: false },
  // app.asar is checked against the hash electron-builder embeds (Info.plist on macOS, a resource
  // on Windows; Linux has no check), and the app loads only from it: a changed or added app.js
  // next to it does not run.
  { fuse: 'EnableEmbeddedAsarIntegrityValidation', value: true },
  { fuse: 'OnlyLoadAppFromAsar', value: true },
  { fuse: 'LoadBrowserProcessSpecificV8Snapshot', value: false },
  // The renderer is served from app://, never file://: file: needs no extra privileges.
  { fuse: 'GrantFileProtocolExtraPrivileges', value: false },
];

/**
 * The configuration @electron/fuses takes for a build of `platform` ('darwin', 'win32', 'linux')
 * and `arch` on a machine of `hostPlatform`. An arm64 macOS binary must be re-signed ad hoc after
 * its bytes change or it will not start; that needs Apple's codesign, so only on a Mac (the
 * real signature, when there is one, follows right after).
 */
export function fuseConfig({ platform, arch, hostPlatform = process.platform }) {
  const config = { version: FuseVersion.V1, resetAdHocDarwinSignature: platform === 'darwin' && arch === 'arm64' && hostPlatform === 'darwin' };
  for (const { fuse, value } of FUSES) {
    if (!(fuse in FuseV1Options)) throw new Error(`@electron/fuses has no fuse ${fuse}`);
    config[FuseV1Options[fuse]] = value;
  }
  return config;
}
