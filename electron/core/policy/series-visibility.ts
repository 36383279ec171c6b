import { AppError } from '../../../shared/contracts/errors';
import type { SessionUser } from '../session';
import type { OpenStudy } from '../study-registry';

/**
 * Which series a person may see. Coordinators and admins see every series; a reader sees the
 * series assigned to them and nothing else. Every service that hands out series data asks here.
 */
export function visibleSeriesIds(study: OpenStudy, user: SessionUser): Set<number> | 'all' {
  if (user.role === 'coordinator' || user.role === 'admin') return 'all';
  return new Set(study.assignments.seriesOfAccount(user.id));
}

export function assertSeriesVisible(study: OpenStudy, user: SessionUser, seriesId: number): void {
  const visible = visibleSeriesIds(study, user);
  if (visible !== 'all' && !visible.has(seriesId)) {
    // The same words whether the series exists or not: a reader learns nothing about others' work.
    throw new AppError('forbidden', `Series ${seriesId} is not assigned to you.`);
  }
}
