import { generatePhantomCohort, MAX_PHANTOM_PATIENTS, MAX_PHANTOM_SEED } from '../../dicom/phantom';
import { intOption, jsonOption, requireString, type CliCommand } from '../command';

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** `bme phantom --out DIR --patients N --seed S`: a synthetic cohort of sagittal STIR spine MRI with truth masks. */
export const phantomCommand: CliCommand = {
  name: 'phantom',
  summary: 'write a synthetic cohort of sagittal STIR spine MRI (DICOM) with true lesion masks',
  options: {
    out: { type: 'string', description: 'folder to write to: new, empty, or an earlier phantom cohort (replaced)', valueName: 'DIR' },
    patients: { type: 'string', description: `number of patients, 1 to ${MAX_PHANTOM_PATIENTS} (default 10)`, valueName: 'N' },
    seed: { type: 'string', description: `whole number 0 to ${MAX_PHANTOM_SEED}; the same seed gives the same bytes (default 1)`, valueName: 'S' },
    ...jsonOption,
  },
  examples: ['bme phantom --out demo-cohort --patients 60 --seed 1', 'bme phantom --out /tmp/p --patients 3 --seed 7 --json'],
  async run(values, _positionals, io) {
    const outDir = requireString(values, 'out');
    const patients = intOption(values, 'patients', 10, 1, MAX_PHANTOM_PATIENTS);
    const seed = intOption(values, 'seed', 1, 0, MAX_PHANTOM_SEED);
    const report = await generatePhantomCohort({ outDir, patients, seed });
    if (values.json) {
      io.json({ ok: true, ...report });
      return;
    }
    io.out(`Wrote a synthetic phantom cohort (seed ${seed}) to ${report.outDir}`);
    io.out(`  patients  ${report.patients} (${report.patientsWithLesions} with lesions, ${report.patientsWithoutLesions} without)`);
    io.out(`  series    ${report.series} sagittal STIR (cervical, thoracic, lumbar per patient)`);
    io.out(`  slices    ${report.slices} DICOM files, ${megabytes(report.bytes)}`);
    io.out(`  lesions   ${report.lesions} on ${report.lesionSlices} slices`);
    io.out(`  truth     ${report.truthFile} (masks run-length encoded; see its "maskEncoding")`);
    io.out(`  layout    ${report.layout}`);
    io.out('Synthetic data for demos and tests: no image comes from a person.');
  },
};
