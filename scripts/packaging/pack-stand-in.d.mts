export const root: string;
export const PLATFORMS: Record<'linux' | 'win' | 'mac', { node: string; defaultArch: string }>;
export function packWithStandIn(os: 'linux' | 'win' | 'mac', arch?: string): Promise<{ appOutDir: string; resourcesDir: string; work: string }>;
export function appFiles(resourcesDir: string): { path: string; bytes: number; unpacked: boolean }[];
export function removePack(work: string): void;
