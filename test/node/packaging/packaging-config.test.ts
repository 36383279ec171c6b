// electron-builder.yml as electron-builder itself reads it (app-builder-lib's getConfig: the same
// loader, merge and normalisation `npm run dist` goes through), checked as data.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { APP_ID } from '../../../electron/main/lifecycle';
import { STUDY_EXTENSION } from '../../../electron/main/second-instance';
import { DESKTOP_APP_NAME } from '../../../electron/core/support/desktop-data-dir';
import { ROOT } from '../../support/host-process';

type Config = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
let config: Config;

beforeAll(async () => {
  const lib = createRequire(join(ROOT, 'package.json'));
  const { getConfig } = lib('app-builder-lib/out/util/config/config') as { getConfig: (dir: string, file: string | null, extra: unknown) => Promise<Config> };
  config = await getConfig(ROOT, null, null);
});

describe("electron-builder's configuration", () => {
  it("is the app's identity: the appId the shell sets as AppUserModelID, the product name its data folder uses", () => {
    expect(config.appId).toBe(APP_ID);
    expect(config.productName).toBe(DESKTOP_APP_NAME);
    expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).productName).toBe(DESKTOP_APP_NAME);
  });

  it('never rebuilds node_modules in place: npmRebuild is off, the afterPack hook brings Electron\'s better-sqlite3', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.afterPack).toBe('./scripts/packaging/after-pack.mjs');
    expect(existsSync(join(ROOT, config.afterPack))).toBe(true);
    expect(config.asar).toBe(true);
  });

  it('registers the study file type the shell opens', () => {
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: STUDY_EXTENSION.slice(1) })]);
  });

  it('Linux: only the .deb, with the AppArmor profile that lets the sandbox start on Ubuntu 24.04', () => {
    expect(config.linux.target).toEqual(['deb']);
    const profile = readFileSync(join(ROOT, config.deb.appArmorProfile), 'utf8');
    expect(profile).toMatch(/abi <abi\/4\.0>/);
    expect(profile).toMatch(/^\s*userns,$/m);
    expect(profile).toContain('/opt/${sanitizedProductName}/${executable}');
  });

  it('macOS: hardened runtime with minimal entitlements, both architectures, an .icns icon', () => {
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.target).toEqual([{ target: 'dmg', arch: ['arm64', 'x64'] }]);
    const entitlements = readFileSync(join(ROOT, config.mac.entitlements), 'utf8');
    expect([...entitlements.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1])).toEqual(['com.apple.security.cs.allow-jit']);
    expect(config.mac.entitlementsInherit).toBe(config.mac.entitlements);
    // No notarize/identity setting: electron-builder takes both from the environment, or skips.
    expect(config.mac.notarize).toBeUndefined();
    expect(config.mac.identity).toBeUndefined();
    const icns = readFileSync(join(ROOT, config.mac.icon));
    expect(icns.subarray(0, 4).toString()).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
  });

  it('Windows: an NSIS installer, per user, signed only from the environment, executable edited (asar integrity)', () => {
    expect(config.win.target).toBe('nsis');
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false });
    expect(config.win.signAndEditExecutable).toBeUndefined();
    expect(config.forceCodeSigning).toBeUndefined();
  });

  it("each platform's own file filter keeps one inclusion (an all-exclusion list would ship everything)", () => {
    for (const os of ['linux', 'mac', 'win']) {
      const patterns: string[] = config[os].files;
      expect(patterns.filter((p) => !p.startsWith('!')), os).toEqual(['package.json']);
    }
  });
});
