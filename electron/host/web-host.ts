import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { decodeMessage, encodeMessage, type ClientMessage, type HostMessage } from '../../shared/contracts/wire';
import type { Core } from '../core/core';
import { checkRequest, TOKEN_COOKIE } from './request-guard';
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

  const server = createServer((req, res) => {
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
      res.setHeader('Set-Cookie', `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
      url.searchParams.delete('token');
      res.writeHead(303, { Location: url.pathname + url.search });
      res.end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Only GET is served over HTTP; calls go over the WebSocket.');
    await serveStatic(rendererDir, url.pathname, res);
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: 256 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const verdict = checkRequest(req, port, token, { websocket: true });
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (!verdict.ok || url.pathname !== '/ws') {
      const status = verdict.ok ? 404 : verdict.status;
      const message = verdict.ok ? 'Not found' : verdict.message;
      socket.end(`HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Not Found'}\r\n` +
        `Content-Type: text/plain; charset=utf-8\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(message)}\r\n\r\n${message}`);
      return;
    }
    const sessionId = sanitizeSessionId(url.searchParams.get('session'));
    wss.handleUpgrade(req, socket, head, (ws) => attachSocket(ws, sessionId));
  });

  const sockets = new Map<string, Set<WebSocket>>();
  const disconnectEvents = core.events.connect((session, event, payload) => {
    for (const ws of sockets.get(session.id) ?? []) sendWs(ws, { t: 'event', event, payload });
  });

  function attachSocket(ws: WebSocket, sessionId: string): void {
    const set = sockets.get(sessionId) ?? new Set();
    set.add(ws);
    sockets.set(sessionId, set);
    ws.on('message', (data, isBinary) => {
      let msg: ClientMessage;
      try {
        const raw = isBinary ? new Uint8Array(data as Buffer) : data.toString();
        msg = decodeMessage(raw) as ClientMessage;
      } catch (err) {
        ws.close(1003, `unreadable message: ${(err as Error).message}`.slice(0, 120));
        return;
      }
      if (!msg || msg.t !== 'call' || typeof msg.id !== 'number') return;
      const session = core.sessions.get(sessionId);
      void core.router.call(session, msg.method, msg.params).then((outcome) => {
        sendWs(ws, { t: 'result', id: msg.id, ...outcome });
      });
    });
    ws.on('close', () => {
      set.delete(ws);
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

function sendWs(ws: WebSocket, msg: HostMessage): void {
  if (ws.readyState !== ws.OPEN) return;
  ws.send(encodeMessage(msg));
}

function send(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(message);
}

/** A browser tab's own id (kept in its sessionStorage); anything odd becomes a fresh id. */
function sanitizeSessionId(raw: string | null): string {
  return raw && /^[A-Za-z0-9_-]{8,64}$/.test(raw) ? raw : randomBytes(12).toString('base64url');
}
