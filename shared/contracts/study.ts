import { z } from 'zod';
import { RecentStudy, StudySummary } from '../model/study';
import { method } from './define';

/** A path on the machine that runs the core: absolute, or relative to the default studies folder. */
const StudyPath = z.string().trim().min(1, 'a study file path is required').max(4096);

export const studySpec = {
  create: method({
    summary: 'Create a new study (one SQLite file) and open it in this session.',
    access: 'anyone',
    params: z
      .object({
        /** Human title of the study, shown in the window and in reports. */
        title: z.string().trim().min(1, 'a study needs a title').max(200),
        /** Where to create it; default: <studiesDir>/<title as a file name>.bmestudy. */
        file: StudyPath.optional(),
      })
      .strict(),
    result: StudySummary,
  }),
  open: method({
    summary: 'Open an existing study file in this session (migrating it when it is older).',
    access: 'anyone',
    params: z.object({ file: StudyPath }).strict(),
    result: StudySummary,
  }),
  close: method({
    summary: 'Close the study of this session.',
    access: 'anyone',
    params: z.object({}).strict(),
    result: z.object({ closed: z.boolean() }),
  }),
  current: method({
    summary: 'The study open in this session, or null.',
    access: 'anyone',
    params: z.object({}).strict(),
    result: StudySummary.nullable(),
  }),
  recent: method({
    summary: 'Studies opened recently on this machine, newest first.',
    access: 'anyone',
    params: z.object({}).strict(),
    result: z.array(RecentStudy),
  }),
  forgetRecent: method({
    summary: 'Remove a study from the recent list (the file is not touched).',
    access: 'anyone',
    params: z.object({ file: StudyPath }).strict(),
    result: z.array(RecentStudy),
  }),
};
