import { useEffect, useState } from 'react';
import type { HostApi } from '../../../../shared/contracts';
import type { AdjudicationQueue } from '../../../../shared/model/adjudication';
import { methodWords } from '../adjudication/case-masks';

/**
 * Where the consensus stands: discordant slices of the series ready for adjudication, how many
 * are settled and how (accept reader 1 or 2, union, intersection, absent, edited), and how many
 * are left. Fetched again whenever the agreement figures are (`refreshKey`).
 */
export function AdjudicationProgress({ api, refreshKey }: { api: HostApi; refreshKey: string }) {
  const [queue, setQueue] = useState<AdjudicationQueue | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api.adjudication.queue({ includeResolved: true }).then(
      (q) => live && (setQueue(q), setError(null)),
      (e: Error) => live && setError(`The adjudication queue could not be read: ${e.message}`),
    );
    return () => {
      live = false;
    };
  }, [api, refreshKey]);

  const byMethod = new Map<string, number>();
  for (const i of queue?.items ?? []) if (i.resolved && i.method) byMethod.set(i.method, (byMethod.get(i.method) ?? 0) + 1);
  const settled = queue ? queue.total - queue.remaining : 0;
  return (
    <section className="panel" aria-label="Consensus">
      <div className="row">
        <h2>Consensus</h2>
        <span className="spacer" />
        <a href="#/adjudication">Open the adjudication queue →</a>
      </div>
      {error && <p className="warn small">{error}</p>}
      {queue && (
        <>
          <p data-testid="consensus-progress">
            <strong>{settled}</strong> of {queue.total} discordant slices settled · <strong>{queue.remaining}</strong> left · {queue.seriesReady} series ready for consensus,{' '}
            {queue.seriesWaiting} waiting for both reads to be locked. Concordant slices become consensus automatically.
          </p>
          {byMethod.size > 0 && (
            <ul className="method-counts" aria-label="Settled by">
              {[...byMethod.entries()].map(([m, n]) => (
                <li key={m} data-method={m}>
                  <span>{methodWords(m)}</span> <strong>{n}</strong>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
