import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { checkRequest } from '../../../electron/host/request-guard';

const PORT = 43117;
const TOKEN = 'a'.repeat(43);

function request(headers: Record<string, string>, url = `/?token=${TOKEN}`): IncomingMessage {
  return { headers, url } as unknown as IncomingMessage;
}

/**
 * The host guard against Host and Origin values that look almost right: DNS rebinding names,
 * other ports, other schemes, the opaque 'null' origin of sandboxed frames and file pages. The
 * real host is tested end to end in test/node/host; these are the near misses, each with the right token.
 */
describe('the Node host refuses near-miss Host and Origin headers even with the right token', () => {
  const goodHost = `127.0.0.1:${PORT}`;

  it.each([
    '127.0.0.1',
    `127.0.0.1:${PORT + 1}`,
    `localhost.:${PORT}`,
    `127.0.0.1.nip.io:${PORT}`,
    `localhost.evil.example:${PORT}`,
    `evil.example:${PORT}`,
    `[::1]:${PORT}`,
    `0.0.0.0:${PORT}`,
    `127.0.0.2:${PORT}`,
    `${goodHost}@evil.example`,
    '',
  ])('Host %j', (host) => {
    const v = checkRequest(request({ host }), PORT, TOKEN);
    expect(v).toMatchObject({ ok: false, status: 403 });
  });

  it.each([
    'null',
    `https://127.0.0.1:${PORT}`,
    `http://127.0.0.1:${PORT + 1}`,
    `http://127.0.0.1`,
    `http://localhost.:${PORT}`,
    `http://127.0.0.1:${PORT}.evil.example`,
    `http://evil.example`,
    `file://`,
    `chrome-extension://abcdef`,
    '',
  ])('Origin %j', (origin) => {
    const v = checkRequest(request({ host: goodHost, origin }), PORT, TOKEN, { websocket: true });
    expect(v).toMatchObject({ ok: false, status: 403 });
  });

  it('accepts the exact host and origin, in either spelling and any letter case, and nothing else decides it', () => {
    for (const [host, origin] of [
      [goodHost, `http://${goodHost}`],
      [`LOCALHOST:${PORT}`, `http://localhost:${PORT}`],
    ] as const) {
      expect(checkRequest(request({ host, origin }), PORT, TOKEN, { websocket: true })).toMatchObject({ ok: true });
    }
    expect(checkRequest(request({ host: goodHost }, `/?token=${TOKEN}x`), PORT, TOKEN)).toMatchObject({ ok: false, status: 401 });
    expect(checkRequest(request({ host: goodHost }, `/?token=${TOKEN.slice(1)}`), PORT, TOKEN)).toMatchObject({ ok: false, status: 401 });
  });
});
