import { deflateRawSync } from 'node:zlib';
import type { Rng } from '../../dicom/phantom/prng';
import { part10Header } from './raw-dicom';
import { TS, type Seed } from './seeds';

/** One way of breaking a file. `name` goes into the file name, so a report says what was done. */
interface Mutator {
  name: string;
  apply(bytes: Buffer, rng: Rng, seed: Seed, seeds: Seed[]): Buffer;
}

/** Lengths that break parsers: zero, odd, just off, the 16- and 32-bit extremes, undefined. */
const NASTY_LENGTHS_32 = [0, 1, 3, 0x7fff, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff, 0xfffffff0];
const NASTY_LENGTHS_16 = [0, 1, 3, 0x7fff, 0x8000, 0xfffe, 0xffff];
const NASTY_BYTES = [0x00, 0xff, 0x7f, 0x80, 0xfe, 0x01];
const VRS = ['SQ', 'UN', 'OB', 'OW', 'UT', 'US', 'UL', 'FD', 'XX', '\0\0', 'ob'];
const TAGS: [number, number][] = [
  [0x7fe0, 0x0010],
  [0xfffe, 0xe000],
  [0xfffe, 0xe00d],
  [0xfffe, 0xe0dd],
  [0x0002, 0x0010],
  [0x0028, 0x0010],
  [0xffff, 0xffff],
  [0x0000, 0x0000],
];

function pos(bytes: Buffer, rng: Rng): number {
  return bytes.length === 0 ? 0 : rng.int(0, bytes.length - 1);
}

export const MUTATORS: Mutator[] = [
  {
    name: 'truncate',
    apply: (b, rng) => b.subarray(0, rng.chance(0.5) ? pos(b, rng) : Math.max(0, b.length - rng.int(1, 64))),
  },
  {
    name: 'bitflip',
    apply: (b, rng) => {
      const out = Buffer.from(b);
      for (let n = rng.int(1, 8); n > 0; n--) {
        const p = pos(out, rng);
        out[p] = out[p]! ^ (1 << rng.int(0, 7));
      }
      return out;
    },
  },
  {
    name: 'bytes',
    apply: (b, rng) => {
      const out = Buffer.from(b);
      for (let n = rng.int(1, 16); n > 0; n--) out[pos(out, rng)] = rng.pick(NASTY_BYTES);
      return out;
    },
  },
  {
    name: 'length',
    apply: (b, rng, seed) => {
      const out = Buffer.from(b);
      const fields = seed.lengths.filter((f) => f.offset + f.size <= out.length);
      if (fields.length === 0) return out;
      const f = rng.pick(fields);
      if (f.size === 4) {
        const v = rng.chance(0.7) ? rng.pick(NASTY_LENGTHS_32) : rng.int(0, 0xffffffff) >>> 0;
        if (f.littleEndian) out.writeUInt32LE(v >>> 0, f.offset);
        else out.writeUInt32BE(v >>> 0, f.offset);
      } else {
        const v = rng.pick(NASTY_LENGTHS_16);
        if (f.littleEndian) out.writeUInt16LE(v, f.offset);
        else out.writeUInt16BE(v, f.offset);
      }
      return out;
    },
  },
  {
    name: 'vr',
    apply: (b, rng, seed) => {
      const out = Buffer.from(b);
      const fields = seed.lengths.filter((f) => f.size === 2 && f.offset >= 2 && f.offset <= out.length);
      if (fields.length === 0) return out;
      out.write(rng.pick(VRS).padEnd(2, '\0').slice(0, 2), rng.pick(fields).offset - 2, 'latin1');
      return out;
    },
  },
  {
    name: 'tag',
    apply: (b, rng, seed) => {
      const out = Buffer.from(b);
      const f = seed.lengths.length ? rng.pick(seed.lengths) : null;
      if (!f) return out;
      const start = f.size === 2 ? f.offset - 6 : f.offset - (seed.name === 'implicit-le' || seed.name === 'bare-implicit' ? 4 : 8);
      if (start < 0 || start + 4 > out.length) return out;
      const [g, e] = rng.pick(TAGS);
      out.writeUInt16LE(g, start);
      out.writeUInt16LE(e, start + 2);
      return out;
    },
  },
  {
    name: 'insert',
    apply: (b, rng) => {
      const p = pos(b, rng);
      const junk = Buffer.alloc(rng.int(1, 64));
      for (let i = 0; i < junk.length; i++) junk[i] = rng.int(0, 255);
      return Buffer.concat([b.subarray(0, p), junk, b.subarray(p)]);
    },
  },
  {
    name: 'delete',
    apply: (b, rng) => {
      const p = pos(b, rng);
      return Buffer.concat([b.subarray(0, p), b.subarray(Math.min(b.length, p + rng.int(1, 512)))]);
    },
  },
  {
    name: 'repeat',
    apply: (b, rng) => {
      const p = pos(b, rng);
      const chunk = b.subarray(p, Math.min(b.length, p + rng.int(2, 256)));
      const copies = Array.from({ length: rng.int(2, 200) }, () => chunk);
      return Buffer.concat([b.subarray(0, p), ...copies, b.subarray(p)]);
    },
  },
  {
    name: 'splice',
    apply: (b, rng, _seed, seeds) => {
      const other = rng.pick(seeds).bytes;
      return Buffer.concat([b.subarray(0, pos(b, rng)), other.subarray(pos(other, rng))]);
    },
  },
  {
    name: 'syntax',
    // The data set left as it is, under a transfer syntax that says something else.
    apply: (b, rng, seed) => {
      if (seed.datasetOffset === 0) return b;
      const ts = rng.pick([...Object.values(TS), '1.2.840.10008.1.2.4.51', '1.2.840.10008.1.2.4.100', '1.2.3.4', '']);
      return Buffer.concat([part10Header(ts), b.subarray(seed.datasetOffset)]);
    },
  },
  {
    name: 'deflated-inside',
    // Break the data set, then deflate it, so the damage reaches the parser through the inflater.
    apply: (b, rng, seed, seeds) => {
      if (!seed.inflatedDataset) return b;
      const inner = rng.pick(MUTATORS.filter((m) => m.name !== 'deflated-inside' && m.name !== 'syntax' && m.name !== 'splice'));
      const broken = inner.apply(seed.inflatedDataset, rng, { ...seed, lengths: [] }, seeds);
      return Buffer.concat([b.subarray(0, seed.datasetOffset), deflateRawSync(broken)]);
    },
  },
];

/** One to three mutations of a seed; the name lists them ('phantom+length+truncate'). */
export function mutateSeed(seeds: Seed[], rng: Rng): { name: string; bytes: Buffer } {
  const seed = rng.pick(seeds);
  let bytes = seed.bytes;
  const names = [seed.name];
  const count = rng.chance(0.6) ? 1 : rng.int(2, 3);
  for (let i = 0; i < count; i++) {
    const m = seed.inflatedDataset && i === 0 && rng.chance(0.6) ? MUTATORS.find((x) => x.name === 'deflated-inside')! : rng.pick(MUTATORS);
    bytes = m.apply(bytes, rng, seed, seeds);
    names.push(m.name);
  }
  return { name: names.join('+'), bytes };
}
