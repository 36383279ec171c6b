import type { adjudicationSpec, agreementSpec } from '../../../shared/contracts/adjudication';
import type { ImplOf } from '../../../shared/contracts/define';
import { AppError } from '../../../shared/contracts/errors';
import { checkMaskSize, type EncodedMask } from '../../../shared/geometry/mask';
import { rleMaskOverlap } from '../../../shared/metrics';
import { combineMasks, classifySlice } from '../agreement/adjudication-rules';
import { computeAgreement } from '../agreement/compute-agreement';
import {
  ADJUDICATION_SETTINGS_KEY,
  adjudicationSettings,
  consensusContent,
  decisionOf,
  readSlice,
  readyForConsensus,
  sourceHashes,
  syncConsensus,
} from '../agreement/consensus-sync';
import { loadSeriesReads, type FullSeriesReads } from '../agreement/load-reads';
import type { CallContext } from '../router';
import type { OpenStudy, StudyRegistry } from '../study-registry';
import type { ImageRef } from '../../../shared/model/imaging';
import { imageInSeries, studyOf, userOf } from './study-of';

/** The image's position in the series' reads as loaded, or a refusal naming it. */
function positionOf(study: OpenStudy, s: FullSeriesReads, image: ImageRef): number {
  const row = imageInSeries(study, s.seriesId, image);
  const i = s.images.findIndex((im) => im.instanceId === row.id);
  if (i < 0) throw new AppError('not_found', `Series ${s.seriesId} changed while it was loaded; reload it.`);
  return i;
}

export function createAgreementService(registry: StudyRegistry): ImplOf<typeof agreementSpec, CallContext> {
  return {
    report(_p, { session }) {
      const study = studyOf(registry, session);
      return computeAgreement(loadSeriesReads(study), adjudicationSettings(study).segmentMinSlices);
    },
  };
}

/** The coordinator's adjudication of discordant slices into consensus masks. */
export function createAdjudicationService(registry: StudyRegistry): ImplOf<typeof adjudicationSpec, CallContext> {
  return {
    settings(_p, { session }) {
      return adjudicationSettings(studyOf(registry, session));
    },

    setSettings(settings, { session }) {
      const study = studyOf(registry, session);
      const me = userOf(session);
      const before = adjudicationSettings(study);
      study.tx(() => {
        study.settings.set(ADJUDICATION_SETTINGS_KEY, settings, me.id, new Date().toISOString());
        study.audit.append({ actorId: me.id, action: 'settings.adjudication', entity: 'study_setting', entityId: ADJUDICATION_SETTINGS_KEY, details: { before, after: settings } });
      });
      syncConsensus(study);
      return adjudicationSettings(study);
    },

    queue({ segment, reason, includeResolved }, { session }) {
      const study = studyOf(registry, session);
      const { items, seriesReady, seriesWaiting } = syncConsensus(study);
      const filtered = items.filter((i) => (!segment || i.segment === segment) && (!reason || i.reason === reason));
      const remaining = filtered.filter((i) => !i.resolved).length;
      return { items: includeResolved ? filtered : filtered.filter((i) => !i.resolved), remaining, total: filtered.length, seriesReady, seriesWaiting };
    },

    slice({ seriesId, image }, { session }) {
      const study = studyOf(registry, session);
      const s = loadSeriesReads(study, seriesId)[0];
      if (!s || !s.full.reader1 || !s.full.reader2) throw new AppError('not_found', `Series ${seriesId} does not have two readers assigned.`);
      const sliceIndex = positionOf(study, s, image);
      const instanceId = s.images[sliceIndex]!.instanceId;
      const a = readSlice(s, 'reader1', sliceIndex);
      const b = readSlice(s, 'reader2', sliceIndex);
      const overlap = a.mask && b.mask ? rleMaskOverlap(a.mask.runs, b.mask.runs) : null;
      const settings = adjudicationSettings(study);
      const history = study.consensus.history(instanceId).map((r) => decisionOf(study, r));
      return {
        seriesId,
        sliceIndex,
        image: s.images[sliceIndex]!.image,
        sliceCount: s.sliceCount,
        patient: s.patient,
        segment: s.segment,
        width: s.width,
        height: s.height,
        reader1: { name: study.accounts.byId(s.full.reader1.accountId)!.displayName, label: a.label, mask: a.mask },
        reader2: { name: study.accounts.byId(s.full.reader2.accountId)!.displayName, label: b.label, mask: b.mask },
        dice: overlap?.dice ?? null,
        iou: overlap?.iou ?? null,
        agreement: classifySlice(a, b, settings.diceThreshold).kind,
        consensus: history.find((h) => h.current) ?? null,
        history,
      };
    },

    resolve({ seriesId, image, method, mask: edited, reason }, { session }) {
      const study = studyOf(registry, session);
      const me = userOf(session);
      const s = loadSeriesReads(study, seriesId)[0];
      if (!s || !s.full.reader1 || !s.full.reader2) throw new AppError('not_found', `Series ${seriesId} does not have two readers assigned.`);
      if (!readyForConsensus(s)) throw new AppError('conflict', `Series ${seriesId}: both primary reads must be locked before their disagreements are settled.`);
      const sliceIndex = positionOf(study, s, image);
      const instanceId = s.images[sliceIndex]!.instanceId;
      let mask: EncodedMask | null;
      if (method === 'edited') {
        if (!edited) throw new AppError('bad_request', 'An edited consensus needs its mask.');
        // The schema has checked the runs; only the size depends on the series.
        checkMaskSize(edited, s.width, s.height, `The edited mask of slice ${sliceIndex + 1} of series ${seriesId}`);
        mask = edited;
      } else {
        mask = combineMasks(method, readSlice(s, 'reader1', sliceIndex), readSlice(s, 'reader2', sliceIndex), s.width, s.height);
      }
      const content = consensusContent(mask);
      const now = new Date().toISOString();
      const id = study.tx(() => {
        const before = study.consensus.currentOf(instanceId);
        const newId = study.consensus.decide({
          seriesId, instanceId, ...content, method, rule: null, diceThreshold: adjudicationSettings(study).diceThreshold,
          reason: reason || null, sourceHashes: sourceHashes(s, sliceIndex), decidedBy: me.id, decidedAt: now,
        });
        study.audit.append({
          actorId: me.id, action: 'consensus.resolve', entity: 'consensus', entityId: String(newId),
          beforeHash: before?.contentHash ?? null, afterHash: content.contentHash,
          details: { seriesId, image, sliceIndex, method, reason: reason ?? null, revises: before?.id ?? null },
        }, now);
        return newId;
      });
      return decisionOf(study, study.consensus.history(instanceId).find((r) => r.id === id)!);
    },
  };
}
