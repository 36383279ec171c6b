export function signingPlan(os: 'mac' | 'win' | 'linux', env?: Record<string, string | undefined>): { sign: boolean; notarize: boolean; problems: string[]; lines: string[] };
