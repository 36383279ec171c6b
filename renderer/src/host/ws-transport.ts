import { decodeMessage, encodeMessage, type HostMessage } from '../../../shared/contracts/wire';
import type { Outcome, Transport } from './transport';

const SESSION_KEY = 'bme.session';

/**
 * The tab's session: the host issues its id in the first message of every connection; the tab
 * keeps it (sessionStorage: survives reloads, not shared with other tabs) and presents it when it
 * reconnects. An id the host does not know (restarted, session ended) gets a fresh one.
 */
const storedSessionId = (): string | null => sessionStorage.getItem(SESSION_KEY);

/**
 * The WebSocket transport to the Node host. Calls made while the socket is (re)connecting wait for
 * it; a dropped connection is retried with back-off, and calls in flight fail with a clear error
 * rather than hanging.
 */
export function webSocketTransport(): Transport {
  let ws: WebSocket | null = null;
  let nextId = 1;
  let retry = 250;
  const pending = new Map<number, (o: Outcome) => void>();
  const queue: (string | Uint8Array)[] = [];
  const eventListeners = new Set<(event: string, payload: unknown) => void>();
  const statusListeners = new Set<(s: 'connecting' | 'open' | 'closed') => void>();
  let status: 'connecting' | 'open' | 'closed' = 'connecting';
  const setStatus = (s: typeof status) => {
    status = s;
    statusListeners.forEach((l) => l(s));
  };

  function connect(): void {
    const url = new URL('/ws', location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const known = storedSessionId();
    if (known) url.searchParams.set('session', known);
    setStatus('connecting');
    const socket = new WebSocket(url);
    socket.binaryType = 'arraybuffer';
    ws = socket;
    socket.onopen = () => {
      retry = 250;
      setStatus('open');
      for (const msg of queue.splice(0)) socket.send(msg);
    };
    socket.onmessage = (e: MessageEvent<string | ArrayBuffer>) => {
      const msg = decodeMessage(e.data) as HostMessage;
      if (msg.t === 'session') {
        sessionStorage.setItem(SESSION_KEY, msg.id);
      } else if (msg.t === 'result') {
        const done = pending.get(msg.id);
        pending.delete(msg.id);
        done?.(msg.ok ? { ok: true, result: msg.result } : { ok: false, error: msg.error });
      } else if (msg.t === 'event') {
        eventListeners.forEach((l) => l(msg.event, msg.payload));
      }
    };
    socket.onclose = () => {
      setStatus('closed');
      for (const [id, done] of pending) {
        pending.delete(id);
        done({ ok: false, error: { code: 'disconnected', message: 'The connection to the BME Workstation host was lost. Your last action may not have been saved; it will reconnect.' } });
      }
      ws = null;
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 5000);
    };
  }
  connect();

  return {
    kind: 'web',
    invoke(method, params) {
      const id = nextId++;
      const data = encodeMessage({ t: 'call', id, method, params });
      return new Promise<Outcome>((resolve) => {
        pending.set(id, resolve);
        if (ws && ws.readyState === WebSocket.OPEN) ws.send(data);
        else queue.push(data);
      });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      listener(status); // a late subscriber learns the current state at once
      return () => statusListeners.delete(listener);
    },
  };
}
