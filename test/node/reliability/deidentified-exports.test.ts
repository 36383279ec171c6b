import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { consensusExportCommand } from '../../../electron/core/cli/commands/consensus-export';
import { readsExportCommand } from '../../../electron/core/cli/commands/reads-export';
import { demoStudyCopy } from '../../support/demo';
import { tempDir } from '../../support/temp';
import { runCommand } from './helpers';
import { openSqlite } from '../../../electron/core/db/sqlite';

interface Identifiers {
  names: string[];
  ids: string[];
  uids: string[];
  seriesUids: string[];
}

/** What the study knows that must not leave it: the imported patients' names and IDs and every original UID. */
function identifiersOf(file: string): Identifiers {
  const db = openSqlite(file, { readonly: true });
  try {
    const col = (sql: string) => (db.prepare(sql).pluck().all() as (string | null)[]).filter((v): v is string => !!v);
    const seriesUids = col('SELECT series_uid FROM series');
    return {
      names: col('SELECT patient_name FROM patient'),
      ids: col('SELECT patient_id FROM patient'),
      uids: [...col('SELECT study_uid FROM imaging_study'), ...seriesUids, ...col('SELECT sop_uid FROM instance')],
      seriesUids,
    };
  } finally {
    db.close();
  }
}

/** Every byte an export wrote: the folder's files and what the command printed. */
async function exportedBytes(file: string): Promise<{ bytes: Buffer; consensusIndex: { masks: { seriesUid: string; patient: string }[]; deidentification: unknown }; reads: { series: { seriesUid: string; patient: string }[] } }> {
  const out = join(tempDir(), 'export');
  await runCommand(consensusExportCommand, { db: file, out, format: 'png' });
  const reads = await runCommand(readsExportCommand, { db: file, json: true });
  const files = readdirSync(out).map((n) => readFileSync(join(out, n)));
  const readsText = Buffer.from(JSON.stringify(reads.json));
  return {
    bytes: Buffer.concat([...files, readsText, ...readdirSync(out).map((n) => Buffer.from(n))]),
    consensusIndex: JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')),
    reads: reads.json as { series: { seriesUid: string; patient: string }[] },
  };
}

describe('exports that leave the study are de-identified (PS3.15 Annex E basic profile)', () => {
  it('carry no patient name, patient ID or original Study/Series/SOP UID, in any encoding of the bytes', async () => {
    const file = await demoStudyCopy(2, 5);
    const ids = identifiersOf(file);
    // The seeded phantom identities are in the study: the search below looks for real values.
    expect(ids.names).toEqual(expect.arrayContaining([expect.stringMatching(/^PHANTOM\^P\d{3}$/)]));
    expect(ids.ids).toEqual(expect.arrayContaining([expect.stringMatching(/^PH-S\d+-\d{3}$/)]));
    expect(ids.uids.length).toBeGreaterThan(50);

    const { bytes, consensusIndex, reads } = await exportedBytes(file);
    expect(consensusIndex.masks.length).toBeGreaterThan(0);
    const text = bytes.toString('latin1');
    const found: string[] = [];
    for (const needle of [...ids.names, ...ids.ids, ...ids.names.map((n) => n.replace('^', ' ')), ...ids.uids]) {
      if (text.includes(needle) || bytes.includes(Buffer.from(needle, 'utf16le'))) found.push(needle);
    }
    expect(found).toEqual([]);
    expect(consensusIndex.deidentification).toMatchObject({ patientIdentityRemoved: 'YES', profile: expect.stringContaining('PS3.15 Annex E') });
    expect(reads.series.every((s) => /^P\d{3}$/.test(s.patient))).toBe(true);
  });

  it('remap each UID consistently: the same series has the same new UID in both exports and in a later export; another study gets others', async () => {
    const file = await demoStudyCopy(2, 5);
    const first = await exportedBytes(file);
    const again = await exportedBytes(file);
    const byPatientOf = (rows: { seriesUid: string }[]) => new Set(rows.map((r) => r.seriesUid));
    const consensusUids = byPatientOf(first.consensusIndex.masks);
    const readsUids = byPatientOf(first.reads.series);
    for (const uid of readsUids) {
      expect(uid).toMatch(/^2\.25\.[1-9]\d*$/);
      expect(uid.length).toBeLessThanOrEqual(64);
    }
    expect(readsUids.size).toBe(identifiersOf(file).seriesUids.length);
    for (const uid of consensusUids) expect(readsUids.has(uid)).toBe(true);
    expect(again.reads.series.map((s) => s.seriesUid)).toEqual(first.reads.series.map((s) => s.seriesUid));

    const otherStudy = await demoStudyCopy(2, 5);
    const other = await exportedBytes(otherStudy);
    expect(other.reads.series.some((s) => readsUids.has(s.seriesUid))).toBe(false);
  });
});
