import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DatasetSettings, DatasetSummary } from '../../../shared/model/dataset';
import type { SpinalSegment } from '../../../shared/model/imaging';
import { readyForConsensus, syncConsensus } from '../agreement/consensus-sync';
import { loadSeriesReads } from '../agreement/load-reads';
import type { ConsensusRow } from '../db/repositories/consensus-repository';
import { studyDataDir } from '../dicom/import/blob-store';
import type { OpenStudy } from '../study-registry';
import { writeSampleFile, type SampleInfo } from './sample-file';
import { concatBytes, seriesSamples } from './series-samples';
import { splitPatients } from './split-patients';

export function sampleFilePath(studyFile: string, datasetId: string): string {
  return join(studyDataDir(studyFile), 'datasets', `${datasetId}.samples`);
}

interface IncludedSeries {
  seriesId: number;
  patient: string;
  segment: SpinalSegment | null;
  rows: ConsensusRow[];
}

/** The series that enter a dataset (every slice has a current consensus, both reads locked) and those left out. */
function collect(study: OpenStudy): { included: IncludedSeries[]; excluded: DatasetSummary['excluded'] } {
  syncConsensus(study);
  const reads = new Map(loadSeriesReads(study).map((s) => [s.seriesId, s]));
  const included: IncludedSeries[] = [];
  const excluded: DatasetSummary['excluded'] = [];
  for (const s of study.imaging.allSeries()) {
    const r = reads.get(s.id);
    if (!r || !r.full.reader1 || !r.full.reader2) {
      excluded.push({ seriesId: s.id, patient: s.pseudonym, reason: 'two readers are not assigned' });
      continue;
    }
    if (!readyForConsensus(r)) {
      excluded.push({ seriesId: s.id, patient: s.pseudonym, reason: 'not locked by both readers yet' });
      continue;
    }
    const rows = study.consensus.current(s.id);
    if (rows.length < s.slices) {
      excluded.push({ seriesId: s.id, patient: s.pseudonym, reason: `${s.slices - rows.length} slice(s) still to adjudicate` });
      continue;
    }
    included.push({ seriesId: s.id, patient: s.pseudonym, segment: s.segment, rows });
  }
  return { included, excluded };
}

/**
 * A versioned dataset snapshot from the consensus of locked series: 'fake-color' samples and
 * consensus masks at the chosen size, split by patient. The id hashes the consensus rows and the
 * settings, so the same inputs give the same snapshot and a model records exactly what trained it.
 */
export async function buildSnapshot(study: OpenStudy, settings: DatasetSettings, actorId: number | null, onProgress?: (done: number, total: number) => void): Promise<DatasetSummary> {
  const { included, excluded } = collect(study);
  const consensusIds = included.flatMap((s) => s.rows.map((r) => r.id));
  const id = createHash('sha256')
    .update(JSON.stringify({ v: 2, settings, rows: included.flatMap((s) => s.rows.map((r) => [s.seriesId, r.instanceId, r.id, r.contentHash])) }))
    .digest('hex');
  const file = sampleFilePath(study.file, id);
  const known = study.datasets.get(id);
  if (known && existsSync(file)) return known;

  const patients = new Map<string, boolean>();
  for (const s of included) patients.set(s.patient, (patients.get(s.patient) ?? false) || s.rows.some((r) => r.label === 'present'));
  const split = splitPatients([...patients].map(([patient, hasBme]) => ({ patient, hasBme })), settings);

  const samples: SampleInfo[] = [];
  const images: Uint8Array[] = [];
  const masks: Uint8Array[] = [];
  for (const [k, s] of included.entries()) {
    const part = await seriesSamples(study, s.seriesId, s.rows, settings);
    samples.push(...part.info);
    images.push(...part.images);
    masks.push(...part.masks);
    onProgress?.(k + 1, included.length);
  }
  mkdirSync(join(studyDataDir(study.file), 'datasets'), { recursive: true, mode: 0o700 });
  writeSampleFile(file, { size: settings.size, samples, images: concatBytes(images), masks: concatBytes(masks) });

  const bySegment = Object.fromEntries(
    (['cervical', 'thoracic', 'lumbar'] as const).map((g) => {
      const of = samples.filter((x) => x.segment === g);
      return [g, { samples: of.length, positive: of.filter((x) => x.positive).length }];
    }),
  ) as DatasetSummary['bySegment'];
  const summary: DatasetSummary = {
    id,
    createdAt: new Date().toISOString(),
    settings,
    split,
    patients: patients.size,
    series: included.length,
    samples: samples.length,
    positiveSamples: samples.filter((x) => x.positive).length,
    negativeSamples: samples.filter((x) => !x.positive).length,
    bySegment,
    excluded,
  };
  study.tx(() => {
    study.datasets.insert(summary, actorId, consensusIds);
    study.audit.append({ actorId, action: 'dataset.build', entity: 'dataset_snapshot', entityId: id, details: { samples: summary.samples, series: summary.series } });
  });
  return study.datasets.get(id)!;
}
