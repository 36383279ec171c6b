import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { appVersion } from '../../app-version';
import { StudyRegistry } from '../../study-registry';
import { CliError, jsonOption, requireString, type CliCommand } from '../command';

/** `bme study create --db FILE --title T`: a new, empty study file. */
export const studyCreateCommand: CliCommand = {
  name: 'study create',
  summary: 'create a new, empty study file',
  options: {
    db: { type: 'string', description: 'where to create the study file (.bmestudy)', valueName: 'FILE' },
    title: { type: 'string', description: 'the study title', valueName: 'TEXT' },
    ...jsonOption,
  },
  examples: ['bme study create --db spine.bmestudy --title "Spine cohort 2026"'],
  run(values, _positionals, io) {
    const file = resolve(requireString(values, 'db'));
    const title = requireString(values, 'title').trim();
    if (title.length > 200) throw new CliError('--title is limited to 200 characters', 2);
    if (existsSync(file)) throw new CliError(`${file} already exists; choose another path`);
    mkdirSync(dirname(file), { recursive: true });
    const registry = new StudyRegistry();
    try {
      const study = registry.acquire(file, { create: true });
      const createdAt = new Date().toISOString();
      const studyId = randomUUID();
      study.tx(() => {
        study.study.insert({ studyId, title, createdAt, createdByApp: appVersion });
        study.audit.append({ actorId: null, action: 'study.create', entity: 'study', entityId: '1', details: { title, via: 'cli' } }, createdAt);
      });
      if (values.json) io.json({ ok: true, file, studyId, title, createdAt });
      else io.out(`Created study "${title}" at ${file}`);
    } finally {
      registry.closeAll();
    }
  },
};
