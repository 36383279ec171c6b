import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { decodeMessage, encodeMessage, type ClientMessage, type HostMessage } from '../../shared/contracts/wire';
import type { Core } from '../core/core';
import type { Session } from '../core/session';
import { checkRequest, tokenCookieName } from './request-guard';
import { serveStatic } from './static-files';

export interface WebHostOptions {
  core: Core;
  /** Folder with index.html and app.js (dist/renderer). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Per-launch secret; random when omitted. */
  token?: string;
}

export interface WebHost {
  /** The URL to open, with the token: http://127.0.0.1:PORT/?token=... */
  url: string;
  port: number;
  token: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * The Node host: the app over HTTP + WebSocket on 127.0.0.1, for any browser on this machine and
 * for the end-to-end tests. It serves the same router as Electron's ipcMain. Every request and
 * socket needs the per-launch token (from the printed URL, then a cookie), and requests whose Host
 * or Origin header is not this host's are refused (DNS rebinding, cross-site pages).
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { core, rendererDir } = options;
  const token = options.token ?? randomBytes(24).toString('base64url');
  let port = 0;

  const server = createServer({ maxHeaderSize: 16 * 1024 }, (req, res) => {
    handleHttp(req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, `Internal error: ${(err as Error).message}`);
    });
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const verdict = checkRequest(req, port, token);
    if (!verdict.ok) return send(res, verdict.status, verdict.message);
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (verdict.viaQuery) {
      // Trade the token in the URL for a cookie, then drop it from the address bar and history.
      res.setHeader('Set-Cookie', `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`);
      url.searchParams.delete('token');
      // '//evil.example/' would be a URL of another site to the browser: keep one leading slash.
      res.writeHead(303, { Location: `/${url.pathname.replace(/^[/\\]+/, '')}${url.search}` });
      res.end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Only GET is served over HTTP; calls go over the WebSocket.');
    await serveStatic(rendererDir, url.pathname, res);
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  server.on('upgrade', (req, socket, head) => {
    // Node hands an upgrade's socket over without an 'error' listener: a client that resets it
    // (ECONNRESET) would otherwise end the process. Whatever fails on it ends this connection only.
    socket.on('error', () => socket.destroy());
    const verdict = checkRequest(req, port, token, { websocket: true });
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (!verdict.ok || url.pathname !== '/ws') {
      const status = verdict.ok ? 404 : verdict.status;
      const message = verdict.ok ? 'Not found' : verdict.message;
      socket.end(`HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Not Found'}\r\n` +
        `Content-Type: text/plain; charset=utf-8\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(message)}\r\n\r\n${message}`);
      return;
    }
    // The host issues session ids; a tab may only resume one it was given (after a reload).
    const session = core.sessions.find(url.searchParams.get('session')) ?? core.sessions.issue();
    wss.handleUpgrade(req, socket, head, (ws) => attachSocket(ws, session));
  });

  const sockets = new Map<string, Set<WebSocket>>();
  const disconnectEvents = core.events.connect((session, event, payload) => {
    for (const ws of sockets.get(session.id) ?? []) sendWs(ws, { t: 'event', event, payload });
  });

  function attachSocket(ws: WebSocket, session: Session): void {
    const set = sockets.get(session.id) ?? new Set();
    set.add(ws);
    sockets.set(session.id, set);
    // A malformed frame (bad length, invalid UTF-8, unmasked, reserved opcode, over the cap): ws
    // has already closed this connection with the matching status; nothing else is affected.
    ws.on('error', () => ws.terminate());
    sendWs(ws, { t: 'session', id: session.id });
    ws.on('message', (data, isBinary) => {
      let msg: ClientMessage;
      try {
        const raw = isBinary ? toBytes(data) : data.toString();
        msg = decodeMessage(raw) as ClientMessage;
      } catch (err) {
        ws.close(1003, closeReason(`unreadable message: ${(err as Error).message}`));
        return;
      }
      if (!msg || msg.t !== 'call' || typeof msg.id !== 'number') return;
      core.router.call(session, msg.method, msg.params).then(
        (outcome) => sendWs(ws, { t: 'result', id: msg.id, ...outcome } as HostMessage),
        (err: unknown) => sendWs(ws, { t: 'result', id: msg.id, ok: false, error: { code: 'internal', message: `The call failed unexpectedly: ${boundedText(String(err), 200)}` } }),
      );
    });
    ws.on('close', () => {
      set.delete(ws);
      if (set.size === 0) sockets.delete(session.id);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    server,
    close: async () => {
      disconnectEvents();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The largest WebSocket message a client may send. The biggest legitimate ones are a whole mask
 * (at most 262,144 runs as JSON, about 2 MB) and an import of 1,000 long paths (about 4 MB); a
 * larger frame is refused by ws (close 1009) before it is buffered.
 */
export const MAX_FRAME_BYTES = 8 * 1024 * 1024;

function sendWs(ws: WebSocket, msg: HostMessage): void {
  if (ws.readyState !== ws.OPEN) return;
  try {
    ws.send(encodeMessage(msg));
  } catch (err) {
    // A result that cannot be encoded ends this connection, never the host.
    ws.close(1011, closeReason(`the host could not send a message: ${(err as Error).message}`));
  }
}

/** A binary frame as one view of its bytes (ws hands over a Buffer, an ArrayBuffer or fragments). */
function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

/** At most `max` characters of `s`. */
function boundedText(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 3)}...` : s;
}

/** A close reason: ws throws on one over 123 bytes of UTF-8, so cut by bytes, not characters. */
function closeReason(s: string): string {
  let out = boundedText(s, 120);
  while (Buffer.byteLength(out) > 120) out = `${out.slice(0, -4)}...`;
  return out;
}

function send(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(message);
}
