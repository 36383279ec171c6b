import type { Outcome } from '../outcome';
import type { ConnectionStatus, Transport } from '../transport';
import { decodeMessage, encodeMessage, type ClientMessage, type HostMessage } from '../wire';

/**
 * What the transport needs of a socket. The browser's WebSocket and the `ws` package's (Node) both
 * fit: binaryType 'arraybuffer', readyState, the on* handler properties, send and close. Handlers
 * are typed `(event: never) => unknown` so that either class's own event types are accepted; the
 * transport reads nothing of an event but a message's `data`.
 */
export interface SocketLike {
  binaryType: string;
  readonly readyState: number;
  onopen: ((event: never) => unknown) | null;
  onmessage: ((event: never) => unknown) | null;
  onclose: ((event: never) => unknown) | null;
  onerror: ((event: never) => unknown) | null;
  send(data: string | Uint8Array): void;
  close(): void;
}

export interface WebSocketTransportOptions {
  /** The host's socket URL with its query (token, session); a function is asked again on every (re)connect. */
  url: string | (() => string);
  /** The socket class: the browser's global `WebSocket`, or the `ws` package's default export under Node. */
  WebSocket: new (url: string) => SocketLike;
  /**
   * Reconnect with back-off (250 ms doubling to 5 s) after the connection drops, as a browser tab
   * does. False for a client whose life ends with its connection (tests, tools): a drop then fails
   * every call at once and later calls are not sent. Default true.
   */
  reconnect?: boolean;
  /**
   * The session id the host issued for this connection (its first message on every socket): keep
   * it and present it in the URL of the next connection to resume the same session.
   */
  onSession?: (id: string) => void;
}

const OPEN = 1;
const CLOSED = 3;

/**
 * The WebSocket transport to the Node host, one implementation for the browser and for Node.
 * Calls made while the socket is (re)connecting wait for it; when the connection drops, calls in
 * flight fail with a clear 'disconnected' error rather than hanging, and are not sent again later.
 */
export function webSocketTransport(options: WebSocketTransportOptions): Transport {
  const reconnect = options.reconnect ?? true;
  let socket: SocketLike | null = null;
  let nextId = 1;
  let retry = 250;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  /** No socket and none to come: close() was called, or the connection dropped without reconnect. */
  let ended = false;
  const pending = new Map<number, (o: Outcome) => void>();
  const queue: (string | Uint8Array)[] = [];
  const closeWaiters: (() => void)[] = [];
  const eventListeners = new Set<(event: string, payload: unknown) => void>();
  const statusListeners = new Set<(s: ConnectionStatus) => void>();
  let status: ConnectionStatus = 'connecting';
  const setStatus = (s: ConnectionStatus) => {
    status = s;
    statusListeners.forEach((l) => l(s));
  };

  function receive(data: unknown): void {
    const msg = decodeMessage(asFrame(data)) as HostMessage;
    if (msg.t === 'session') {
      options.onSession?.(msg.id);
    } else if (msg.t === 'result') {
      const done = pending.get(msg.id);
      pending.delete(msg.id);
      done?.(msg.ok ? { ok: true, result: msg.result } : { ok: false, error: msg.error });
    } else if (msg.t === 'event') {
      eventListeners.forEach((l) => l(msg.event, msg.payload));
    }
  }

  function connect(): void {
    retryTimer = null;
    setStatus('connecting');
    const ws = new options.WebSocket(typeof options.url === 'function' ? options.url() : options.url);
    ws.binaryType = 'arraybuffer';
    socket = ws;
    ws.onopen = () => {
      retry = 250;
      setStatus('open');
      for (const msg of queue.splice(0)) ws.send(msg);
    };
    ws.onmessage = (e: { data: unknown }) => receive(e.data);
    // A close always follows an error. (Under Node, a `ws` socket with no error listener would throw.)
    ws.onerror = () => undefined;
    ws.onclose = () => {
      socket = null;
      if (!reconnect) ended = true;
      setStatus('closed');
      // Their callers are told they failed: a queued call must not then be sent after a reconnect.
      queue.length = 0;
      failPending(
        ended
          ? 'The connection to the BME Workstation host was closed. Your last action may not have been saved.'
          : 'The connection to the BME Workstation host was lost. Your last action may not have been saved; it will reconnect.',
      );
      if (!ended) {
        retryTimer = setTimeout(connect, retry);
        retry = Math.min(retry * 2, 5000);
      }
      closeWaiters.splice(0).forEach((resolve) => resolve());
    };
  }

  function failPending(message: string): void {
    for (const [id, done] of pending) {
      pending.delete(id);
      done({ ok: false, error: { code: 'disconnected', message } });
    }
  }

  connect();

  return {
    kind: 'web',
    invoke(method, params) {
      if (ended) {
        return Promise.resolve({ ok: false, error: { code: 'disconnected', message: `The connection to the BME Workstation host is closed; ${method} was not sent.` } });
      }
      const id = nextId++;
      const data = encodeMessage({ t: 'call', id, method, params } satisfies ClientMessage);
      return new Promise<Outcome>((resolve) => {
        pending.set(id, resolve);
        if (socket && socket.readyState === OPEN) socket.send(data);
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
    close() {
      ended = true;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      const ws = socket;
      if (!ws || ws.readyState === CLOSED) return Promise.resolve();
      return new Promise<void>((resolve) => {
        closeWaiters.push(resolve);
        ws.close();
      });
    },
  };
}

/** A message's data as decodeMessage takes it: text, an ArrayBuffer, or bytes (Node's Buffer is a Uint8Array). */
function asFrame(data: unknown): string | ArrayBuffer | Uint8Array {
  if (typeof data === 'string' || data instanceof ArrayBuffer) return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw new Error(`WebSocket message of an unexpected kind (${Object.prototype.toString.call(data)})`);
}
