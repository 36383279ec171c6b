export function packagingEngines(root: string): { name: string; range: string }[];
export function checkNodeForPackaging(root: string, version?: string): { ok: boolean; failing: { name: string; range: string }[]; needed: string; message: string };
