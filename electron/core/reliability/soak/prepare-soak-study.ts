import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { SeriesAssignment } from '../../../../shared/model/reading';
import { createCore } from '../../core';
import { buildDemoStudy } from '../../demo/build-demo-study';
import { SOAK_COORDINATOR } from './soak-protocol';

/**
 * A demo study (phantom patients, four accounts, simulated reads) with every read of reader 1
 * reopened by the coordinator, so that the soak child can save into any of reader 1's series.
 */
export async function prepareSoakStudy(dir: string, patients = 1, seed = 7): Promise<string> {
  const file = join(dir, 'soak.bmestudy');
  await buildDemoStudy({ file, patients, seed });
  const core = createCore({ hostKind: 'test', dataDir: mkdtempSync(join(tmpdir(), 'bme-soak-prep-')), studiesDir: dir });
  const session = core.sessions.get('prep');
  const call = async <T>(method: string, params: unknown = {}): Promise<T> => {
    const out = await core.router.call(session, method, params);
    if (!out.ok) throw new Error(`${method}: ${out.error.message}`);
    return out.result as T;
  };
  try {
    await call('study.open', { file });
    await call('session.signIn', SOAK_COORDINATOR);
    const reader1 = (await call<{ id: number; username: string }[]>('accounts.list')).find((a) => a.username === 'reader1')!;
    for (const a of await call<SeriesAssignment[]>('assignments.list')) {
      if (a.accountId === reader1.id && a.locked) {
        await call('assignments.reopen', { seriesId: a.seriesId, accountId: reader1.id, reason: 'crash soak: reader 1 saves into every series' });
      }
    }
  } finally {
    core.close();
  }
  return file;
}
