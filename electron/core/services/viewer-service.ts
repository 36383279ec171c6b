import type { ImplOf } from '../../../shared/contracts/define';
import { AppError } from '../../../shared/contracts/errors';
import type { viewerSpec } from '../../../shared/contracts/imaging';
import { imageRefOf, seriesSummary } from '../db/repositories/imaging-repository';
import { DecodedSliceCache } from '../dicom/decoded-slice-cache';
import type { SliceDecoder } from '../dicom/decode-worker/slice-decoder';
import { BlobStore } from '../dicom/import/blob-store';
import { assertSeriesVisible } from '../policy/series-visibility';
import type { CallContext } from '../router';
import type { StudyRegistry } from '../study-registry';
import { studyOf, userOf } from './study-of';

/**
 * What the slice viewer reads: a series' geometry and slice list, and decoded pixels. Pixels are
 * decoded by `decoder`'s worker thread; this thread only looks them up and caches them.
 */
export function createViewerService(registry: StudyRegistry, decoder: SliceDecoder): ImplOf<typeof viewerSpec, CallContext> {
  const cache = new DecodedSliceCache((file, label) => decoder.decode(file, label));
  return {
    series({ seriesId }, { session }) {
      const study = studyOf(registry, session);
      assertSeriesVisible(study, userOf(session), seriesId);
      const s = study.imaging.series(seriesId);
      if (!s) throw new AppError('not_found', `There is no series ${seriesId} in this study.`);
      return {
        ...seriesSummary(s),
        pixelSpacing: s.pixelSpacing,
        sliceThickness: s.sliceThickness,
        sliceList: study.imaging.instances(seriesId).map((i) => ({ index: i.sliceIndex, image: imageRefOf(i), instanceNumber: i.instanceNumber, position: i.position })),
      };
    },

    async slices({ seriesId, from, count }, { session }) {
      const study = studyOf(registry, session);
      assertSeriesVisible(study, userOf(session), seriesId);
      const instances = study.imaging.instances(seriesId).filter((i) => i.sliceIndex >= from && i.sliceIndex < from + count);
      if (instances.length === 0) throw new AppError('not_found', `Series ${seriesId} has no slice ${from}.`);
      const blobs = BlobStore.forStudy(study.file);
      // All requested slices go to the decoder at once: it works through them while this thread
      // answers other calls.
      return Promise.all(
        instances.map(async (inst) => {
          try {
            return { index: inst.sliceIndex, image: imageRefOf(inst), ...(await cache.get(blobs, inst.blobSha256)) };
          } catch (err) {
            throw new AppError('invalid_file', `Slice ${inst.sliceIndex + 1} of series ${seriesId} cannot be shown: the study's copy ${blobs.pathOf(inst.blobSha256)} is unreadable (${(err as Error).message}).`);
          }
        }),
      );
    },
  };
}
