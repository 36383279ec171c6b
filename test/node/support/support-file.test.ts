// "Save a support file" and `bme support`: versions, platform, engine report, the study's schema
// version and the end of the logs, and never patient data or reads. The study here is a demo study
// (made by `bme demo`) whose patients are renamed to distinctive names; its names, IDs and UIDs,
// its accounts and its title are then planted in the app's log, as error messages would quote them.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqlite } from '../../../electron/core/db/sqlite';
import { latestSchemaVersion } from '../../../electron/core/db/migrations';
import { AppLog, captureConsole, logDir } from '../../../electron/core/logging/app-log';
import { desktopDataDir } from '../../../electron/core/support/desktop-data-dir';
import { redactText } from '../../../electron/core/support/redact';
import { supportFileName } from '../../../electron/core/support/support-file';
import { ROOT } from '../../support/host-process';
import { tempDir } from '../../support/temp';

const bme = (...args: string[]) => execFileSync(process.execPath, [join(ROOT, 'bin/bme.cjs'), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('the support file', () => {
  it('holds versions, platform, engine, schema version and redacted logs, and none of the study\'s identifiers or reads', async () => {
    const dir = tempDir('bme-support-');
    const db = join(dir, 'demo.bmestudy');
    bme('demo', '--db', db, '--patients', '2');

    // Distinctive names and IDs, so that a search cannot miss them or find them by chance.
    const study = openSqlite(db);
    const patients = study.prepare('SELECT id FROM patient ORDER BY id').pluck().all() as number[];
    patients.forEach((id, i) => study.prepare('UPDATE patient SET patient_name = ?, patient_id = ? WHERE id = ?').run(`Quixotefield^Marguerite${i}`, `MRN-77${i}31-Q`, id));
    const uids = [
      ...(study.prepare('SELECT study_uid FROM imaging_study').pluck().all() as string[]),
      ...(study.prepare('SELECT series_uid FROM series').pluck().all() as string[]),
      ...(study.prepare('SELECT sop_uid FROM instance LIMIT 20').pluck().all() as string[]),
    ];
    const sourcePaths = study.prepare('SELECT source_path FROM instance WHERE source_path IS NOT NULL LIMIT 5').pluck().all() as string[];
    const title = study.prepare('SELECT title FROM study').pluck().get() as string;
    const masks = study.prepare('SELECT mask_rle FROM slice_read WHERE mask_rle IS NOT NULL LIMIT 5').pluck().all() as Uint8Array[];
    const readHashes = study.prepare('SELECT content_hash FROM slice_read LIMIT 20').pluck().all() as string[];
    expect(masks.length).toBeGreaterThan(0);
    study.close();
    const names = patients.flatMap((_, i) => [`Quixotefield^Marguerite${i}`, `Quixotefield Marguerite${i}`, `MRN-77${i}31-Q`]);

    const data = join(dir, 'app');
    const log = new AppLog(logDir(data));
    log.write('error', `Could not import ${sourcePaths[0] ?? '/data/x.dcm'} for Quixotefield^Marguerite0 (MRN-77031-Q): bad pixel data`);
    log.write('warn', `series ${uids[1]} of study ${uids[0]}: slice ${uids[2]} unreadable at /home/dr/Quixotefield_Marguerite1/IM0001.dcm`);
    log.write('warn', `quixotefield^marguerite1 opened "${title}" as coordinator`);
    log.write('info', 'backup taken in 120 ms');

    const out = join(dir, 'support.json');
    const printed = bme('support', '--out', out, '--db', db, '--data-dir', data, '--json');
    expect(JSON.parse(printed)).toMatchObject({ ok: true, file: out, studies: 1, logLines: 4 });
    const text = readFileSync(out, 'utf8');
    const report = JSON.parse(text);

    expect(report).toMatchObject({
      kind: 'bme-workstation-support-file',
      app: { version: expect.any(String), host: 'cli' },
      versions: { node: process.versions.node, sqlite: expect.stringMatching(/^3\./), 'better-sqlite3': expect.any(String), '@tensorflow/tfjs-core': expect.any(String) },
      platform: { os: process.platform, arch: process.arch },
      engine: { name: expect.any(String), rejected: expect.any(Array) },
      studies: [{ schemaVersion: latestSchemaVersion, appSchemaVersion: latestSchemaVersion, journalMode: 'wal', quickCheck: 'ok' }],
    });
    const lines: string[] = report.logs.flatMap((l: { lines: string[] }) => l.lines);
    expect(lines).toHaveLength(4);
    expect(lines.join('\n')).toMatch(/bad pixel data/);
    expect(lines.join('\n')).toMatch(/backup taken in 120 ms/);

    const lower = text.toLowerCase();
    for (const secret of [...names, ...uids, ...sourcePaths, ...readHashes, title, 'Quixotefield', 'Marguerite', '/home/dr']) {
      expect(lower, `the support file contains ${secret}`).not.toContain(secret.toLowerCase());
    }
    // No reads: the stored masks of the study appear nowhere (as base64 or as their bytes).
    for (const m of masks) {
      const bytes = Buffer.from(m);
      if (bytes.length >= 8) {
        expect(text).not.toContain(bytes.toString('base64').slice(0, 16));
        expect(text).not.toContain(bytes.toString('hex').slice(0, 16));
      }
    }
    // And nothing of a study but its format facts.
    expect(Object.keys(report.studies[0]).sort()).toEqual(['appSchemaVersion', 'createdByApp', 'fileBytes', 'journalMode', 'pageCount', 'pageSize', 'quickCheck', 'schemaVersion']);
  }, 120_000);

  it('refuses to overwrite a file and names a study that is not there', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'exists.json'), '{}');
    expect(() => bme('support', '--out', join(dir, 'exists.json'))).toThrow(/already exists/);
    expect(() => bme('support', '--out', join(dir, 'new.json'), '--db', join(dir, 'missing.bmestudy'))).toThrow(/no study file at .*missing\.bmestudy/);
  });
});

describe('what the support file takes out of log lines', () => {
  it('replaces paths (keeping the extension), UIDs and the given identifiers in any case', () => {
    expect(redactText('Could not open /home/dr/My Studies/DOE_JANE.bmestudy: SQLITE_IOERR.', ['DOE^JANE', 'DOE', 'JANE'])).toBe('Could not open <path>.bmestudy: SQLITE_IOERR.');
    expect(redactText('series 1.2.826.0.1.3680043.8.498.1 has no slice 3, epoch 3/10')).toBe('series <uid> has no slice 3, epoch 3/10');
    expect(redactText('C:\\Users\\jane\\scan.dcm failed; \\\\server\\share\\p1\\a.dcm too')).toBe('<path>.dcm failed; <path>.dcm too');
    expect(redactText("file '/tmp/a b/c.DCM' bad")).toBe("file '<path>.DCM' bad");
    expect(redactText('Doe^Jane opened', ['DOE^JANE'])).toBe('<redacted> opened');
    expect(redactText('model 3 (wasm) ok', ['ab'])).toBe('model 3 (wasm) ok');
  });
});

describe("the app's log", () => {
  it('appends lines with time and level, rotates past its size, and copies console warnings and errors', () => {
    const dir = tempDir();
    const log = new AppLog(dir, 200);
    const undo = captureConsole(log);
    try {
      for (let i = 0; i < 6; i++) console.warn(`warning number ${i}`);
      console.error(new Error('two\nlines'));
    } finally {
      undo();
    }
    const current = readFileSync(join(dir, 'bme.log'), 'utf8');
    const older = readFileSync(join(dir, 'bme.1.log'), 'utf8');
    expect(older).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z WARN  warning number 0$/m);
    expect(older).not.toMatch(/warning number 5/);
    expect(current).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z WARN  warning number 5$/m);
    expect(current).toMatch(/ERROR Error: two$/m);
    expect(current).toMatch(/ERROR lines$/m);
  });

  it('never throws, even where it cannot write', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'file'), 'x');
    expect(() => new AppLog(join(dir, 'file', 'logs')).write('error', 'nowhere to go')).not.toThrow();
  });
});

describe("where `bme support` looks for the desktop app's logs", () => {
  it("is Electron's userData folder on each platform", () => {
    expect(desktopDataDir('win32', { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'C:\\Users\\u')).toBe('C:\\Users\\u\\AppData\\Roaming\\BME Workstation');
    expect(desktopDataDir('darwin', {}, '/Users/u')).toBe('/Users/u/Library/Application Support/BME Workstation');
    expect(desktopDataDir('linux', {}, '/home/u')).toBe('/home/u/.config/BME Workstation');
    expect(desktopDataDir('linux', { XDG_CONFIG_HOME: '/x/cfg' }, '/home/u')).toBe('/x/cfg/BME Workstation');
  });

  it('names support files by date and time', () => {
    expect(supportFileName(new Date(2026, 11, 2, 14, 30, 5))).toBe('bme-support-20261202-143005.json');
  });
});
