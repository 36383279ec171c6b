import { decodeMask, maskFromCanonicalBytes } from '../../../shared/geometry/mask';
import type { DatasetSettings } from '../../../shared/model/dataset';
import type { ConsensusRow } from '../db/repositories/consensus-repository';
import { decodeRescaledFrame, parseDicom } from '../dicom/decode';
import { imageRefOf } from '../db/repositories/imaging-repository';
import { BlobStore } from '../dicom/import/blob-store';
import type { OpenStudy } from '../study-registry';
import { fakeColorSeries, resizeMask } from './fake-color-sample';
import type { SampleInfo } from './sample-file';

/**
 * The samples of one series with its consensus rows: the fake-colour image of every slice the
 * consensus decides and the consensus mask, both at the dataset's size. One code path for the
 * dataset snapshot and for evaluating a model on chosen series.
 */
export async function seriesSamples(
  study: OpenStudy,
  seriesId: number,
  rows: ConsensusRow[],
  settings: Pick<DatasetSettings, 'size' | 'lowPercentile' | 'highPercentile'>,
): Promise<{ info: SampleInfo[]; images: Uint8Array[]; masks: Uint8Array[] }> {
  const series = study.imaging.series(seriesId)!;
  const blobs = BlobStore.forStudy(study.file);
  const values = [];
  const instances = study.imaging.instances(seriesId);
  const images = new Map(instances.map((i) => [i.id, imageRefOf(i)]));
  for (const inst of instances) values.push((await decodeRescaledFrame(parseDicom(blobs.read(inst.blobSha256), blobs.pathOf(inst.blobSha256)), 0)).values);
  const fake = fakeColorSeries(values, series.columns, series.rows, settings.size, settings.lowPercentile, settings.highPercentile);
  const out = { info: [] as SampleInfo[], images: [] as Uint8Array[], masks: [] as Uint8Array[] };
  for (const row of rows) {
    const full = row.mask ? decodeMask(maskFromCanonicalBytes(row.mask)) : new Uint8Array(series.columns * series.rows);
    out.images.push(fake[row.sliceIndex]!);
    out.masks.push(resizeMask(full, series.columns, series.rows, settings.size));
    out.info.push({ patient: series.pseudonym, seriesId, slice: row.sliceIndex, image: images.get(row.instanceId)!, segment: series.segment, positive: row.label === 'present' });
  }
  return out;
}

export function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
