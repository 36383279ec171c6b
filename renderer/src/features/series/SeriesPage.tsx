import { useCallback, useEffect, useState } from 'react';
import type { SeriesSummary, SpinalSegment } from '../../../../shared/model/imaging';
import { ErrorBanner } from '../../app/ErrorBanner';
import { useHost } from '../../host/host-context';
import { ImportPanel } from './ImportPanel';

const SEGMENTS: SpinalSegment[] = ['cervical', 'thoracic', 'lumbar'];

/** Every series of the study (coordinators) or of the reader's worklist, and the importer. */
export function SeriesPage({ coordinator, onOpen }: { coordinator: boolean; onOpen: (seriesId: number) => void }) {
  const { api } = useHost();
  const [series, setSeries] = useState<SeriesSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(() => {
    api.imaging.seriesList({}).then(setSeries, (e: Error) => setError(e.message));
  }, [api]);
  useEffect(refresh, [refresh]);

  const setSegment = (seriesId: number, segment: SpinalSegment | null) =>
    api.imaging.setSegment({ seriesId, segment }).then(refresh, (e: Error) => setError(e.message));

  return (
    <div className="page">
      <h1>{coordinator ? 'Series' : 'Worklist'}</h1>
      <ErrorBanner message={error} onDismiss={() => setError(null)} />
      {coordinator && <ImportPanel onImported={refresh} />}
      {series === null ? (
        <p className="muted">Loading…</p>
      ) : series.length === 0 ? (
        <p className="muted">{coordinator ? 'No images yet: import a folder of DICOM files above.' : 'Nothing is assigned to you yet.'}</p>
      ) : (
        <table className="grid" aria-label="Series">
          <thead>
            <tr>
              <th>Patient</th>
              <th>Segment</th>
              <th>Description</th>
              <th>Slices</th>
              <th>Size</th>
              <th>Notes</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {series.map((s) => (
              <tr key={s.seriesId} onDoubleClick={() => onOpen(s.seriesId)}>
                <td>{s.patient}</td>
                <td>
                  {coordinator ? (
                    <select
                      aria-label={`Segment of ${s.patient} ${s.description ?? ''}`}
                      value={s.segment ?? ''}
                      onChange={(e) => void setSegment(s.seriesId, (e.target.value || null) as SpinalSegment | null)}
                      className={s.segment ? '' : 'needs-attention'}
                    >
                      <option value="">pick…</option>
                      {SEGMENTS.map((g) => (
                        <option key={g} value={g}>
                          {g}
                        </option>
                      ))}
                    </select>
                  ) : (
                    (s.segment ?? '—')
                  )}
                  {s.segmentSource && s.segmentSource !== 'user' && <span className="muted small"> (from {s.segmentSource.replace('_', ' ')})</span>}
                </td>
                <td>{s.description ?? <span className="muted">none</span>}</td>
                <td>{s.slices}</td>
                <td className="muted small">
                  {s.columns} × {s.rows}
                </td>
                <td className="small">{s.issues.length ? <span className="warn" title={s.issues.map((i) => i.message).join('\n')}>{s.issues.length} issue(s)</span> : ''}</td>
                <td>
                  <button type="button" onClick={() => onOpen(s.seriesId)}>Open</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
