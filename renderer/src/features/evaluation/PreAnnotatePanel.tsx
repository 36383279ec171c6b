import { useEffect, useState } from 'react';
import type { HostApi } from '../../../../shared/contracts';
import type { SeriesSummary } from '../../../../shared/model/imaging';
import type { ModelSummary } from '../../../../shared/model/training';
import { SuggestionSetting } from './SuggestionSetting';

interface Done {
  seriesId: number;
  words: string;
}

const seriesWords = (s: SeriesSummary) => `${s.patient} · ${s.segment ?? 'segment?'} · ${s.description ?? 'no description'} (${s.slices} slices)`;

/**
 * Pre-annotation: run a model on any series of the study; its masks become suggestions in the
 * reader view (never ground truth until a reader accepts one). With the study setting that lets
 * readers see them.
 */
export function PreAnnotatePanel({ api, models, modelId, onError }: { api: HostApi; models: ModelSummary[]; modelId: number | null; onError: (message: string) => void }) {
  const [series, setSeries] = useState<SeriesSummary[] | null>(null);
  const [seriesId, setSeriesId] = useState<number | null>(null);
  const [model, setModel] = useState<number | null>(modelId);
  const [running, setRunning] = useState(false);
  const [done, setDone] = useState<Done[]>([]);

  useEffect(() => setModel(modelId), [modelId]);
  useEffect(() => {
    api.imaging.seriesList({}).then(
      (list) => {
        setSeries(list);
        setSeriesId((id) => id ?? list[0]?.seriesId ?? null);
      },
      (e: Error) => onError(`The series could not be listed: ${e.message}`),
    );
  }, [api]);

  const run = async () => {
    if (model === null || seriesId === null) return;
    const s = series?.find((x) => x.seriesId === seriesId);
    setRunning(true);
    try {
      const r = await api.predictions.run({ modelId: model, seriesId });
      const words = `${s ? seriesWords(s) : `Series ${seriesId}`}: a suggestion on ${r.positiveSlices} of ${r.slices} slices (model ${model}, ${r.seconds.toFixed(1)} s on ${r.engine})`;
      setDone((d) => [{ seriesId, words }, ...d.filter((x) => x.seriesId !== seriesId)]);
    } catch (e) {
      onError(`Series ${s ? seriesWords(s) : seriesId} was not pre-annotated: ${(e as Error).message}`);
    } finally {
      setRunning(false);
    }
  };

  return (
    <section className="panel preannotate" aria-label="Pre-annotation">
      <h2>Pre-annotation</h2>
      <p className="muted small">
        Run a model on a series: its masks appear in the reader view as suggestions, drawn unlike the reader's own ROIs. A suggestion becomes part of a read only when a reader
        accepts it, and the audit names who did.
      </p>
      <div className="row eval-form">
        <label>
          Model
          <select aria-label="Model to pre-annotate with" value={model ?? ''} onChange={(e) => setModel(Number(e.target.value) || null)} disabled={models.length === 0}>
            {models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.id}: {m.name}
              </option>
            ))}
          </select>
        </label>
        <label className="grow">
          Series
          <select aria-label="Series to pre-annotate" value={seriesId ?? ''} onChange={(e) => setSeriesId(Number(e.target.value) || null)} disabled={!series?.length}>
            {(series ?? []).map((s) => (
              <option key={s.seriesId} value={s.seriesId}>
                {seriesWords(s)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="primary" onClick={() => void run()} disabled={running || model === null || seriesId === null}>
          {running ? 'Pre-annotating…' : 'Pre-annotate'}
        </button>
      </div>
      {done.length > 0 && (
        <ul className="preannotate-done" data-testid="preannotate-result">
          {done.map((d) => (
            <li key={d.seriesId}>{d.words}</li>
          ))}
        </ul>
      )}
      <SuggestionSetting api={api} onError={onError} />
    </section>
  );
}
