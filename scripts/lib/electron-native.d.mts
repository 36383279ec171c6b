export interface NativeTarget {
  electronVersion: string;
  platform: NodeJS.Platform;
  arch: string;
}
export type RunTool = (cmd: string, args: string[], options: { cwd: string }) => number;
export function stagingDir(root: string, target: NativeTarget): string;
export function stagedBinding(dir: string): string;
export function prebuildInstallArgs(target: NativeTarget): string[];
export function nodeGypArgs(target: Pick<NativeTarget, 'electronVersion' | 'arch'>): string[];
export function toolchainHelp(platform: NodeJS.Platform): string;
export function ensureElectronSqlite(options: {
  root: string;
  target: NativeTarget;
  run: RunTool;
  log?: (line: string) => void;
  host?: { platform: NodeJS.Platform; arch: string };
}): { binding: string; how: 'staged' | 'prebuilt' | 'compiled' };
export function nodeGypScript(root: string, env?: Record<string, string | undefined>): string | null;
