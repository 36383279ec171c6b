/**
 * The message format of the WebSocket transport. Messages are JSON; when a message carries typed
 * arrays (pixel data, masks), it travels as one binary frame instead, so that a 512 x 512 slice is
 * not blown up into a JSON array of numbers:
 *
 *   'BMEW' | u32 LE header length | header JSON (UTF-8) | padding to 8 | attachment bytes ...
 *
 * The header is `{ msg, bins: [{ type, offset, length }] }` where `msg` has every typed array
 * replaced by `{ $bin: index }`. Electron's IPC does not need this: structured clone carries typed
 * arrays as they are.
 */

import type { Outcome } from './outcome';

export type ClientMessage = { t: 'call'; id: number; method: string; params: unknown };
export type HostMessage =
  | ({ t: 'result'; id: number } & Outcome)
  | { t: 'event'; event: string; payload: unknown }
  /** The first message on a WebSocket: the session id the host issued (or resumed) for this tab. */
  | { t: 'session'; id: string };

const MAGIC = 0x57454d42; // 'BMEW' read as little-endian u32

const TYPED = {
  Uint8Array,
  Int8Array,
  Uint16Array,
  Int16Array,
  Uint32Array,
  Int32Array,
  Float32Array,
  Float64Array,
  Uint8ClampedArray,
} as const;
type TypedName = keyof typeof TYPED;
type Typed = InstanceType<(typeof TYPED)[TypedName]>;

function typedName(v: unknown): TypedName | null {
  if (!ArrayBuffer.isView(v) || v instanceof DataView) return null;
  const name = v.constructor.name as TypedName;
  // Node's Buffer is a Uint8Array subclass: send it as one.
  if (name in TYPED) return name;
  return v instanceof Uint8Array ? 'Uint8Array' : null;
}

interface BinRef {
  type: TypedName;
  offset: number;
  length: number;
}

/** Encodes a message: a string when it has no typed arrays, otherwise one binary frame. */
export function encodeMessage(msg: unknown): string | Uint8Array {
  const bins: Typed[] = [];
  const json = JSON.stringify(msg, function (this: unknown, key: string, value: unknown) {
    // JSON.stringify hands typed arrays to the replacer after toJSON (none exists), as objects.
    const holder = this as Record<string, unknown>;
    const raw = holder[key];
    if (typedName(raw)) {
      bins.push(raw as Typed);
      return { $bin: bins.length - 1 };
    }
    return value;
  });
  if (bins.length === 0) return json;
  const refs: BinRef[] = [];
  let offset = 0;
  for (const b of bins) {
    refs.push({ type: typedName(b)!, offset, length: b.byteLength });
    offset += Math.ceil(b.byteLength / 8) * 8;
  }
  const header = new TextEncoder().encode(JSON.stringify({ msg: json, bins: refs }));
  const start = Math.ceil((8 + header.byteLength) / 8) * 8;
  const out = new Uint8Array(start + offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, header.byteLength, true);
  out.set(header, 8);
  bins.forEach((b, i) => out.set(new Uint8Array(b.buffer, b.byteOffset, b.byteLength), start + refs[i]!.offset));
  return out;
}

/** Decodes what encodeMessage produced. Throws on a malformed frame. */
export function decodeMessage(data: string | ArrayBuffer | Uint8Array): unknown {
  if (typeof data === 'string') return JSON.parse(data);
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (bytes.byteLength < 8) throw new Error('binary message shorter than its 8-byte header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new Error('binary message without the BMEW marker');
  const headerLength = view.getUint32(4, true);
  if (8 + headerLength > bytes.byteLength) throw new Error('binary message header runs past its end');
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as {
    msg: string;
    bins: BinRef[];
  };
  const start = Math.ceil((8 + headerLength) / 8) * 8;
  if (!Array.isArray(header.bins) || typeof header.msg !== 'string') throw new Error('binary message header without msg and bins');
  // Attachments must follow each other without overlapping: each byte of the frame is copied at
  // most once, so a frame can never make its reader allocate more than the frame's own size.
  let end = 0;
  const arrays = header.bins.map((ref) => {
    const Ctor = Object.hasOwn(TYPED, ref?.type) ? TYPED[ref.type] : undefined;
    if (!Ctor) throw new Error(`binary message with unknown array type ${String(ref?.type).slice(0, 40)}`);
    if (!Number.isSafeInteger(ref.offset) || !Number.isSafeInteger(ref.length) || ref.offset < end || ref.length < 0) {
      throw new Error('binary message with overlapping or out-of-order attachments');
    }
    if (ref.length % Ctor.BYTES_PER_ELEMENT !== 0) throw new Error(`binary attachment of ${ref.length} bytes is not a whole number of ${ref.type} elements`);
    if (start + ref.offset + ref.length > bytes.byteLength) throw new Error('binary attachment runs past the message');
    end = ref.offset + ref.length;
    // Copy into an aligned buffer of its own: the frame's offsets need not suit every element size.
    const copy = bytes.slice(start + ref.offset, start + ref.offset + ref.length);
    return new Ctor(copy.buffer, 0, ref.length / Ctor.BYTES_PER_ELEMENT);
  });
  return JSON.parse(header.msg, (_key, value: unknown) => {
    if (value && typeof value === 'object' && '$bin' in value) {
      const idx = (value as { $bin: number }).$bin;
      const arr = arrays[idx];
      if (!arr) throw new Error(`binary message refers to attachment ${idx}, which it does not carry`);
      return arr;
    }
    return value;
  });
}
