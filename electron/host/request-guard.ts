import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The token cookie's name carries the port: cookies are scoped by host, not by port, so a second
 * host on this machine (another port, another token) would otherwise replace the first one's
 * cookie and lock its tabs out.
 */
export function tokenCookieName(port: number): string {
  return `bme_token_${port}`;
}

export type Verdict = { ok: true; viaQuery: boolean } | { ok: false; status: 401 | 403; message: string };

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieToken(req: IncomingMessage, port: number): string | null {
  const name = tokenCookieName(port);
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return null;
}

/**
 * Decides whether a request may reach the app. Order matters: the Host and Origin checks come
 * first so that a page on another site (or a rebound DNS name) learns nothing, not even whether
 * its token guess was right.
 */
export function checkRequest(req: IncomingMessage, port: number, token: string, opts: { websocket?: boolean } = {}): Verdict {
  const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  const host = req.headers.host ?? '';
  if (!allowedHosts.includes(host.toLowerCase())) {
    return {
      ok: false,
      status: 403,
      message: `Refused: this BME Workstation host answers only to 127.0.0.1:${port} or localhost:${port}, not to Host '${host}'.`,
    };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedHosts.map((h) => `http://${h}`).includes(origin.toLowerCase())) {
    return {
      ok: false,
      status: 403,
      message: `Refused: requests from the page at '${origin}' may not use this BME Workstation host.`,
    };
  }
  const url = new URL(req.url ?? '/', `http://${allowedHosts[0]}`);
  const fromQuery = url.searchParams.get('token');
  if (fromQuery !== null && sameSecret(fromQuery, token)) return { ok: true, viaQuery: !opts.websocket };
  const fromCookie = cookieToken(req, port);
  if (fromCookie !== null && sameSecret(fromCookie, token)) return { ok: true, viaQuery: false };
  return {
    ok: false,
    status: 401,
    message:
      fromQuery !== null || fromCookie !== null
        ? 'Refused: the access token is wrong. Open the exact link the BME Workstation host printed when it started.'
        : 'Refused: this BME Workstation host needs its access token. Open the link it printed when it started (http://127.0.0.1:PORT/?token=...).',
  };
}
