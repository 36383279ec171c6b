import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import type { HostApi } from '../../shared/contracts';
import { createCore, type Core } from '../../electron/core/core';
import { coreClient } from '../../electron/core/core-client';
import type { Session } from '../../electron/core/session';
import { tempDir } from './temp';

export interface TestCore {
  core: Core;
  dir: string;
  /** The typed contract as one session sees it: `api('coord').study.open({ file })`; refusals reject with RemoteError. */
  api(session: Session | string): HostApi;
}

/** A real core over a temporary data folder; closed after the test. */
export function testCore(): TestCore {
  const dir = tempDir('bme-core-');
  const core = createCore({ hostKind: 'test', dataDir: join(dir, 'app'), studiesDir: join(dir, 'studies') });
  onTestFinished(() => core.close());
  const apis = new Map<Session, HostApi>();
  const api = (session: Session | string): HostApi => {
    const s = typeof session === 'string' ? core.sessions.get(session) : session;
    let a = apis.get(s);
    if (!a) apis.set(s, (a = coreClient(core, s).api));
    return a;
  };
  return { core, dir, api };
}
