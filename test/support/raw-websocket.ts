import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/**
 * Hand-made WebSocket traffic for hostile-input tests: an upgrade request written byte by byte on
 * a plain TCP socket, and frames built here rather than by the `ws` library (which refuses to send
 * most of what these tests need to send).
 */

/** Opens a TCP connection to 127.0.0.1:port; every error is swallowed (the tests look at the host, not the client). */
export function rawConnect(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port }, () => resolve(s));
    s.on('error', () => undefined);
    s.once('error', reject);
  });
}

/** An HTTP/1.1 WebSocket upgrade request for `path` with the host's Host and Origin headers. */
export function upgradeRequest(port: number, path: string): string {
  return (
    `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`
  );
}

/** Completes an authorised upgrade on a fresh connection and returns the socket after the 101 answer. */
export async function rawWebSocket(port: number, token: string): Promise<Socket> {
  const s = await rawConnect(port);
  s.write(upgradeRequest(port, `/ws?token=${encodeURIComponent(token)}`));
  await new Promise<void>((resolve, reject) => {
    let head = '';
    const onData = (d: Buffer) => {
      head += d.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      s.off('data', onData);
      if (head.startsWith('HTTP/1.1 101')) resolve();
      else reject(new Error(`upgrade refused: ${head.split('\r\n')[0]}`));
    };
    s.on('data', onData);
  });
  return s;
}

export interface FrameOptions {
  opcode: number;
  fin?: boolean;
  /** RSV1-3 bits (0-7). */
  rsv?: number;
  /** Clients must mask; false sends an unmasked frame. */
  masked?: boolean;
  /** Overrides the length field: a 64-bit value written as the 8-byte extended length. */
  declaredLength?: bigint;
}

/** One WebSocket frame carrying `payload`. */
export function frame(payload: Uint8Array, o: FrameOptions): Buffer {
  const masked = o.masked ?? true;
  const head: number[] = [((o.fin ?? true) ? 0x80 : 0) | ((o.rsv ?? 0) << 4) | (o.opcode & 0x0f)];
  const len = o.declaredLength ?? BigInt(payload.length);
  const maskBit = masked ? 0x80 : 0;
  let ext: Buffer;
  if (o.declaredLength !== undefined || len > 0xffffn) {
    head.push(maskBit | 127);
    ext = Buffer.alloc(8);
    ext.writeBigUInt64BE(len);
  } else if (len > 125n) {
    head.push(maskBit | 126);
    ext = Buffer.alloc(2);
    ext.writeUInt16BE(Number(len));
  } else {
    head.push(maskBit | Number(len));
    ext = Buffer.alloc(0);
  }
  const key = masked ? randomBytes(4) : Buffer.alloc(0);
  const body = Buffer.from(payload);
  if (masked) for (let i = 0; i < body.length; i++) body[i]! ^= key[i % 4]!;
  return Buffer.concat([Buffer.from(head), ext, key, body]);
}

/**
 * Resolves true when the host ends the connection within `ms`: it closes (or resets) the socket,
 * or starts the closing handshake with a close frame (a polite close waits up to 30 s for the
 * client's answer, which these tests never send). Frames from the host are unmasked.
 */
export function endedWithin(s: Socket, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (s.destroyed) return resolve(true);
    let buffered = Buffer.alloc(0);
    const done = (v: boolean) => {
      clearTimeout(timer);
      s.off('data', onData);
      resolve(v);
    };
    const timer = setTimeout(() => done(false), ms);
    const onData = (d: Buffer) => {
      buffered = Buffer.concat([buffered, d]);
      while (buffered.length >= 2) {
        const opcode = buffered[0]! & 0x0f;
        if (opcode === 0x8) return done(true);
        let len = buffered[1]! & 0x7f;
        let at = 2;
        if (len === 126) {
          if (buffered.length < 4) return;
          len = buffered.readUInt16BE(2);
          at = 4;
        } else if (len === 127) {
          if (buffered.length < 10) return;
          len = Number(buffered.readBigUInt64BE(2));
          at = 10;
        }
        if (buffered.length < at + len) return;
        buffered = buffered.subarray(at + len);
      }
    };
    s.on('data', onData);
    s.once('close', () => done(true));
  });
}
