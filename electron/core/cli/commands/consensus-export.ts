import { join, resolve } from 'node:path';
import { decodeMask, maskFromCanonicalBytes } from '../../../../shared/geometry/mask';
import { syncConsensus } from '../../agreement/consensus-sync';
import { encodeGreyPng } from '../../export/png-writer';
import { prepareOutputDir, writeOutputFile } from '../../export/safe-output';
import { DEIDENTIFICATION_NOTE, uidRemapperFor } from '../../reliability/deidentify';
import { CliError, jsonOption, requireString, type CliCommand } from '../command';
import { withStudy } from '../open-study-for-cli';

/** `bme consensus export --db FILE --out DIR --format png`: one mask image per slice and an index. */
export const consensusExportCommand: CliCommand = {
  name: 'consensus export',
  summary: 'write the consensus masks as one PNG per slice (255 = BME) with index.csv and index.json',
  options: {
    db: { type: 'string', description: 'the study file', valueName: 'FILE' },
    out: { type: 'string', description: 'folder to write to (created)', valueName: 'DIR' },
    format: { type: 'string', description: 'png (the only format so far)', valueName: 'png' },
    ...jsonOption,
  },
  examples: ['bme consensus export --db spine.bmestudy --out consensus/ --format png'],
  run(values, _p, io) {
    const format = typeof values.format === 'string' ? values.format : 'png';
    if (format !== 'png') throw new CliError(`--format ${format} is not supported; use png`, 2);
    const out = resolve(requireString(values, 'out'));
    return withStudy(values, (study) => {
      syncConsensus(study);
      // What leaves the study is de-identified: pseudonyms only, and UIDs remapped (PS3.15 Annex E).
      const deid = uidRemapperFor(study);
      prepareOutputDir(out);
      const rows: Record<string, string | number | null>[] = [];
      for (const s of study.imaging.allSeries()) {
        const sopOf = new Map(study.imaging.instances(s.id).map((i) => [i.id, i]));
        for (const c of study.consensus.current(s.id)) {
          const image = sopOf.get(c.instanceId)!;
          const name = `${s.pseudonym}_${s.segment ?? `series${s.id}`}_slice${String(c.sliceIndex + 1).padStart(2, '0')}.png`;
          const pixels = new Uint8Array(s.columns * s.rows);
          if (c.mask) decodeMask(maskFromCanonicalBytes(c.mask)).forEach((v, i) => (pixels[i] = v ? 255 : 0));
          writeOutputFile(out, name, encodeGreyPng(pixels, s.columns, s.rows));
          rows.push({ file: name, patient: s.pseudonym, segment: s.segment, seriesUid: deid.uid(s.seriesUid), sopInstanceUid: deid.uid(image.sopUid), frame: image.frame, slice: c.sliceIndex + 1, label: c.label, pixels: c.maskPixels, method: c.method, decidedAt: c.decidedAt });
        }
      }
      const header = ['file', 'patient', 'segment', 'seriesUid', 'sopInstanceUid', 'frame', 'slice', 'label', 'pixels', 'method', 'decidedAt'];
      const csv = [header.join(','), ...rows.map((r) => header.map((h) => String(r[h] ?? '')).join(','))].join('\n') + '\n';
      writeOutputFile(out, 'index.csv', csv);
      writeOutputFile(out, 'index.json', JSON.stringify({ format: 'bme-consensus-export', version: 2, slice: '1-based in the sorted series at export; sopInstanceUid and frame name the image (de-identified)', deidentification: DEIDENTIFICATION_NOTE, masks: rows }, null, 2));
      const summary = { ok: true, out, masks: rows.length, present: rows.filter((r) => r.label === 'present').length };
      if (values.json) io.json(summary);
      else io.out(`Wrote ${summary.masks} consensus masks (${summary.present} with BME) and index.csv / index.json to ${out}`);
    });
  },
};
