import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { decodeMessage, encodeMessage, type HostMessage } from '../../shared/contracts/wire';
import type { HostProcess } from './host-process';

/** An error the host returned: its code, message and details, as a client sees them. */
export class HostCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export interface HostClient {
  readonly sessionId: string;
  /** Calls a contract method like the renderer does; throws HostCallError when refused. */
  call<T = unknown>(method: string, params?: unknown): Promise<T>;
  close(): Promise<void>;
}

/**
 * A WebSocket client of the real Node host, speaking the renderer's wire format. With the
 * session id of a browser tab (its sessionStorage 'bme.session', which the host issued) it acts as
 * that tab: same open study, same signed-in person, and so the same refusals. Without one (or
 * with one the host never issued) it gets a fresh session from the host.
 */
export async function connectHostClient(host: HostProcess, sessionId = randomBytes(12).toString('base64url')): Promise<HostClient> {
  const url = `ws://127.0.0.1:${new URL(host.origin).port}/ws?token=${encodeURIComponent(host.token)}&session=${encodeURIComponent(sessionId)}`;
  const ws = new WebSocket(url);
  ws.binaryType = 'arraybuffer';
  let nextId = 1;
  const pending = new Map<number, (m: HostMessage & { t: 'result' }) => void>();
  let issued: (id: string) => void = () => undefined;
  const session = new Promise<string>((resolve) => (issued = resolve));
  ws.on('message', (data: ArrayBuffer, isBinary: boolean) => {
    const msg = decodeMessage(isBinary ? data : Buffer.from(data).toString('utf8')) as HostMessage;
    if (msg.t === 'session') issued(msg.id);
    if (msg.t !== 'result') return;
    pending.get(msg.id)?.(msg);
    pending.delete(msg.id);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const issuedId = await session;
  return {
    sessionId: issuedId,
    call<T>(method: string, params: unknown = {}) {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, (msg) => (msg.ok ? resolve(msg.result as T) : reject(new HostCallError(msg.error.code, msg.error.message, msg.error.details))));
        ws.send(encodeMessage({ t: 'call', id, method, params }));
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (ws.readyState === WebSocket.CLOSED) return resolve();
        ws.once('close', () => resolve());
        ws.close();
      }),
  };
}
