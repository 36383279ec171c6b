import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatePhantomCohort, isLesionFree, synthesizePatient, type PhantomPatient, type PhantomSeries } from '../../../electron/core/dicom/phantom';

const SEED = 1;
// Four patients: one block of the lesion-free schedule, so exactly one of them has no lesion.
const patients: PhantomPatient[] = [0, 1, 2, 3].map((i) => synthesizePatient(SEED, i));

function cross(a: number[], b: number[]): number[] {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}
const dot = (a: number[], b: number[]) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

function meanAt(pixels: Uint16Array, where: Uint8Array): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < where.length; i++) {
    if (where[i]) {
      sum += pixels[i];
      n++;
    }
  }
  return sum / n;
}

describe('synthesizePatient', () => {
  it('gives the same patient for the same seed and index, and different images otherwise', () => {
    const again = synthesizePatient(SEED, 1);
    const first = patients[1];
    expect(again.studyInstanceUid).toBe(first.studyInstanceUid);
    for (let s = 0; s < 3; s++) {
      for (let k = 0; k < first.series[s].slices.length; k++) {
        expect(Buffer.from(again.series[s].slices[k].pixels.buffer).equals(Buffer.from(first.series[s].slices[k].pixels.buffer))).toBe(true);
        expect(Buffer.from(again.series[s].slices[k].mask).equals(Buffer.from(first.series[s].slices[k].mask))).toBe(true);
      }
    }
    const otherSeed = synthesizePatient(SEED + 1, 1);
    expect(otherSeed.patientId).toBe('PH-S2-002');
    expect(otherSeed.studyInstanceUid).not.toBe(first.studyInstanceUid);
    const a = first.series[2].slices[8].pixels;
    const b = otherSeed.series[2].slices[8].pixels;
    expect(a.length === b.length && Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(false);
  });

  it('names patients realistically but unmistakably fake', () => {
    expect(patients.map((p) => p.patientId)).toEqual(['PH-S1-001', 'PH-S1-002', 'PH-S1-003', 'PH-S1-004']);
    expect(patients.map((p) => p.patientName)).toEqual(['PHANTOM^P001', 'PHANTOM^P002', 'PHANTOM^P003', 'PHANTOM^P004']);
    for (const p of patients) {
      expect(p.studyDate).toMatch(/^20\d{6}$/);
      expect(p.birthDate < p.studyDate).toBe(true);
    }
  });

  it('scans three sagittal segments of 17 to 19 slices with realistic DICOM attributes', () => {
    for (const p of patients) {
      expect(p.series.map((s) => s.segment)).toEqual(['cervical', 'thoracic', 'lumbar']);
      expect(p.series.map((s) => s.seriesDescription)).toEqual(['SAG STIR C-SPINE', 'SAG STIR T-SPINE', 'SAG STIR L-SPINE']);
      expect(p.series.map((s) => s.bodyPartExamined)).toEqual(['CSPINE', 'TSPINE', 'LSPINE']);
      expect(new Set(p.series.map((s) => s.seriesInstanceUid)).size).toBe(3);
      for (const s of p.series) {
        expect(s.slices.length).toBeGreaterThanOrEqual(17);
        expect(s.slices.length).toBeLessThanOrEqual(19);
        expect(s.sliceThickness).toBe(3.5);
        expect(s.pixelSpacing[0]).toBeGreaterThanOrEqual(0.5);
        expect(s.pixelSpacing[0]).toBeLessThanOrEqual(0.8);
        expect(s.rows * s.pixelSpacing[0]).toBeGreaterThan(230); // about 250 mm head to feet
        for (const sl of s.slices) {
          expect(sl.pixels.length).toBe(s.rows * s.columns);
          expect(sl.pixels.reduce((m, v) => (v > m ? v : m), 0)).toBeLessThanOrEqual(4095);
        }
      }
    }
  });

  it('places sagittal slices consistently: positions step along the normal by the slice spacing', () => {
    for (const p of patients) {
      for (const s of p.series) {
        const row = s.imageOrientationPatient.slice(0, 3);
        const col = s.imageOrientationPatient.slice(3, 6);
        expect(dot(row, row)).toBeCloseTo(1, 9);
        expect(dot(col, col)).toBeCloseTo(1, 9);
        expect(dot(row, col)).toBeCloseTo(0, 9);
        expect(row).toEqual([0, 1, 0]); // rows run anterior to posterior
        const normal = cross(row, col);
        expect(Math.abs(normal[0])).toBe(1); // sagittal: slices step along x
        const along = s.slices.map((sl) => dot(sl.imagePositionPatient, normal));
        for (let k = 0; k < s.slices.length; k++) {
          expect(s.slices[k].sliceLocation).toBeCloseTo(along[k], 3);
          expect(s.slices[k].instanceNumber).toBe(k + 1);
          if (k > 0) expect(along[k] - along[k - 1]).toBeCloseTo(s.spacingBetweenSlices, 3);
          expect(s.slices[k].imagePositionPatient[1]).toBe(s.slices[0].imagePositionPatient[1]);
          expect(s.slices[k].imagePositionPatient[2]).toBe(s.slices[0].imagePositionPatient[2]);
        }
      }
    }
  });

  it('leaves one patient in every four without lesions and gives the others lesions in some segments', () => {
    const free = patients.filter((p) => isLesionFree(SEED, p.index));
    expect(free).toHaveLength(1);
    for (const p of patients) {
      const lesions = p.series.flatMap((s) => s.lesions);
      const maskPixels = p.series.flatMap((s) => s.slices).reduce((n, sl) => n + sl.mask.reduce((a, b) => a + b, 0), 0);
      expect(p.hasLesions).toBe(!isLesionFree(SEED, p.index));
      expect(lesions.length > 0).toBe(p.hasLesions);
      expect(maskPixels > 0).toBe(p.hasLesions);
    }
    // Across more patients: roughly a quarter lesion-free.
    const share = Array.from({ length: 40 }, (_, i) => isLesionFree(7, i)).filter(Boolean).length / 40;
    expect(share).toBe(0.25);
  });

  it('puts each lesion on 1 to 3 consecutive slices, with its pixels in the masks', () => {
    const all = patients.flatMap((p) => p.series);
    expect(all.flatMap((s) => s.lesions).length).toBeGreaterThan(0);
    for (const s of all) {
      for (const lesion of s.lesions) {
        const ns = lesion.instanceNumbers;
        expect(ns.length).toBeGreaterThanOrEqual(1);
        expect(ns.length).toBeLessThanOrEqual(3);
        ns.forEach((n, i) => i > 0 && expect(n).toBe(ns[i - 1] + 1));
        expect(lesion.vertebra).toMatch(/^[CTL]\d{1,2}$/);
        const pixels = s.slices.reduce((sum, sl) => sum + (sl.lesions.find((l) => l.id === lesion.id)?.pixels ?? 0), 0);
        expect(pixels).toBe(lesion.pixelCount);
        expect(lesion.pixelCount).toBeGreaterThan(10);
      }
      for (const sl of s.slices) {
        const total = sl.mask.reduce((a, b) => a + b, 0);
        expect(total).toBe(sl.lesions.reduce((a, l) => a + l.pixels, 0));
      }
    }
  });

  it('draws lesions bright: masked pixels are brighter than the same pixels on a slice without the lesion', () => {
    const ratios: number[] = [];
    const check = (s: PhantomSeries) => {
      for (const lesion of s.lesions) {
        const ns = lesion.instanceNumbers;
        // The lesion's largest slice, against the nearest slice just outside its span.
        const best = s.slices.filter((sl) => ns.includes(sl.instanceNumber)).sort((a, b) => b.mask.reduce((x, y) => x + y, 0) - a.mask.reduce((x, y) => x + y, 0))[0];
        const outside = [ns[0] - 1, ns[ns.length - 1] + 1].filter((n) => n >= 1 && n <= s.slices.length);
        const neighbour = s.slices[outside[0] - 1];
        const own = new Uint8Array(best.mask.length);
        for (let i = 0; i < own.length; i++) own[i] = best.mask[i] && !neighbour.mask[i] ? 1 : 0;
        ratios.push(meanAt(best.pixels, own) / meanAt(neighbour.pixels, own));
      }
    };
    for (const p of patients) p.series.forEach(check);
    expect(ratios.length).toBeGreaterThan(0);
    for (const r of ratios) expect(r).toBeGreaterThan(1.3);
    expect(ratios.reduce((a, b) => a + b, 0) / ratios.length).toBeGreaterThan(2);
  });
});

describe('generatePhantomCohort', () => {
  it('hands each written patient to onProgress, the same as synthesizePatient makes it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bme-phantom-lib-'));
    try {
      const seen: PhantomPatient[] = [];
      const report = await generatePhantomCohort({ outDir: join(dir, 'c'), patients: 2, seed: SEED, onProgress: (p) => seen.push(p.patient) });
      expect(seen.map((p) => p.patientId)).toEqual(['PH-S1-001', 'PH-S1-002']);
      expect(seen[1].series[2].slices[5].sopInstanceUid).toBe(patients[1].series[2].slices[5].sopInstanceUid);
      expect(Buffer.from(seen[0].series[0].slices[3].pixels.buffer).equals(Buffer.from(patients[0].series[0].slices[3].pixels.buffer))).toBe(true);
      expect(report.files).toBe(seen.flatMap((p) => p.series).reduce((n, s) => n + s.slices.length, 0));
      expect(readdirSync(join(dir, 'c', 'PH-S1-002', 'thoracic'))).toHaveLength(seen[1].series[1].slices.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a patient count or seed out of range before touching the disk', async () => {
    const dir = join(tmpdir(), `bme-phantom-never-${process.pid}`);
    await expect(generatePhantomCohort({ outDir: dir, patients: 0, seed: 1 })).rejects.toThrow(/patient count must be a whole number from 1/);
    await expect(generatePhantomCohort({ outDir: dir, patients: 1, seed: 1.5 })).rejects.toThrow(/seed must be a whole number/);
    expect(() => readdirSync(dir)).toThrow();
  });
});
