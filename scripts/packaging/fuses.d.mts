export const FUSES: { fuse: string; value: boolean }[];
export function fuseConfig(target: { platform: string; arch: string; hostPlatform?: string }): Record<string, unknown> & { version: string; resetAdHocDarwinSignature: boolean };
