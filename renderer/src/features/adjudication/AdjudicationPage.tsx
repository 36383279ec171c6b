import { useCallback, useEffect, useRef, useState } from 'react';
import type { AdjudicationQueue, AdjudicationSettings, ConsensusDecision, QueueItem } from '../../../../shared/model/adjudication';
import { ErrorBanner } from '../../app/ErrorBanner';
import { useHashRoute } from '../../app/hash-route';
import { useHost } from '../../host/host-context';
import { methodWords } from './case-masks';
import { CaseScreen } from './CaseScreen';
import { nextUnsettled, type SliceRef } from './queue-order';
import { NO_FILTERS, QueuePanel, type QueueFilters } from './QueuePanel';
import { SettingsPanel } from './SettingsPanel';

/** '#/adjudication/12/5' = series 12, slice 5 (1-based, as people count slices). */
const CASE_ROUTE = /^\/adjudication\/(\d+)\/(\d+)$/;

/**
 * The coordinator's adjudication: the queue of discordant slices on the left, the slice to
 * decide on the right. After each decision the next unsettled slice opens.
 */
export function AdjudicationPage() {
  const { api } = useHost();
  const [route, go] = useHashRoute();
  const m = CASE_ROUTE.exec(route);
  const selected: SliceRef | null = m ? { seriesId: Number(m[1]), sliceIndex: Number(m[2]) - 1 } : null;
  const [filters, setFilters] = useState<QueueFilters>(NO_FILTERS);
  const [queue, setQueue] = useState<AdjudicationQueue | null>(null);
  const [settings, setSettings] = useState<AdjudicationSettings | null>(null);
  const [showSettings, setShowSettings] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ id: number; text: string } | null>(null);
  const filtersRef = useRef(filters);
  filtersRef.current = filters;

  const open = useCallback((item: SliceRef) => go(`/adjudication/${item.seriesId}/${item.sliceIndex + 1}`), [go]);

  const loadQueue = useCallback(async (): Promise<AdjudicationQueue | null> => {
    const f = filtersRef.current;
    try {
      const q = await api.adjudication.queue({ ...(f.segment ? { segment: f.segment } : {}), ...(f.reason ? { reason: f.reason } : {}), includeResolved: f.includeResolved });
      setQueue(q);
      return q;
    } catch (e) {
      setError(`The adjudication queue could not be loaded: ${(e as Error).message}`);
      return null;
    }
  }, [api]);

  useEffect(() => {
    api.adjudication.settings({}).then(setSettings, (e: Error) => setError(`The adjudication settings could not be loaded: ${e.message}`));
  }, [api]);
  useEffect(() => {
    void loadQueue();
  }, [loadQueue, filters]);

  // Opening the page without a slice: the first unsettled one.
  useEffect(() => {
    if (!selected && queue) {
      const first = nextUnsettled(queue.items, null, 1);
      if (first) open(first);
    }
  }, [selected, queue, open]);

  useEffect(() => {
    if (!notice) return;
    const t = setTimeout(() => setNotice(null), 4000);
    return () => clearTimeout(t);
  }, [notice]);

  const say = (text: string) => setNotice({ id: Date.now(), text });

  const step = (dir: 1 | -1) => {
    if (!queue) return;
    const target = nextUnsettled(queue.items, selected, dir);
    if (target) open(target);
    else say('No other unsettled slice in the queue.');
  };

  const onDecided = async (d: ConsensusDecision): Promise<boolean> => {
    const before = queue?.items ?? [];
    const was = selected;
    const fresh = await loadQueue();
    const item = before.find((i) => was && i.seriesId === was.seriesId && i.sliceIndex === was.sliceIndex);
    const where = item ? `${item.patient} ${item.segment ?? ''} slice ${item.sliceIndex + 1}` : `Slice ${(was?.sliceIndex ?? 0) + 1}`;
    const target = fresh ? nextUnsettled(fresh.items, was, 1, before) : null;
    if (target) {
      say(`${where}: ${methodWords(d.method).toLowerCase()}${d.label === 'absent' ? ' (absent)' : ''}. Next: ${target.patient} ${target.segment ?? ''} slice ${target.sliceIndex + 1}.`);
      open(target);
      return true;
    }
    say(`${where}: ${methodWords(d.method).toLowerCase()}. ${fresh && fresh.remaining === 0 ? 'Every discordant slice is settled.' : ''}`);
    return false;
  };

  const queueItem: QueueItem | undefined = selected ? queue?.items.find((i) => i.seriesId === selected.seriesId && i.sliceIndex === selected.sliceIndex) : undefined;
  const position = queueItem && queue ? queue.items.indexOf(queueItem) + 1 : 0;

  return (
    <div className="adjudication">
      <QueuePanel
        queue={queue}
        filters={filters}
        onFilters={setFilters}
        selected={selected}
        onPick={open}
        diceThreshold={settings?.diceThreshold ?? null}
        onSettings={() => setShowSettings(true)}
        onRefresh={() => void loadQueue()}
      />
      <div className="adj-main">
        <ErrorBanner message={error} onDismiss={() => setError(null)} />
        {selected ? (
          <CaseScreen
            seriesId={selected.seriesId}
            sliceIndex={selected.sliceIndex}
            settings={settings}
            queueReason={queueItem && !queueItem.resolved ? { reason: queueItem.reason, dice: queueItem.dice } : null}
            queueNote={queue ? (queueItem ? `Item ${position} of ${queue.items.length} in the list · ${queue.remaining} left to settle` : `Not among the unsettled slices listed · ${queue.remaining} left to settle`) : null}
            onDecided={onDecided}
            onNextItem={() => step(1)}
            onPreviousItem={() => step(-1)}
            onGoSlice={(i) => open({ seriesId: selected.seriesId, sliceIndex: i })}
            paused={showSettings}
          />
        ) : (
          <div className="adj-empty">
            <h1>Adjudication</h1>
            <p className="muted">
              {queue === null
                ? 'Loading the queue…'
                : queue.total === 0
                  ? queue.seriesReady === 0
                    ? 'Nothing to adjudicate yet: discordant slices appear here once both primary readers have locked a series.'
                    : 'The readers agree on every slice of the series that are ready. Concordant slices became consensus automatically.'
                  : 'Every discordant slice is settled. Tick "Show settled slices" to review or revise a decision.'}
            </p>
          </div>
        )}
        {notice && (
          <div key={notice.id} className="adj-toast" role="status">
            {notice.text}
          </div>
        )}
      </div>
      {showSettings && settings && (
        <div className="adj-backdrop" onClick={(e) => e.target === e.currentTarget && setShowSettings(false)}>
          <SettingsPanel
            settings={settings}
            onClose={() => setShowSettings(false)}
            onSave={async (s) => {
              setSettings(await api.adjudication.setSettings(s));
              await loadQueue();
              say('Settings saved; automatic consensus recomputed.');
            }}
          />
        </div>
      )}
    </div>
  );
}
