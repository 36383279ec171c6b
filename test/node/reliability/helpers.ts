import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CliCommand, CliIO, ParsedValues } from '../../../electron/core/cli/command';
import { StudyRegistry } from '../../../electron/core/study-registry';
import { openSqlite } from '../../../electron/core/db/sqlite';

export const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/**
 * A study file made the way `bme study create` makes it, with `notes` audit rows after its
 * creation (each a real, chained audit row), closed again.
 */
export function smallStudy(dir: string, notes = 20, name = 'small.bmestudy'): string {
  const file = join(dir, name);
  const registry = new StudyRegistry();
  try {
    const study = registry.acquire(file, { create: true });
    study.tx(() => {
      study.study.insert({ studyId: randomUUID(), title: 'Reliability test', createdAt: new Date().toISOString(), createdByApp: 'test' });
      study.audit.append({ actorId: null, action: 'study.create', entity: 'study', entityId: '1' });
    });
    study.tx(() => {
      for (let i = 0; i < notes; i++) study.audit.append({ actorId: null, action: 'test.note', entity: 'note', entityId: String(i), details: { i } });
    });
  } finally {
    registry.closeAll();
  }
  return file;
}

/** Audit rows of a study file, read directly. */
export function auditCount(file: string): number {
  const db = openSqlite(file, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM audit').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Runs a CLI command in this process and captures what it prints. */
export async function runCommand(command: CliCommand, values: ParsedValues): Promise<{ code: number; out: string; err: string; json: unknown }> {
  const out: string[] = [];
  const err: string[] = [];
  let json: unknown = undefined;
  const io: CliIO = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    json: (v) => (json = v),
    jsonLine: (v) => out.push(JSON.stringify(v)),
  };
  const code = await command.run(values, [], io);
  return { code: typeof code === 'number' ? code : 0, out: out.join('\n'), err: err.join('\n'), json };
}
