import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createCore } from '../../core';
import { coreClient } from '../../core-client';
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
  const { api } = coreClient(core, 'prep');
  try {
    await api.study.open({ file });
    await api.session.signIn(SOAK_COORDINATOR);
    const reader1 = (await api.accounts.list()).find((a) => a.username === 'reader1')!;
    for (const a of await api.assignments.list()) {
      if (a.accountId === reader1.id && a.locked) {
        await api.assignments.reopen({ seriesId: a.seriesId, accountId: reader1.id, reason: 'crash soak: reader 1 saves into every series' });
      }
    }
  } finally {
    core.close();
  }
  return file;
}
