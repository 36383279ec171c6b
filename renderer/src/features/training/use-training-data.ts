import { useCallback, useEffect, useState } from 'react';
import type { DatasetSummary } from '../../../../shared/model/dataset';
import type { ModelSummary, TrainingProgress } from '../../../../shared/model/training';
import type { HostClient } from '../../../../shared/contracts/client';

export interface TrainingData {
  datasets: DatasetSummary[] | null;
  models: ModelSummary[] | null;
  /** The latest batch of each model that is training, by model id. */
  progress: Map<number, TrainingProgress>;
  error: string | null;
  clearError(): void;
  refresh(): Promise<void>;
  /** Puts a model the caller got from the core (start, resume) into the list. */
  upsertModel(m: ModelSummary): void;
  upsertDataset(d: DatasetSummary): void;
}

const byIdDesc = (a: { id: number }, b: { id: number }) => b.id - a.id;

/**
 * Snapshots and models of the open study, kept current by the core's events: 'training.changed'
 * (an epoch ended or a status changed: fetch that model again) and 'training.progress' (one per
 * batch, kept only in memory). A reconnection reads the lists again.
 */
export function useTrainingData({ api, on, onStatus }: Pick<HostClient, 'api' | 'on' | 'onStatus'>): TrainingData {
  const [datasets, setDatasets] = useState<DatasetSummary[] | null>(null);
  const [models, setModels] = useState<ModelSummary[] | null>(null);
  const [progress, setProgress] = useState<Map<number, TrainingProgress>>(new Map());
  const [error, setError] = useState<string | null>(null);

  const upsertModel = useCallback((m: ModelSummary) => {
    setModels((all) => [...(all ?? []).filter((x) => x.id !== m.id), m].sort(byIdDesc));
    if (m.status !== 'training') {
      setProgress((p) => {
        if (!p.has(m.id)) return p;
        const next = new Map(p);
        next.delete(m.id);
        return next;
      });
    }
  }, []);

  const upsertDataset = useCallback((d: DatasetSummary) => {
    setDatasets((all) => [d, ...(all ?? []).filter((x) => x.id !== d.id)].sort((a, b) => b.createdAt.localeCompare(a.createdAt)));
  }, []);

  const refresh = useCallback(async () => {
    try {
      const [d, m] = await Promise.all([api.datasets.list({}), api.models.list({})]);
      setDatasets(d);
      setModels([...m].sort(byIdDesc));
    } catch (e) {
      setError(`The datasets and models could not be read: ${(e as Error).message}`);
    }
  }, [api]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // Events sent while the connection was down are lost: read everything again when it is back.
  useEffect(() => {
    let wasClosed = false;
    return onStatus((s) => {
      if (s === 'closed') wasClosed = true;
      else if (s === 'open' && wasClosed) {
        wasClosed = false;
        void refresh();
      }
    });
  }, [onStatus, refresh]);

  useEffect(
    () =>
      on('training.changed', ({ modelId }) => {
        api.models.get({ modelId }).then(upsertModel, (e: Error) => setError(`Model ${modelId} could not be read: ${e.message}`));
      }),
    [api, on, upsertModel],
  );

  useEffect(
    () =>
      on('training.progress', (p) => {
        setProgress((old) => new Map(old).set(p.modelId, p));
      }),
    [on],
  );

  return { datasets, models, progress, error, clearError: () => setError(null), refresh, upsertModel, upsertDataset };
}
