/**
 * What the crash-soak child prints, one line per event, on stdout (a pipe, written synchronously
 * on Linux, so a line printed before SIGKILL reaches the parent):
 *
 *   ready <pid>                                   signed in, series loaded, about to save
 *   begin <seriesId> <image> <assignmentId> <afterHash>   a save is about to be sent
 *   ok <seriesId> <image> <hash> <revision>       the core confirmed that save
 *
 * <image> is '<SOP Instance UID>:<frame>' (a UID has no spaces or colons), as the audit rows name it.
 *   fail <code> <message>                         the core refused a save (a bug: the soak stops)
 */
export type SoakLine =
  | { kind: 'ready'; pid: number }
  | { kind: 'begin'; seriesId: number; image: string; assignmentId: number; afterHash: string }
  | { kind: 'ok'; seriesId: number; image: string; hash: string; revision: number }
  | { kind: 'fail'; code: string; message: string };

export function formatSoakLine(l: SoakLine): string {
  switch (l.kind) {
    case 'ready':
      return `ready ${l.pid}`;
    case 'begin':
      return `begin ${l.seriesId} ${l.image} ${l.assignmentId} ${l.afterHash}`;
    case 'ok':
      return `ok ${l.seriesId} ${l.image} ${l.hash} ${l.revision}`;
    case 'fail':
      return `fail ${l.code} ${l.message.replace(/\s+/g, ' ')}`;
  }
}

/** Parses one complete line; null for anything else (a torn last line cannot be complete: it has no newline). */
export function parseSoakLine(line: string): SoakLine | null {
  const p = line.trim().split(' ');
  switch (p[0]) {
    case 'ready':
      return { kind: 'ready', pid: Number(p[1]) };
    case 'begin':
      return p.length === 5 ? { kind: 'begin', seriesId: Number(p[1]), image: p[2]!, assignmentId: Number(p[3]), afterHash: p[4]! } : null;
    case 'ok':
      return p.length === 5 ? { kind: 'ok', seriesId: Number(p[1]), image: p[2]!, hash: p[3]!, revision: Number(p[4]) } : null;
    case 'fail':
      return { kind: 'fail', code: p[1] ?? '', message: p.slice(2).join(' ') };
    default:
      return null;
  }
}

/** The soak's accounts: the demo study's reader 1 saves, its coordinator reopens locked reads. */
export const SOAK_READER = { username: 'reader1', password: 'reader1-demo' };
export const SOAK_COORDINATOR = { username: 'coordinator', password: 'coordinator-demo' };
