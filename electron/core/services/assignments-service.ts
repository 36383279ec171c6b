import type { ImplOf } from '../../../shared/contracts/define';
import { AppError } from '../../../shared/contracts/errors';
import type { assignmentsSpec } from '../../../shared/contracts/reading';
import type { SeriesAssignment } from '../../../shared/model/reading';
import type { AssignmentRow } from '../db/repositories/assignment-repository';
import type { CallContext } from '../router';
import type { OpenStudy, StudyRegistry } from '../study-registry';
import { studyOf, userOf } from './study-of';

function describe(study: OpenStudy, a: AssignmentRow): SeriesAssignment {
  const account = study.accounts.byId(a.accountId)!;
  return {
    seriesId: a.seriesId,
    slot: a.readerSlot,
    accountId: a.accountId,
    readerName: account.displayName,
    read: study.reads.progress(a.id).read,
    slices: study.imaging.series(a.seriesId)!.slices,
    locked: a.lockedAt !== null,
  };
}

/** The coordinator's side of reading: who reads what, and reopening a locked read. */
export function createAssignmentsService(registry: StudyRegistry): ImplOf<typeof assignmentsSpec, CallContext> {
  return {
    list(_p, { session }) {
      const study = studyOf(registry, session);
      return study.assignments.all().map((a) => describe(study, a));
    },

    set({ seriesId, slot, accountId }, { session }) {
      const study = studyOf(registry, session);
      const me = userOf(session);
      if (!study.imaging.series(seriesId)) throw new AppError('not_found', `There is no series ${seriesId} in this study.`);
      study.tx(() => {
        const now = new Date().toISOString();
        const holders = slot === 'comparison' ? [] : [study.assignments.slotHolder(seriesId, slot)].filter((x): x is AssignmentRow => !!x);
        for (const h of holders) {
          if (h.accountId === accountId) return;
          if (study.reads.progress(h.id).read > 0) {
            const name = study.accounts.byId(h.accountId)!.displayName;
            throw new AppError('conflict', `${name} has already read slices of this series as ${slot}; their read is kept. Reassigning would orphan it.`);
          }
          study.assignments.remove(h.id);
          study.audit.append({ actorId: me.id, action: 'assignment.remove', entity: 'assignment', entityId: String(h.id), details: { seriesId, slot, accountId: h.accountId } }, now);
        }
        if (accountId === null) return;
        const account = study.accounts.byId(accountId);
        if (!account || !account.active) throw new AppError('not_found', `There is no active account ${accountId}.`);
        const existing = study.assignments.get(seriesId, accountId);
        if (existing) throw new AppError('conflict', `${account.displayName} already reads this series as ${existing.readerSlot}; one person cannot hold two slots.`);
        const id = study.assignments.insert(seriesId, accountId, slot, me.id, now);
        study.audit.append({ actorId: me.id, action: 'assignment.set', entity: 'assignment', entityId: String(id), details: { seriesId, slot, accountId } }, now);
      });
      return study.assignments.forSeries(seriesId).map((a) => describe(study, a));
    },

    reopen({ seriesId, accountId, reason }, { session }) {
      const study = studyOf(registry, session);
      const me = userOf(session);
      const a = study.assignments.get(seriesId, accountId);
      if (!a) throw new AppError('not_found', `Account ${accountId} does not read series ${seriesId}.`);
      study.tx(() => {
        study.assignments.setLocked(a.id, null);
        study.audit.append({ actorId: me.id, action: 'read.reopen', entity: 'assignment', entityId: String(a.id), details: { seriesId, accountId, reason, wasLockedAt: a.lockedAt } });
      });
      return describe(study, study.assignments.byId(a.id)!);
    },
  };
}
