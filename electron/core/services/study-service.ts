import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { ImplOf } from '../../../shared/contracts/define';
import { AppError } from '../../../shared/contracts/errors';
import type { studySpec } from '../../../shared/contracts/study';
import type { StudySummary } from '../../../shared/model/study';
import type { AppSettings } from '../app-settings';
import { appVersion } from '../app-version';
import type { CoreConfig } from '../core-config';
import type { EventBus } from '../event-bus';
import type { CallContext } from '../router';
import type { Session } from '../session';
import type { OpenStudy, StudyRegistry } from '../study-registry';

export const STUDY_EXTENSION = '.bmestudy';

/** A file name from a title: letters, digits, dashes; never empty. */
export function fileNameForTitle(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/[\s_]+/g, '-')
    .toLowerCase()
    .slice(0, 80);
  return (slug || 'study') + STUDY_EXTENSION;
}

export function summaryOf(s: OpenStudy): StudySummary {
  const rec = s.study.get();
  return {
    file: s.file,
    studyId: rec.studyId,
    title: rec.title,
    createdAt: rec.createdAt,
    schemaVersion: s.db.pragma('user_version', { simple: true }) as number,
  };
}

export interface StudyServiceDeps {
  config: CoreConfig;
  registry: StudyRegistry;
  settings: AppSettings;
  events: EventBus;
}

/** Creating, opening and closing studies, and the recent list. */
export function createStudyService(deps: StudyServiceDeps): ImplOf<typeof studySpec, CallContext> {
  const { config, registry, settings, events } = deps;

  const resolvePath = (file: string) => (isAbsolute(file) ? resolve(file) : resolve(config.studiesDir, file));

  function attach(session: Session, study: OpenStudy): StudySummary {
    if (session.studyFile && session.studyFile !== study.file) registry.release(session.studyFile);
    else if (session.studyFile === study.file) registry.release(study.file); // reopening: keep one count
    session.studyFile = study.file;
    session.user = null;
    const summary = summaryOf(study);
    settings.touchRecent(study.file, summary.title);
    events.emit('study.changed', summary, (s) => s.id === session.id);
    return summary;
  }

  return {
    create({ title, file }, { session }) {
      const target = file ? resolvePath(file) : join(config.studiesDir, fileNameForTitle(title));
      if (existsSync(target)) {
        throw new AppError('conflict', `A file already exists at ${target}. Open it, or choose another name for the new study.`);
      }
      try {
        mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
      } catch (err) {
        throw new AppError('io', `Could not create the folder ${dirname(target)}: ${(err as Error).message}.`);
      }
      const study = registry.acquire(target, { create: true });
      const createdAt = new Date().toISOString();
      study.tx(() => {
        study.study.insert({ studyId: randomUUID(), title, createdAt, createdByApp: appVersion });
        study.audit.append({ actorId: null, action: 'study.create', entity: 'study', entityId: '1', details: { title } }, createdAt);
      });
      return attach(session, study);
    },

    open({ file }, { session }) {
      const study = registry.acquire(resolvePath(file));
      return attach(session, study);
    },

    close(_p, { session }) {
      if (!session.studyFile) return { closed: false };
      registry.release(session.studyFile);
      session.studyFile = null;
      session.user = null;
      events.emit('study.changed', null, (s) => s.id === session.id);
      return { closed: true };
    },

    current(_p, { session }) {
      const study = session.studyFile ? registry.get(session.studyFile) : undefined;
      return study ? summaryOf(study) : null;
    },

    recent: () => settings.recent(),

    forgetRecent({ file }) {
      settings.forgetRecent(resolvePath(file));
      return settings.recent();
    },
  };
}
