import { createHostClient, type HostClient } from '../../shared/contracts/client';
import { inProcessTransport } from '../../shared/contracts/transports/in-process';
import type { Core } from './core';
import type { Session } from './session';

/**
 * The typed client of a core in this process, acting as one session (by id or as the session
 * itself): `coreClient(core, 'coord').api.study.open({ file })`. It goes through the same router,
 * access checks and schemas as a window does; refusals reject with RemoteError.
 */
export function coreClient(core: Core, session: Session | string): HostClient {
  const s = typeof session === 'string' ? core.sessions.get(session) : session;
  return createHostClient(inProcessTransport(core.router, s, core.events));
}
