export const LINUX_LIMIT_MB: number;
export const NEVER_SHIPPED: string[];
export const TOOLS: string[];
export function packageOf(path: string): string | null;
export function isForeignBinary(path: string, platform: string, arch: string): boolean;
export interface InstallerDescription {
  os: 'linux' | 'win' | 'mac';
  platform: string;
  arch: string;
  files: number;
  bytes: number;
  asarBytes: number;
  unpackedBytes: number;
  parts: { name: string; bytes: number }[];
  natives: { path: string; bytes: number; unpacked: boolean }[];
  packages: string[];
  paths: string[];
  unpacked: string[];
  problems: string[];
  fuses: Record<string, 'on' | 'off' | 'unset'>;
  /** The pack's temporary folder when kept (delete it), else null. */
  work: string | null;
  /** The pack's resources folder (app.asar, app.asar.unpacked) when kept, else null. */
  resourcesDir: string | null;
}
export function describeInstaller(os: 'linux' | 'win' | 'mac', arch?: string, options?: { keep?: boolean }): Promise<InstallerDescription>;
export function toolVersions(): { electronBuilder: string; electron: string; asar: string };
