import type { ImplOf } from '../../../shared/contracts/define';
import { AppError } from '../../../shared/contracts/errors';
import type { readingSpec } from '../../../shared/contracts/reading';
import { checkMaskSize, maskFromCanonicalBytes, maskPixelCount, maskToCanonicalBytes, roiOrNull } from '../../../shared/geometry/mask';
import type { EncodedMask, SliceLabel, SliceRead } from '../../../shared/model/reading';
import { sliceReadHash } from '../../../shared/model/slice-read-hash';
import type { AssignmentRow } from '../db/repositories/assignment-repository';
import { imageRefOf, type InstanceRow } from '../db/repositories/imaging-repository';
import type { StoredSliceRead } from '../db/repositories/read-repository';
import type { CallContext } from '../router';
import type { SessionUser } from '../session';
import type { OpenStudy, StudyRegistry } from '../study-registry';
import { SUGGESTIONS_KEY } from './evaluation-service';
import { imageInSeries, studyOf, userOf } from './study-of';

/** The signed-in person's assignment to a series, or a refusal that says nothing about others. */
export function ownAssignment(study: OpenStudy, user: SessionUser, seriesId: number): AssignmentRow {
  const a = study.assignments.get(seriesId, user.id);
  if (!a) throw new AppError('forbidden', `Series ${seriesId} is not assigned to you.`);
  return a;
}

function toSliceRead(instance: InstanceRow, stored: StoredSliceRead | undefined): SliceRead {
  const head = { index: instance.sliceIndex, image: imageRefOf(instance) };
  if (!stored) return { ...head, label: 'unread', mask: null, hash: sliceReadHash('unread', null), revision: 0 };
  return {
    ...head,
    label: stored.label,
    mask: stored.mask ? maskFromCanonicalBytes(stored.mask) : null,
    hash: stored.contentHash,
    revision: stored.revision,
  };
}

/**
 * The ROI a save keeps: the mask (the schema has checked its runs) at the series' size, or null
 * when it has no set pixel; a drawn ROI makes the slice BME present.
 */
function keptRoi(mask: EncodedMask | null, label: SliceLabel, size: { rows: number; columns: number }, where: string): EncodedMask | null {
  if (mask) checkMaskSize(mask, size.columns, size.rows, where);
  const roi = roiOrNull(mask);
  if (roi && label !== 'present') {
    throw new AppError('bad_request', `${where}: a slice with a drawn ROI is BME present, not ${label}.`);
  }
  return roi;
}

/** A reader's own reads: worklist, open, save slice by slice, resume point, lock. */
export function createReadingService(registry: StudyRegistry): ImplOf<typeof readingSpec, CallContext> {
  return {
    worklist(_p, { session }) {
      const study = studyOf(registry, session);
      const user = userOf(session);
      return study.assignments.forAccount(user.id).map((a) => {
        const s = study.imaging.series(a.seriesId)!;
        const progress = study.reads.progress(a.id);
        return {
          seriesId: a.seriesId,
          patient: s.pseudonym,
          segment: s.segment,
          description: s.description,
          slot: a.readerSlot,
          slices: s.slices,
          read: progress.read,
          present: progress.present,
          locked: a.lockedAt !== null,
          lastSlice: a.lastSlice,
        };
      });
    },

    open({ seriesId }, { session }) {
      const study = studyOf(registry, session);
      const a = ownAssignment(study, userOf(session), seriesId);
      const s = study.imaging.series(seriesId)!;
      const stored = new Map(study.reads.forAssignment(a.id).map((r) => [r.instanceId, r]));
      return {
        seriesId,
        slot: a.readerSlot,
        width: s.columns,
        height: s.rows,
        locked: a.lockedAt !== null,
        lastSlice: a.lastSlice,
        slices: study.imaging.instances(seriesId).map((i) => toSliceRead(i, stored.get(i.id))),
      };
    },

    saveSlice({ seriesId, image, label, mask, beforeHash, action }, { session }) {
      const study = studyOf(registry, session);
      const user = userOf(session);
      return study.tx(() => {
        const a = ownAssignment(study, user, seriesId);
        const instance = imageInSeries(study, seriesId, image);
        const where = `Slice ${instance.sliceIndex + 1} of series ${seriesId}`;
        if (a.lockedAt) throw new AppError('conflict', `${where}: your read is locked. Ask the coordinator to reopen it to change it.`);
        const s = study.imaging.series(seriesId)!;
        const current = toSliceRead(instance, study.reads.get(a.id, instance.id) ?? undefined);
        if (current.hash !== beforeHash) {
          throw new AppError('conflict', `${where} changed since you loaded it (for example in another window). Reload the series; nothing was overwritten.`, {
            current,
          });
        }
        const roi = keptRoi(mask, label, s, where);
        const pixels = maskPixelCount(roi);
        const hash = sliceReadHash(label, roi);
        const now = new Date().toISOString();
        let revision = 0;
        if (label === 'unread') study.reads.remove(a.id, instance.id);
        else {
          revision = study.reads.upsert(a.id, {
            instanceId: instance.id,
            label,
            mask: roi ? maskToCanonicalBytes(roi) : null,
            maskPixels: pixels,
            contentHash: hash,
            updatedAt: now,
          });
        }
        study.assignments.setLastImage(a.id, instance.id);
        study.audit.append(
          {
            actorId: user.id,
            action: 'read.save_slice',
            entity: 'slice_read',
            // From schema 8 a read is named by its image; older rows say '<assignment>:<slice index>'.
            entityId: `${a.id}:${image.sopInstanceUid}:${image.frame}`,
            beforeHash,
            afterHash: hash,
            details: { seriesId, image, sliceIndex: instance.sliceIndex, label, pixels, what: action },
          },
          now,
        );
        return { hash, revision, savedAt: now };
      });
    },

    setPosition({ seriesId, image }, { session }) {
      const study = studyOf(registry, session);
      const a = ownAssignment(study, userOf(session), seriesId);
      study.assignments.setLastImage(a.id, imageInSeries(study, seriesId, image).id);
      return { ok: true };
    },

    suggestions({ seriesId }, { session }) {
      const study = studyOf(registry, session);
      const user = userOf(session);
      const coordinator = user.role === 'coordinator' || user.role === 'admin';
      if (!coordinator) {
        ownAssignment(study, user, seriesId);
        // Off by default: in a ground-truth study the reads stay independent of the model.
        if (!study.settings.get(SUGGESTIONS_KEY, { readersSeeSuggestions: false }).readersSeeSuggestions) return null;
      }
      const rows = study.evaluations.suggestions(seriesId);
      if (rows.length === 0) return null;
      const model = study.models.get(rows[0]!.modelId)!;
      const images = new Map(study.imaging.instances(seriesId).map((i) => [i.id, imageRefOf(i)]));
      return {
        modelId: model.id,
        modelName: model.name,
        slices: rows.map((r) => ({ index: r.sliceIndex, image: images.get(r.instanceId)!, mask: r.mask ? maskFromCanonicalBytes(r.mask) : null, maxProbability: r.maxProbability })),
      };
    },

    lock({ seriesId }, { session }) {
      const study = studyOf(registry, session);
      const user = userOf(session);
      return study.tx(() => {
        const a = ownAssignment(study, user, seriesId);
        if (a.lockedAt) return { locked: true, lockedAt: a.lockedAt };
        const s = study.imaging.series(seriesId)!;
        const reads = study.reads.forAssignment(a.id);
        const unread = s.slices - reads.length;
        if (unread > 0) throw new AppError('conflict', `Series ${seriesId} cannot be locked: ${unread} slice(s) are still unread.`);
        const empty = reads.filter((r) => r.label === 'present' && r.maskPixels === 0).map((r) => r.sliceIndex + 1);
        if (empty.length) {
          throw new AppError('conflict', `Series ${seriesId} cannot be locked: slice(s) ${empty.join(', ')} are marked present without a ROI. Draw it, or mark them absent.`);
        }
        const now = new Date().toISOString();
        study.assignments.setLocked(a.id, now);
        study.audit.append({ actorId: user.id, action: 'read.lock', entity: 'assignment', entityId: String(a.id), details: { seriesId } }, now);
        return { locked: true, lockedAt: now };
      });
    },
  };
}
