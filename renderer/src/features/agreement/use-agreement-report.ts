import { useCallback, useEffect, useRef, useState } from 'react';
import type { HostApi } from '../../../../shared/contracts';
import type { AgreementReport } from '../../../../shared/model/agreement';

/** How often the dashboard asks for fresh figures while it is on screen, ms. */
export const AGREEMENT_POLL_MS = 5000;

export interface AgreementReportState {
  report: AgreementReport | null;
  error: string | null;
  loading: boolean;
  /** When the last answer arrived (local time), or null. */
  fetchedAt: Date | null;
  refresh(): Promise<void>;
}

/**
 * The study's agreement figures, fetched again every few seconds while the page is visible and
 * `auto` is on (reads come in while the coordinator watches), and at once when the tab comes
 * back into view. Never two requests at a time; a refresh asked for during one runs right after it.
 */
export function useAgreementReport(api: HostApi, auto: boolean, intervalMs = AGREEMENT_POLL_MS): AgreementReportState {
  const [report, setReport] = useState<AgreementReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [fetchedAt, setFetchedAt] = useState<Date | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);
  const again = useRef(false);
  const alive = useRef(true);

  const refresh = useCallback(async (): Promise<void> => {
    // A request already running may predate the change the caller wants to see: ask once more after it.
    if (inFlight.current) {
      again.current = true;
      return inFlight.current;
    }
    const run = (async () => {
      setLoading(true);
      do {
        again.current = false;
        try {
          const r = await api.agreement.report({});
          if (!alive.current) return;
          setReport(r);
          setError(null);
          setFetchedAt(new Date());
        } catch (e) {
          if (alive.current) setError(`The agreement figures could not be computed: ${(e as Error).message}`);
        }
      } while (again.current && alive.current);
      if (alive.current) setLoading(false);
    })();
    inFlight.current = run;
    try {
      await run;
    } finally {
      inFlight.current = null;
    }
  }, [api]);

  useEffect(() => {
    alive.current = true;
    void refresh();
    return () => {
      alive.current = false;
    };
  }, [refresh]);

  useEffect(() => {
    if (!auto) return;
    const tick = () => {
      if (document.visibilityState === 'visible') void refresh();
    };
    const timer = setInterval(tick, intervalMs);
    document.addEventListener('visibilitychange', tick);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', tick);
    };
  }, [auto, intervalMs, refresh]);

  return { report, error, loading, fetchedAt, refresh };
}
