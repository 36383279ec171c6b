import { useEffect, useState } from 'react';
import type { HostApi } from '../../../../shared/contracts';
import type { DatasetSummary } from '../../../../shared/model/dataset';
import type { SeriesSummary } from '../../../../shared/model/imaging';
import type { ModelSummary } from '../../../../shared/model/training';
import { DatasetBuildForm } from './DatasetBuildForm';
import { DatasetList } from './DatasetList';
import { DatasetSummaryView } from './DatasetSummaryView';

/** Build a snapshot, read its summary, and list the snapshots of the study. */
export function DatasetsTab(props: {
  api: HostApi;
  datasets: DatasetSummary[];
  models: ModelSummary[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  onBuilt: (d: DatasetSummary) => void;
  onTrain: (id: string) => void;
}) {
  const { api, datasets, models, selectedId, onSelect, onBuilt, onTrain } = props;
  const [series, setSeries] = useState<SeriesSummary[]>([]);
  const [reusedId, setReusedId] = useState<string | null>(null);
  useEffect(() => {
    api.imaging.seriesList({}).then(setSeries, () => setSeries([]));
  }, [api]);
  const patients = [...new Set(series.map((s) => s.patient))].sort();
  const selected = datasets.find((d) => d.id === selectedId) ?? null;

  return (
    <div className="datasets-tab">
      <DatasetBuildForm
        key={selected?.id ?? 'defaults'}
        api={api}
        patients={patients}
        initial={selected?.settings}
        onBuilt={(d, reused) => {
          setReusedId(reused ? d.id : null);
          onBuilt(d);
        }}
      />
      {selected && <DatasetSummaryView dataset={selected} series={series} reused={reusedId === selected.id} onTrain={() => onTrain(selected.id)} />}
      <section className="snapshots" aria-label="Snapshots">
        <h3>Snapshots of this study</h3>
        <DatasetList datasets={datasets} models={models} selected={selectedId} onSelect={onSelect} />
      </section>
    </div>
  );
}
