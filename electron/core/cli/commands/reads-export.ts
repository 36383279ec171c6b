import { MASK_ENCODING_DESCRIPTION, maskFromCanonicalBytes } from '../../../../shared/geometry/mask';
import { DEIDENTIFICATION_NOTE, uidRemapperFor } from '../../reliability/deidentify';
import { jsonOption, type CliCommand } from '../command';
import { withStudy } from '../open-study-for-cli';

/** `bme reads export --db FILE --json`: every reader's label and mask per slice. */
export const readsExportCommand: CliCommand = {
  name: 'reads export',
  summary: "every reader's per-slice label and mask (run-length encoded), for coordinators and scripts",
  options: { db: { type: 'string', description: 'the study file', valueName: 'FILE' }, ...jsonOption },
  examples: ['bme reads export --db spine.bmestudy --json > reads.json'],
  run(values, _p, io) {
    return withStudy(values, (study) => {
      const accounts = new Map(study.accounts.all().map((a) => [a.id, a]));
      // What leaves the study is de-identified: pseudonyms only, and UIDs remapped (PS3.15 Annex E).
      const deid = uidRemapperFor(study);
      const series = study.imaging.allSeries().map((s) => ({
        seriesId: s.id,
        seriesUid: deid.uid(s.seriesUid),
        patient: s.pseudonym,
        segment: s.segment,
        slices: s.slices,
        width: s.columns,
        height: s.rows,
        readers: study.assignments.forSeries(s.id).map((a) => {
          const stored = new Map(study.reads.forAssignment(a.id).map((r) => [r.instanceId, r]));
          const instances = study.imaging.instances(s.id);
          return {
            slot: a.readerSlot,
            username: accounts.get(a.accountId)?.username ?? `account ${a.accountId}`,
            locked: a.lockedAt !== null,
            reads: instances.map((inst, i) => {
              const r = stored.get(inst.id);
              return { slice: i, image: { sopInstanceUid: deid.uid(inst.sopUid), frame: inst.frame }, label: r?.label ?? 'unread', runs: r?.mask ? maskFromCanonicalBytes(r.mask).runs : null, updatedAt: r?.updatedAt ?? null };
            }),
          };
        }),
      }));
      const doc = {
        format: 'bme-reads-export',
        version: 2,
        exportedAt: new Date().toISOString(),
        maskEncoding: MASK_ENCODING_DESCRIPTION,
        deidentification: DEIDENTIFICATION_NOTE,
        note: 'each read belongs to its image (de-identified SOP Instance UID and frame); slice is its 0-based position in the sorted series at export; label unread | present | absent; runs null where the slice has no ROI; patients are pseudonyms',
        series,
      };
      if (values.json) return io.json(doc);
      const readers = series.reduce((n, s) => n + s.readers.length, 0);
      const read = series.reduce((n, s) => n + s.readers.reduce((m, r) => m + r.reads.filter((x) => x.label !== 'unread').length, 0), 0);
      io.out(`${series.length} series, ${readers} reader assignments, ${read} slice reads. Use --json for the reads themselves.`);
    });
  },
};
