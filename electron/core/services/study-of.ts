import { AppError } from '../../../shared/contracts/errors';
import { imageLabel, type ImageRef } from '../../../shared/model/imaging';
import type { InstanceRow } from '../db/repositories/imaging-repository';
import type { Session, SessionUser } from '../session';
import type { OpenStudy, StudyRegistry } from '../study-registry';

/** The open study of a session; the router has already checked that there is one. */
export function studyOf(registry: StudyRegistry, session: Session): OpenStudy {
  const study = session.studyFile ? registry.get(session.studyFile) : undefined;
  if (!study) throw new AppError('no_study', 'No study is open in this session. Open or create one first.');
  return study;
}

/** The signed-in person; the router has already checked that there is one. */
export function userOf(session: Session): SessionUser {
  if (!session.user) throw new AppError('unauthenticated', 'Nobody is signed in. Sign in to the study first.');
  return session.user;
}

/** The series' image that a call names, or a refusal naming it. */
export function imageInSeries(study: OpenStudy, seriesId: number, image: ImageRef): InstanceRow {
  const row = study.imaging.instanceOfImage(seriesId, image);
  if (!row) throw new AppError('not_found', `Series ${seriesId} has no ${imageLabel(image)} (SOP Instance UID ${image.sopInstanceUid}). Reload the series.`);
  return row;
}
