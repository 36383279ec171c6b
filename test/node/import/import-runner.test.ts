import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BlobStore } from '../../../electron/core/dicom/import/blob-store';
import { startImport } from '../../../electron/core/dicom/import/import-runner';
import { StudyRegistry } from '../../../electron/core/study-registry';
import { phantomCohort } from '../../support/cohort';
import { tempDir } from '../../support/temp';

function newStudy() {
  const dir = tempDir('bme-import-');
  const registry = new StudyRegistry();
  const study = registry.acquire(join(dir, 'study.bmestudy'), { create: true });
  study.study.insert({ studyId: 'x', title: 'Import test', createdAt: 'now', createdByApp: 'test' });
  return { dir, study, close: () => registry.closeAll() };
}

const importPaths = (study: ReturnType<typeof newStudy>['study'], paths: string[]) => startImport(study, paths, null, () => undefined).done;

describe('DICOM import', () => {
  it('groups a phantom cohort by patient, study and series, sorted along the slice normal, segment from the description', async () => {
    const cohort = await phantomCohort(2, 3);
    const { study, close } = newStudy();
    const report = await importPaths(study, [cohort.outDir]);
    expect(report.status).toBe('done');
    expect(report.imported).toBe(cohort.files);
    expect(report.problems.map((p) => p.file.split('/').pop()).sort()).toEqual(['README.txt', 'truth.json']);
    const series = study.imaging.allSeries();
    expect(series).toHaveLength(6);
    expect(series.map((s) => s.pseudonym)).toEqual(['P001', 'P001', 'P001', 'P002', 'P002', 'P002']);
    expect(series.map((s) => s.segment)).toEqual(['cervical', 'thoracic', 'lumbar', 'cervical', 'thoracic', 'lumbar']);
    for (const s of series) {
      const inst = study.imaging.instances(s.id);
      expect(inst.map((i) => i.sliceIndex)).toEqual(inst.map((_, k) => k));
      const positions = inst.map((i) => i.position!);
      const steps = positions.slice(1).map((p, k) => p - positions[k]!);
      for (const step of steps) expect(step).toBeCloseTo(steps[0]!, 3); // evenly spaced, ascending
      expect(steps[0]).toBeGreaterThanOrEqual(3.5); // slice thickness 3.5 mm, gap or none
      expect(s.issues).toEqual([]);
    }
    close();
  });

  it('keeps its own copies: deleting the source loses nothing, and importing again adds nothing', async () => {
    const cohort = await phantomCohort(1, 4);
    const { dir, study, close } = newStudy();
    const source = join(dir, 'source');
    cpSync(cohort.outDir, source, { recursive: true });
    await importPaths(study, [source]);
    const again = await importPaths(study, [source]);
    expect(again.imported).toBe(0);
    expect(again.alreadyPresent).toBe(cohort.files);
    rmSync(source, { recursive: true });
    const blobs = BlobStore.forStudy(study.file);
    const first = study.imaging.instances(study.imaging.allSeries()[0]!.id)[0]!;
    expect(blobs.read(first.blobSha256).subarray(128, 132).toString()).toBe('DICM');
    close();
  });

  it('reports a known SOPInstanceUID with different content as a conflict and keeps the stored copy', async () => {
    const cohort = await phantomCohort(1, 5);
    const { dir, study, close } = newStudy();
    await importPaths(study, [cohort.outDir]);
    const seg = join(cohort.outDir, readdirSync(cohort.outDir).find((n) => n.startsWith('PH-'))!, 'lumbar');
    const original = readFileSync(join(seg, 'IM0003.dcm'));
    const changed = Buffer.from(original);
    changed[changed.length - 10] ^= 0xff; // one pixel differs
    const altered = join(dir, 'altered.dcm');
    writeFileSync(altered, changed);
    const report = await importPaths(study, [altered]);
    expect(report.imported).toBe(0);
    expect(report.problems).toEqual([{ file: altered, code: 'conflict', message: expect.stringMatching(/already in the study with different content/) }]);
    close();
  });

  it('names every unreadable file with its reason and imports the rest', async () => {
    const cohort = await phantomCohort(1, 6);
    const { dir, study, close } = newStudy();
    const src = join(dir, 'mixed');
    cpSync(join(cohort.outDir, readdirSync(cohort.outDir).find((n) => n.startsWith('PH-'))!, 'cervical'), src, { recursive: true });
    const files = readdirSync(src).sort();
    const good = readFileSync(join(src, files[0]!));
    writeFileSync(join(src, 'truncated.dcm'), good.subarray(0, Math.floor(good.length / 2)));
    writeFileSync(join(src, 'garbage.bin'), Buffer.from('not a dicom file at all'.repeat(20)));
    writeFileSync(join(src, 'empty'), Buffer.alloc(0));
    const report = await importPaths(study, [src]);
    const byName = Object.fromEntries(report.problems.map((p) => [p.file.split('/').pop(), p]));
    expect(byName['truncated.dcm']).toMatchObject({ code: expect.stringMatching(/truncated|bad_pixel_data/), message: expect.stringContaining('truncated.dcm') });
    expect(byName['garbage.bin']).toMatchObject({ code: 'not_dicom', message: expect.stringContaining('garbage.bin: not DICOM') });
    expect(byName['empty']).toMatchObject({ message: expect.stringContaining('empty') });
    expect(report.imported).toBe(files.length);
    close();
  });

  it('reports a gap where a slice is missing, and never logs identifiers in the report', async () => {
    const cohort = await phantomCohort(1, 8);
    const { dir, study, close } = newStudy();
    const src = join(dir, 'gappy');
    cpSync(join(cohort.outDir, readdirSync(cohort.outDir).find((n) => n.startsWith('PH-'))!, 'thoracic'), src, { recursive: true });
    rmSync(join(src, 'IM0005.dcm'));
    const report = await importPaths(study, [src]);
    expect(report.series[0]!.issues).toEqual([expect.objectContaining({ kind: 'gap', message: expect.stringMatching(/Gap of \d+\.\d\d mm between slices 4 and 5 \(usual spacing \d+\.\d\d mm\)/) })]);
    const json = JSON.stringify(report);
    expect(json).not.toMatch(/PHANTOM\^|PH-S8-/);
    close();
  });

  it('can be cancelled; what it committed stays whole', async () => {
    const cohort = await phantomCohort(2, 9);
    const { study, close } = newStudy();
    const handle = startImport(study, [cohort.outDir], null, () => undefined);
    handle.cancel();
    const report = await handle.done;
    expect(report.status).toBe('cancelled');
    const total = study.imaging.allSeries().reduce((n, s) => n + s.slices, 0);
    expect(total).toBe(report.imported);
    const resumed = await importPaths(study, [cohort.outDir]);
    expect(resumed.imported + resumed.alreadyPresent).toBe(cohort.files);
    close();
  });
});
