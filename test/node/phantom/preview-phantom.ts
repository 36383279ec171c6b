/**
 * Not a test: renders slices of phantom patients to PNG files for a person to look at.
 *   npx vite-node test/node/phantom/preview-phantom.ts -- OUT_DIR [SEED] [PATIENT_INDEX...]
 * For each patient and segment: the middle slice, and every slice with a lesion (mask edge in red).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { synthesizePatient } from '../../../electron/core/dicom/phantom';
import { encodePngRgb, enlargeRgb, windowToRgb } from './png';

const args = process.argv.slice(2).filter((a) => a !== '--');
const out = args[0] ?? '/tmp/phantom-preview';
const seed = Number(args[1] ?? 1);
const indexes = args.length > 2 ? args.slice(2).map(Number) : [0, 1, 2];
mkdirSync(out, { recursive: true });
for (const index of indexes) {
  const started = Date.now();
  const p = synthesizePatient(seed, index);
  const ms = Date.now() - started;
  for (const s of p.series) {
    const picks = new Set([0, Math.floor(s.slices.length / 2), ...s.slices.filter((sl) => sl.lesions.length > 0).map((sl) => sl.instanceNumber - 1)]);
    for (const k of picks) {
      const sl = s.slices[k];
      // Side by side: the image as stored, and with the truth mask's edge in red.
      const plain = windowToRgb(sl.pixels, s.columns, s.rows, s.windowCenter, s.windowWidth);
      const marked = windowToRgb(sl.pixels, s.columns, s.rows, s.windowCenter, s.windowWidth, sl.mask);
      const both = new Uint8Array(s.columns * 2 * s.rows * 3);
      for (let y = 0; y < s.rows; y++) {
        both.set(plain.subarray(y * s.columns * 3, (y + 1) * s.columns * 3), y * s.columns * 6);
        both.set(marked.subarray(y * s.columns * 3, (y + 1) * s.columns * 3), y * s.columns * 6 + s.columns * 3);
      }
      const file = join(out, `${p.patientId}_${s.segment}_${String(sl.instanceNumber).padStart(2, '0')}.png`);
      writeFileSync(file, encodePngRgb(enlargeRgb(both, s.columns * 2, s.rows, 2), s.columns * 4, s.rows * 2));
      writeFileSync(file.replace(/\.png$/, '_plain.png'), encodePngRgb(enlargeRgb(plain, s.columns, s.rows, 2), s.columns * 2, s.rows * 2));
    }
    console.log(`${p.patientId} ${s.segment}: ${s.columns}x${s.rows}, ${s.slices.length} slices, lesions ${JSON.stringify(s.lesions)}`);
  }
  console.log(`${p.patientId}: synthesised in ${ms} ms`);
}
