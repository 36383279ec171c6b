import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { createCore, type Core } from '../../electron/core/core';
import type { Session } from '../../electron/core/session';
import { tempDir } from './temp';

/** A real core over a temporary data folder; closed after the test. */
export function testCore(): { core: Core; dir: string; call: (session: Session | string, method: string, params?: unknown) => Promise<unknown> } {
  const dir = tempDir('bme-core-');
  const core = createCore({ hostKind: 'test', dataDir: join(dir, 'app'), studiesDir: join(dir, 'studies') });
  onTestFinished(() => core.close());
  /** Calls through the router like a client would; throws the error payload when refused. */
  const call = async (session: Session | string, method: string, params: unknown = {}) => {
    const s = typeof session === 'string' ? core.sessions.get(session) : session;
    const out = await core.router.call(s, method, params);
    if (!out.ok) throw Object.assign(new Error(out.error.message), { code: out.error.code, details: out.error.details });
    return out.result;
  };
  return { core, dir, call };
}
