import { useState } from 'react';
import type { StudySummary } from '../../../../shared/model/study';
import { useHost } from '../../host/host-context';

/** What study.open's 'invalid_file' error carries for a damaged study (electron/core/reliability/damaged-study.ts). */
export interface DamagedStudy {
  file: string;
  movedTo: string | null;
  backups: { file: string; takenAt: string; reason: string; bytes: number }[];
}

/** Reads the damaged-study details out of an error from the host, if that is what it is. */
export function damagedStudyOf(err: unknown): DamagedStudy | null {
  const details = (err as { code?: string; details?: unknown }).details as Partial<DamagedStudy> | undefined;
  if ((err as { code?: string }).code !== 'invalid_file' || !details || !Array.isArray(details.backups) || typeof details.file !== 'string') return null;
  return details as DamagedStudy;
}

/**
 * The study could not be read: it was moved aside (never deleted) and the newest good backup is
 * offered. Restoring puts that backup in place of the study and opens it.
 */
export function DamagedStudyOffer({ damaged, onOpened, onError }: { damaged: DamagedStudy; onOpened: (s: StudySummary) => void; onError: (m: string) => void }) {
  const { api } = useHost();
  const [busy, setBusy] = useState(false);
  const newest = damaged.backups[0];
  const restore = async () => {
    if (!newest) return;
    setBusy(true);
    try {
      await api.backups.restore({ file: damaged.file, from: newest.file });
      onOpened(await api.study.open({ file: damaged.file }));
    } catch (e) {
      onError((e as Error).message);
      setBusy(false);
    }
  };
  return (
    <section className="panel damaged-offer" role="region" aria-label="Damaged study">
      <h2>The study could not be read</h2>
      <p className="small">
        {damaged.movedTo ? (
          <>
            The damaged file was kept, renamed to <code>{damaged.movedTo}</code>. Nothing was deleted.
          </>
        ) : (
          'The file was left where it is.'
        )}
      </p>
      {newest ? (
        <>
          <p className="small">
            The newest good backup is from <strong>{new Date(newest.takenAt).toLocaleString()}</strong> ({newest.reason}); work saved after it is not in it.
            {damaged.backups.length > 1 && ` ${damaged.backups.length - 1} older backup(s) are kept too.`}
          </p>
          <button type="button" className="primary" disabled={busy} onClick={() => void restore()}>
            Restore the newest good backup and open it
          </button>
        </>
      ) : (
        <p className="small">There is no good backup of this study.</p>
      )}
    </section>
  );
}
