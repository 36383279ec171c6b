import { cpSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BlobStore } from '../../electron/core/dicom/import/blob-store';
import { generatePhantomCohort } from '../../electron/core/dicom/phantom';
import { tempDir } from './temp';

/** What test/fixtures/studies/make-fixture-study.mjs recorded about the study it made. */
export interface FixtureManifest {
  schemaVersion: number;
  appVersion: string;
  phantom: { patients: number; seed: number };
  counts: { instances: number; audit: number; models: number; evaluations: number; suggestions: number };
  auditHead: { id: number; rowHash: string };
  instances: { seriesUid: string; sopInstanceUid: string; blobSha256: string }[];
  reads: { reader: string; slot: string; seriesUid: string; sopInstanceUid: string; label: 'present' | 'absent'; contentHash: string; maskPixels: number; revision: number }[];
  locks: { reader: string; seriesUid: string; locked: 0 | 1 }[];
  consensus: { seriesUid: string; sopInstanceUid: string; label: 'present' | 'absent'; contentHash: string; method: string }[];
}

const FIXTURES = join(__dirname, '..', 'fixtures', 'studies');

/** Schema versions that have a committed fixture study (test/fixtures/studies/schema-N/). */
export function fixtureSchemas(): number[] {
  return readdirSync(FIXTURES)
    .map((name) => /^schema-(\d+)$/.exec(name)?.[1])
    .filter((v): v is string => v !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/**
 * A working copy of the fixture study made at schema `version`, in a temporary folder, with its
 * imported DICOM copies regenerated: the phantom is deterministic, so the same seed writes the
 * same bytes, and each must land under the content hash the study recorded at import (a phantom
 * that changed its output is reported here, not as a lost image later).
 */
export async function fixtureStudyCopy(version: number): Promise<{ file: string; manifest: FixtureManifest }> {
  const source = join(FIXTURES, `schema-${version}`);
  const manifest = JSON.parse(readFileSync(join(source, 'manifest.json'), 'utf8')) as FixtureManifest;
  const dir = tempDir('bme-fixture-');
  const file = join(dir, 'fixture.bmestudy');
  cpSync(join(source, 'fixture.bmestudy'), file);
  cpSync(join(source, 'fixture.bme-data'), join(dir, 'fixture.bme-data'), { recursive: true });
  const cohort = await generatePhantomCohort({ outDir: join(dir, 'cohort'), patients: manifest.phantom.patients, seed: manifest.phantom.seed });
  const blobs = BlobStore.forStudy(file);
  const walk = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
  for (const path of walk(cohort.outDir)) if (path.endsWith('.dcm')) blobs.put(readFileSync(path));
  const missing = manifest.instances.filter((i) => !blobs.has(i.blobSha256));
  if (missing.length > 0) {
    throw new Error(
      `The phantom no longer writes the fixture's images (${missing.length} of ${manifest.instances.length} missing, first ${missing[0]!.sopInstanceUid}): ` +
        `commit the fixture's blobs/ folder, or regenerate a fixture with test/fixtures/studies/make-fixture-study.mjs at the schema it stands for.`,
    );
  }
  return { file, manifest };
}
