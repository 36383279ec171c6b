import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { createHostClient, type HostClient as ContractClient } from '../../shared/contracts/client';
import { webSocketTransport } from '../../shared/contracts/transports/websocket';
import type { HostProcess } from './host-process';

/** The typed contract client of one session on the real Node host. */
export interface HostClient extends ContractClient {
  readonly sessionId: string;
}

/**
 * A client of the real Node host over the renderer's own WebSocket transport (here on the `ws`
 * package), without reconnecting: when the host goes away, calls fail as 'disconnected'. With the
 * session id of a browser tab (its sessionStorage 'bme.session', which the host issued) it acts as
 * that tab: same open study, same signed-in person, and so the same refusals; with any other id it
 * gets a fresh session. Resolves once the host has named the session.
 */
export async function connectHostClient(host: HostProcess, sessionId = randomBytes(12).toString('base64url')): Promise<HostClient> {
  const url = `ws://127.0.0.1:${new URL(host.origin).port}/ws?token=${encodeURIComponent(host.token)}&session=${encodeURIComponent(sessionId)}`;
  let issued: (id: string) => void = () => undefined;
  const session = new Promise<string>((resolve) => (issued = resolve));
  const client = createHostClient(webSocketTransport({ url, WebSocket, reconnect: false, onSession: (id) => issued(id) }));
  await new Promise<void>((resolve, reject) => {
    const stop = client.onStatus((status) => {
      if (status === 'connecting') return;
      queueMicrotask(() => stop());
      if (status === 'open') resolve();
      else reject(new Error(`Could not open a WebSocket to the host at ${host.origin}.\n${host.output()}`));
    });
  });
  // The host's first message names the session it issued (or resumed, for a tab's own id).
  return { ...client, sessionId: await session };
}
