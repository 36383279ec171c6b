import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dicomParser from 'dicom-parser';
import { afterAll, describe, expect, it } from 'vitest';
import {
  encodeDataset,
  encodeDicomPart10,
  formatDecimalString,
  IMPLEMENTATION_CLASS_UID,
  isValidUid,
  randomUid,
  Tags,
  uidFromName,
  Uids,
  type DicomElement,
} from '../../../electron/core/dicom/write';

const dir = mkdtempSync(join(tmpdir(), 'bme-dicom-writer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function baseDataset(pixels: Uint16Array, rows: number, columns: number): DicomElement[] {
  return [
    { tag: Tags.SOPClassUID, vr: 'UI', value: Uids.MrImageStorage },
    { tag: Tags.SOPInstanceUID, vr: 'UI', value: uidFromName('writer-test/instance') },
    { tag: Tags.Modality, vr: 'CS', value: 'MR' },
    { tag: Tags.PatientName, vr: 'PN', value: 'TEST^ODD' }, // 8 chars, even
    { tag: Tags.PatientID, vr: 'LO', value: 'ODD' }, // odd: padded with a space
    { tag: Tags.StudyInstanceUID, vr: 'UI', value: '1.2.3' }, // odd: padded with NUL
    { tag: Tags.ImagePositionPatient, vr: 'DS', value: [-12.5, 1 / 3, 100] },
    { tag: Tags.InstanceNumber, vr: 'IS', value: 7 },
    { tag: Tags.SamplesPerPixel, vr: 'US', value: 1 },
    { tag: Tags.PhotometricInterpretation, vr: 'CS', value: 'MONOCHROME2' },
    { tag: Tags.Rows, vr: 'US', value: rows },
    { tag: Tags.Columns, vr: 'US', value: columns },
    { tag: Tags.BitsAllocated, vr: 'US', value: 16 },
    { tag: Tags.BitsStored, vr: 'US', value: 16 },
    { tag: Tags.HighBit, vr: 'US', value: 15 },
    { tag: Tags.PixelRepresentation, vr: 'US', value: 0 },
    { tag: Tags.ImageComments, vr: 'LT', value: 'odd' },
    { tag: 0x00181310, vr: 'US', value: [0, 64, 64, 0] }, // AcquisitionMatrix
    { tag: 0x00091010, vr: 'FD', value: [1.5, -2.25] }, // private, FD
    { tag: Tags.PixelData, vr: 'OW', value: pixels },
  ];
}

function dcmdump(file: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('/usr/bin/dcmdump', ['-M', file], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('DICOM Part 10 writer', () => {
  const rows = 3;
  const columns = 5;
  const pixels = Uint16Array.from({ length: rows * columns }, (_, i) => (i * 4099) % 65536);
  // Elements given out of order: the writer sorts them.
  const bytes = encodeDicomPart10([...baseDataset(pixels, rows, columns)].reverse());
  const file = join(dir, 'odd.dcm');
  writeFileSync(file, bytes);

  it('writes the preamble, DICM and a meta group whose length matches', () => {
    expect(bytes.subarray(0, 128).every((b) => b === 0)).toBe(true);
    expect(Buffer.from(bytes.subarray(128, 132)).toString('latin1')).toBe('DICM');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    expect(view.getUint16(132, true)).toBe(0x0002);
    expect(view.getUint16(134, true)).toBe(0x0000);
    expect(Buffer.from(bytes.subarray(136, 138)).toString('latin1')).toBe('UL');
    const groupLength = view.getUint32(140, true);
    // Walk the meta elements after the group length: all group 0002, ending exactly at its end.
    let at = 144;
    const long = new Set(['OB', 'OW', 'UN', 'UT', 'UC', 'UR']);
    while (at < 144 + groupLength) {
      expect(view.getUint16(at, true)).toBe(0x0002);
      const vr = Buffer.from(bytes.subarray(at + 4, at + 6)).toString('latin1');
      const length = long.has(vr) ? view.getUint32(at + 8, true) : view.getUint16(at + 6, true);
      expect(length % 2).toBe(0);
      at += (long.has(vr) ? 12 : 8) + length;
    }
    expect(at).toBe(144 + groupLength);
    expect(view.getUint16(at, true)).toBe(0x0008); // the dataset starts with group 0008
  });

  it('is read by DCMTK without complaint, with the values and padding intact', () => {
    const r = dcmdump(file);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('(0002,0010) UI =LittleEndianExplicit');
    expect(r.stdout).toContain('(0002,0002) UI =MRImageStorage');
    expect(r.stdout).toContain(`(0002,0012) UI [${IMPLEMENTATION_CLASS_UID}]`);
    expect(r.stdout).toMatch(/\(0010,0020\) LO \[ODD\]\s+#\s+4, 1 PatientID/); // 3 chars + space
    expect(r.stdout).toMatch(/\(0020,000d\) UI \[1\.2\.3\]\s+#\s+6, 1 StudyInstanceUID/); // 5 chars + NUL
    expect(r.stdout).toContain('(0020,0032) DS [-12.5\\0.33333333333333\\100]');
    expect(r.stdout).toContain('(0018,1310) US 0\\64\\64\\0');
    expect(r.stdout).toContain('(0009,1010) FD 1.5\\-2.25');
    expect(r.stdout).toMatch(/\(7fe0,0010\) OW .*# +30, 1 PixelData/);
  });

  it('is read by an independent JavaScript parser with the same pixels', () => {
    const ds = dicomParser.parseDicom(bytes);
    expect(ds.string('x00020010')).toBe(Uids.ExplicitVrLittleEndian);
    expect(ds.string('x00100020')).toBe('ODD');
    expect(ds.string('x0020000d')).toBe('1.2.3');
    expect(ds.uint16('x00280010')).toBe(rows);
    const el = ds.elements.x7fe00010;
    const read = new Uint16Array(bytes.buffer.slice(bytes.byteOffset + el.dataOffset, bytes.byteOffset + el.dataOffset + el.length));
    expect(Array.from(read)).toEqual(Array.from(pixels));
    for (const e of Object.values(ds.elements)) expect(e.length % 2).toBe(0);
  });

  it('uses the 4-byte length form for OB, OW, UT and the 2-byte form otherwise', () => {
    const enc = encodeDataset([
      { tag: 0x00091001, vr: 'UT', value: 'abc' },
      { tag: 0x00091002, vr: 'OB', value: new Uint8Array([1, 2, 3]) },
      { tag: 0x00091003, vr: 'SH', value: 'abc' },
    ]);
    const view = new DataView(enc.buffer, enc.byteOffset, enc.byteLength);
    // UT: tag(4) VR(2) reserved(2) length(4) value(4 padded)
    expect(view.getUint16(6, true)).toBe(0);
    expect(view.getUint32(8, true)).toBe(4);
    expect(enc[12 + 3]).toBe(0x20);
    // OB: padded with NUL
    expect(view.getUint32(16 + 8, true)).toBe(4);
    expect(enc[16 + 12 + 3]).toBe(0x00);
    // SH: tag(4) VR(2) length(2)
    expect(view.getUint16(32 + 6, true)).toBe(4);
    expect(enc.length).toBe(32 + 12);
  });

  it('writes Latin-1 or UTF-8 text only when SpecificCharacterSet says so', () => {
    const name = { tag: Tags.PatientName, vr: 'PN' as const, value: 'MÜLLER^JÖRG' };
    expect(() => encodeDataset([name])).toThrow(/non-ASCII/);
    const latin1 = encodeDataset([{ tag: Tags.SpecificCharacterSet, vr: 'CS', value: 'ISO_IR 100' }, name]);
    expect(Buffer.from(latin1).includes(Buffer.from('MÜLLER', 'latin1'))).toBe(true);
    const utf8 = encodeDataset([{ tag: Tags.SpecificCharacterSet, vr: 'CS', value: 'ISO_IR 192' }, name]);
    expect(Buffer.from(utf8).includes(Buffer.from('MÜLLER', 'utf8'))).toBe(true);
    expect(() => encodeDataset([{ tag: Tags.SpecificCharacterSet, vr: 'CS', value: 'ISO 2022 IR 87' }, name])).toThrow(/supports SpecificCharacterSet/);
  });

  it('refuses datasets it would write wrongly', () => {
    const ok = baseDataset(pixels, rows, columns);
    expect(() => encodeDicomPart10([...ok, { tag: Tags.Modality, vr: 'CS', value: 'CT' }])).toThrow(/appears twice/);
    expect(() => encodeDicomPart10([...ok, { tag: Tags.TransferSyntaxUID, vr: 'UI', value: '1.2' }])).toThrow(/group 0002/);
    expect(() => encodeDicomPart10(ok.filter((e) => e.tag !== Tags.SOPInstanceUID))).toThrow(/SOPInstanceUID/);
    expect(() => encodeDataset([{ tag: Tags.StudyInstanceUID, vr: 'UI', value: '1.02.3' }])).toThrow(/not a UID/);
    expect(() => encodeDataset([{ tag: Tags.SliceLocation, vr: 'DS', value: '12345678901234567' }])).toThrow(/longer than 16/);
    expect(() => encodeDataset([{ tag: Tags.Rows, vr: 'US', value: 70000 }])).toThrow(/out of range/);
    expect(() => encodeDataset([{ tag: Tags.InstanceNumber, vr: 'IS', value: 1.5 }])).toThrow(/32-bit integer/);
    expect(() => encodeDataset([{ tag: Tags.Modality, vr: 'CS', value: 42 }])).toThrow(/only DS and IS take numbers/);
    expect(() => encodeDataset([{ tag: Tags.ImageComments, vr: 'LT', value: 'x'.repeat(10241) }])).toThrow(/longer than 10240/);
  });

  it('writes raw bytes as given, for tests that need invalid values', () => {
    const enc = encodeDataset([{ tag: Tags.StudyInstanceUID, vr: 'UI', value: new Uint8Array([0x41, 0x42, 0x43]) }]);
    expect(Array.from(enc.subarray(8))).toEqual([0x41, 0x42, 0x43, 0x00]);
  });
});

describe('DICOM values and UIDs', () => {
  it('formats decimal strings to at most 16 characters, close to the number', () => {
    for (const n of [0, -0, 1, -1.5, 1 / 3, -2 / 3, 123456.789012345, 1e-9, -1.23456789e20, 0.7813, 3.85]) {
      const s = formatDecimalString(n);
      expect(s.length).toBeLessThanOrEqual(16);
      expect(Math.abs(Number(s) - n)).toBeLessThanOrEqual(Math.abs(n) * 1e-9 + 1e-15);
    }
    expect(formatDecimalString(-0)).toBe('0');
    expect(() => formatDecimalString(Number.NaN)).toThrow();
  });

  it('derives stable, valid, distinct UIDs from names', () => {
    const a = uidFromName('bme-phantom/seed=1/patient=0/study');
    expect(a).toBe(uidFromName('bme-phantom/seed=1/patient=0/study'));
    expect(a).not.toBe(uidFromName('bme-phantom/seed=1/patient=1/study'));
    expect(a.startsWith('2.25.')).toBe(true);
    expect(isValidUid(a)).toBe(true);
    const r = randomUid();
    expect(isValidUid(r)).toBe(true);
    expect(r).not.toBe(randomUid());
    expect(isValidUid('1.2.03')).toBe(false);
    expect(isValidUid('1..2')).toBe(false);
  });
});
