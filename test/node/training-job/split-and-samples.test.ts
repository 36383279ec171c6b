import { describe, expect, it } from 'vitest';
import { fakeColorSeries, resizeMask } from '../../../electron/core/dataset/fake-color-sample';
import { splitPatients } from '../../../electron/core/dataset/split-patients';
import { epochOrder } from '../../../electron/core/training-job/batches';
import { Rng } from '../../../electron/core/dicom/phantom/prng';

const patients = Array.from({ length: 40 }, (_, i) => ({ patient: `P${String(i + 1).padStart(3, '0')}`, hasBme: i % 4 !== 0 }));

describe('splitting by patient', () => {
  it('never puts a patient on both sides of any split, and covers everyone once', () => {
    for (const seed of [1, 2, 3]) {
      const split = splitPatients(patients, { folds: 5, seed, testPatients: 'random', testFraction: 0.2 });
      const test = new Set(split.test);
      const inFolds = split.folds.flat();
      expect(new Set(inFolds).size).toBe(inFolds.length);
      for (const p of inFolds) expect(test.has(p)).toBe(false);
      expect(test.size + inFolds.length).toBe(40);
      for (let k = 0; k < split.folds.length; k++) {
        const train = new Set(split.folds.filter((_, j) => j !== k).flat());
        for (const p of split.folds[k]!) expect(train.has(p)).toBe(false);
      }
    }
  });

  it('stratifies by BME: the test set and each fold hold patients with and without', () => {
    const split = splitPatients(patients, { folds: 5, seed: 7, testPatients: 'random', testFraction: 0.2 });
    const bme = new Set(patients.filter((p) => p.hasBme).map((p) => p.patient));
    expect(split.test.filter((p) => bme.has(p))).toHaveLength(6); // 20% of 30
    expect(split.test.filter((p) => !bme.has(p))).toHaveLength(2); // 20% of 10
    for (const fold of split.folds) expect(fold.some((p) => !bme.has(p))).toBe(true);
  });

  it('is reproducible with a seed and takes the coordinator’s test patients', () => {
    const a = splitPatients(patients, { folds: 4, seed: 5, testPatients: 'random', testFraction: 0.25 });
    expect(splitPatients(patients, { folds: 4, seed: 5, testPatients: 'random', testFraction: 0.25 })).toEqual(a);
    expect(splitPatients(patients, { folds: 4, seed: 6, testPatients: 'random', testFraction: 0.25 })).not.toEqual(a);
    const chosen = splitPatients(patients, { folds: 4, seed: 5, testPatients: ['P002', 'P009'], testFraction: 0 });
    expect(chosen.test).toEqual(['P002', 'P009']);
    expect(() => splitPatients(patients, { folds: 4, seed: 5, testPatients: ['P999'], testFraction: 0 })).toThrow(/P999/);
  });
});

describe("'fake-color' samples", () => {
  it('puts the previous, current and next slice in R, G and B; the edges repeat themselves', () => {
    const w = 4;
    const h = 4;
    const slices = [10, 20, 30].map((v) => new Float32Array(w * h).fill(v));
    slices[0]![0] = 0; // the series' low percentile
    slices[2]![0] = 40; // and its high one
    const fake = fakeColorSeries(slices, w, h, 4, 0, 100);
    const px = (k: number) => [fake[k]![15 * 3], fake[k]![15 * 3 + 1], fake[k]![15 * 3 + 2]];
    const g = (v: number) => Math.round((v / 40) * 255);
    expect(px(0)).toEqual([g(10), g(10), g(20)]);
    expect(px(1)).toEqual([g(10), g(20), g(30)]);
    expect(px(2)).toEqual([g(20), g(30), g(30)]);
  });

  it('resizes masks consistently with their images', () => {
    const mask = new Uint8Array(8 * 8);
    for (let y = 2; y < 6; y++) for (let x = 4; x < 8; x++) mask[y * 8 + x] = 1;
    const small = resizeMask(mask, 8, 8, 4);
    expect([...small]).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0]);
  });
});

describe('class balance in batches', () => {
  it('oversamples slices with BME to about the asked share, keeping every sample', () => {
    const idx = Array.from({ length: 100 }, (_, i) => i);
    const order = epochOrder(idx, (i) => i < 10, 0.33, new Rng(1));
    for (const i of idx) expect(order).toContain(i);
    const share = order.filter((i) => i < 10).length / order.length;
    expect(share).toBeGreaterThan(0.3);
    expect(share).toBeLessThan(0.36);
  });
});
