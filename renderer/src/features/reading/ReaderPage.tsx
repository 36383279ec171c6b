import { useEffect, useState } from 'react';
import type { SeriesRead } from '../../../../shared/model/reading';
import { useHost } from '../../host/host-context';
import { ReaderView } from './ReaderView';

/**
 * The reader view of one series: loads the signed-in reader's own read (`reading.open` refuses
 * a series that is not assigned to them) and then shows the ReaderView.
 */
export function ReaderPage({ seriesId, onBack }: { seriesId: number; onBack: () => void }) {
  const { api } = useHost();
  const [read, setRead] = useState<SeriesRead | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    setRead(null);
    setError(null);
    api.reading.open({ seriesId }).then(
      (r) => !cancelled && setRead(r),
      (e: Error) => !cancelled && setError(e.message),
    );
    return () => {
      cancelled = true;
    };
  }, [api, seriesId]);

  if (error) {
    return (
      <div className="page">
        <div className="panel narrow reader-refused" role="alert">
          <h2>This series cannot be opened for reading</h2>
          <p>{error}</p>
          <button type="button" onClick={onBack}>← Back to the worklist</button>
        </div>
      </div>
    );
  }
  if (!read) return <p className="muted center">Opening your read…</p>;
  return <ReaderView key={read.seriesId} read={read} onBack={onBack} />;
}
