import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { auditKeyExportCommand, auditKeyImportCommand, auditKeyNewCommand } from '../../../electron/core/cli/commands/audit-key';
import { auditVerifyCommand } from '../../../electron/core/cli/commands/audit-verify';
import { StudyRegistry } from '../../../electron/core/study-registry';
import { tempDir } from '../../support/temp';
import { runCommand, smallStudy } from './helpers';

const here = process.env.BME_KEY_DIR;
afterEach(() => {
  process.env.BME_KEY_DIR = here;
});

/** Whether an audited change is accepted now (a fresh registry, as a new open). */
function canWrite(file: string): boolean {
  const registry = new StudyRegistry();
  try {
    const s = registry.acquire(file);
    s.tx(() => s.audit.append({ actorId: null, action: 'test.note', entity: 'note' }));
    return true;
  } catch (err) {
    expect((err as Error).message).toMatch(/read-only/);
    return false;
  } finally {
    registry.closeAll();
  }
}

describe('moving a study to another machine with its audit key', () => {
  it('opens read-only and verifies for consistency only without the key; after bme audit key import it verifies and opens for work', async () => {
    const dir = tempDir();
    const file = smallStudy(dir, 10);
    const keyFile = join(dir, 'study.bmekey');
    await runCommand(auditKeyExportCommand, { db: file, out: keyFile });
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);

    // "Another machine": another profile's key folder.
    process.env.BME_KEY_DIR = mkdtempSync(join(tmpdir(), 'bme-keys-other-'));
    const without = await runCommand(auditVerifyCommand, { db: file });
    expect(without.code).toBe(0);
    expect(without.out).toContain('Consistency only');
    expect(canWrite(file)).toBe(false);

    await runCommand(auditKeyImportCommand, { db: file, from: keyFile });
    const withKey = await runCommand(auditVerifyCommand, { db: file, json: true });
    expect(withKey.json).toMatchObject({ ok: true, authenticity: 'authentic' });
    expect(canWrite(file)).toBe(true);
  });

  it('begins an audited new epoch when the key is lost; the study then opens for work', async () => {
    const file = smallStudy(tempDir(), 5);
    process.env.BME_KEY_DIR = mkdtempSync(join(tmpdir(), 'bme-keys-lost-'));
    expect(canWrite(file)).toBe(false);
    await runCommand(auditKeyNewCommand, { db: file });
    expect(canWrite(file)).toBe(true);
    const v = await runCommand(auditVerifyCommand, { db: file, json: true });
    // The first epoch's key is gone: its rows can be checked for consistency only.
    expect(v.json).toMatchObject({ ok: true, authenticity: 'consistency_only' });
  });
});
