import { describe, expect, it } from 'vitest';
import { checkAfterKill, type SoakLedger } from '../../../electron/core/reliability/soak/check-after-kill';
import { prepareSoakStudy } from '../../../electron/core/reliability/soak/prepare-soak-study';
import { runCrashSoak } from '../../../electron/core/reliability/soak/run-crash-soak';
import { verifyAuditChain } from '../../../electron/core/reliability/verify-audit';
import { tempDir } from '../../support/temp';
import { openSqlite } from '../../../electron/core/db/sqlite';

describe('crash soak (short version of npm run soak:crash)', () => {
  it('25 SIGKILLs of a child saving through the real services: integrity ok, no confirmed save lost, nothing half-written', async () => {
    const summary = await runCrashSoak({ kills: 25, seed: 3, dir: tempDir('bme-soak-test-') });
    expect(summary.problems).toEqual([]);
    expect(summary).toMatchObject({ kills: 25, savesLost: 0, integrityFailures: 0, halfWritten: 0, auditChainFailures: 0, badBackups: 0, childErrors: 0 });
    expect(summary.savesConfirmed).toBeGreaterThan(100);
    expect(summary.backupsChecked).toBeGreaterThan(0);
  }, 120_000);

  it('the check after a kill counts a confirmed save that is not in the study as lost, and a save nobody began as half-written', async () => {
    const file = await prepareSoakStudy(tempDir('bme-soak-check-'));
    const db = openSqlite(file, { readonly: true });
    const ledger: SoakLedger = { head: verifyAuditChain(db).head, lastBackupChecked: null };
    const real = db.prepare("SELECT entity_id AS entity, after_hash AS hash FROM audit WHERE action = 'read.save_slice' ORDER BY id DESC LIMIT 1").get() as { entity: string; hash: string };
    db.close();
    // '<assignment>:<SOP Instance UID>:<frame>', as the soak's lines name images.
    const [assignmentText, ...imageParts] = real.entity.split(':');
    const assignmentId = Number(assignmentText);
    const image = imageParts.join(':');
    const claimed = checkAfterKill(file, [
      { kind: 'ready', pid: 1 },
      { kind: 'begin', seriesId: 1, image, assignmentId, afterHash: 'sha256:never-saved' },
      { kind: 'ok', seriesId: 1, image, hash: 'sha256:never-saved', revision: 9 },
    ], { ...ledger });
    expect(claimed.lost).toBe(1);
    expect(claimed.problems.join('\n')).toContain('1 confirmed save(s) missing');

    // Rewind the ledger to just before the study's last save: that save now looks new, but no child began it.
    const db2 = openSqlite(file, { readonly: true });
    const lastSave = db2.prepare("SELECT max(id) FROM audit WHERE action = 'read.save_slice'").pluck().get() as number;
    const before = { id: lastSave - 1, rowHash: db2.prepare('SELECT row_hash FROM audit WHERE id = ?').pluck().get(lastSave - 1) as string };
    db2.close();
    const invented = checkAfterKill(file, [{ kind: 'ready', pid: 1 }], { head: before, lastBackupChecked: null });
    expect(invented.lost).toBe(0);
    expect(invented.halfWritten).toBe(1);
    expect(invented.problems.join('\n')).toContain('1 audited save(s) that the child never began');
  });
});
