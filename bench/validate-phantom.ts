import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { encodeMask, roiOrNull } from '../shared/geometry/mask';
import { DEFAULT_DATASET_SETTINGS } from '../shared/model/dataset';
import { DEFAULT_HYPERPARAMETERS } from '../shared/model/training';
import { createCore } from '../electron/core/core';
import { coreClient } from '../electron/core/core-client';
import { buildSnapshot } from '../electron/core/dataset/build-snapshot';
import { startImport } from '../electron/core/dicom/import/import-runner';
import { generatePhantomCohort, synthesizePatient } from '../electron/core/dicom/phantom';
import { runEvaluation } from '../electron/core/evaluation/run-evaluation';
import { registerAndTrain } from '../electron/core/training-job/register-and-train';
import { TrainingSupervisor } from '../electron/core/training-job/training-supervisor';

/**
 * `npm run validate:phantom`: the whole pipeline on synthetic data, through the code the app uses.
 * A phantom cohort is imported; two readers read every series exactly as the phantom's truth says
 * (so the consensus is the truth); a dataset snapshot is built; the attention U-Net trains on the
 * training patients; the model is evaluated on held-out patients and the paper's table printed.
 * This checks the pipeline, not clinical validity: the images and lesions are synthetic.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      patients: { type: 'string', default: '40' },
      seed: { type: 'string', default: '2024' },
      size: { type: 'string', default: '64' },
      filters: { type: 'string', default: '8' },
      folds: { type: 'string', default: '5' },
      'train-folds': { type: 'string', default: '1' },
      epochs: { type: 'string', default: '8' },
      engine: { type: 'string', default: 'auto' },
    },
  });
  const patients = Number(values.patients);
  const seed = Number(values.seed);
  const t0 = Date.now();
  const say = (s: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(5)} s] ${s}`);
  const work = mkdtempSync(join(tmpdir(), 'bme-validate-'));
  const file = join(work, 'validate.bmestudy');
  const core = createCore({ hostKind: 'test', dataDir: join(work, 'app'), studiesDir: work });
  const api = (session: string) => coreClient(core, session).api;
  try {
    say(`phantom cohort: ${patients} patients, seed ${seed}`);
    const cohort = await generatePhantomCohort({ outDir: join(work, 'cohort'), patients, seed });
    await api('c').study.create({ title: 'Phantom validation', file });
    await api('c').session.createFirstCoordinator({ username: 'coordinator', displayName: 'Coordinator', password: 'validate-pw' });
    const ids: number[] = [];
    for (const u of ['reader1', 'reader2']) ids.push((await api('c').accounts.create({ username: u, displayName: u, role: 'reader', password: 'validate-pw' })).id);
    const study = core.registry.get(file)!;
    await startImport(study, [cohort.outDir], 1, () => undefined).done;
    const truth = new Map<string, Uint8Array>();
    for (let i = 0; i < patients; i++) for (const s of synthesizePatient(seed, i).series) for (const sl of s.slices) truth.set(sl.sopInstanceUid, sl.mask);
    const series = await api('c').imaging.seriesList();
    for (const s of series) {
      await api('c').assignments.set({ seriesId: s.seriesId, slot: 'reader1', accountId: ids[0] });
      await api('c').assignments.set({ seriesId: s.seriesId, slot: 'reader2', accountId: ids[1] });
    }
    say(`imported ${cohort.files} slices in ${series.length} series; reading them as the truth says`);
    for (const u of ['reader1', 'reader2']) {
      await api(u).study.open({ file });
      await api(u).session.signIn({ username: u, password: 'validate-pw' });
      for (const s of series) {
        const read = await api(u).reading.open({ seriesId: s.seriesId });
        for (const inst of study.imaging.instances(s.seriesId)) {
          const roi = roiOrNull(encodeMask(truth.get(inst.sopUid)!, read.width, read.height));
          await api(u).reading.saveSlice({
            seriesId: s.seriesId, image: { sopInstanceUid: inst.sopUid, frame: inst.frame }, label: roi ? 'present' : 'absent',
            mask: roi,
            beforeHash: read.slices[inst.sliceIndex]!.hash, action: 'phantom truth',
          });
        }
        await api(u).reading.lock({ seriesId: s.seriesId });
      }
    }
    const ds = await buildSnapshot(study, { ...DEFAULT_DATASET_SETTINGS, size: Number(values.size), folds: Number(values.folds), seed, testFraction: 0.2 }, 1);
    say(`dataset ${ds.id.slice(0, 12)}: ${ds.samples} samples (${ds.positiveSamples} with BME), test patients ${ds.split.test.length}, ${ds.split.folds.length} folds`);
    const hyper = {
      ...DEFAULT_HYPERPARAMETERS,
      filters: Number(values.filters),
      epochs: Number(values.epochs),
      engine: values.engine as typeof DEFAULT_HYPERPARAMETERS.engine,
      folds: Array.from({ length: Number(values['train-folds']) }, (_, k) => k),
      seed,
    };
    let shown = 0;
    const supervisor = new TrainingSupervisor({
      progress: () => undefined,
      changed: (_s, id) => {
        const m = study.models.get(id)!;
        for (const e of m.epochs.slice(shown)) say(`fold ${e.fold + 1} epoch ${e.epoch + 1}: loss ${e.trainLoss.toFixed(3)}, val Dice ${e.valDice?.toFixed(3) ?? '-'}, sens ${e.sensitivity?.toFixed(3)}, spec ${e.specificity?.toFixed(3)}, AUC ${e.auc?.toFixed(3)} (${e.seconds.toFixed(0)} s)`);
        shown = m.epochs.length;
      },
    });
    const { modelId, done } = registerAndTrain(study, supervisor, { datasetId: ds.id, name: 'phantom validation', hyperparameters: hyper, parentModelId: null }, { id: 1, via: 'app' });
    await done;
    const model = study.models.get(modelId)!;
    if (model.status !== 'done') throw new Error(`training ${model.status}: ${model.error}`);
    const r = await runEvaluation(study, supervisor, modelId, { threshold: 0.5, minPositiveSlices: 2 }, 1);
    await supervisor.shutdown();
    const e = r.ensemble;
    const f = (v: number | null) => (v === null ? '-' : v.toFixed(3));
    console.log(`\nPhantom validation on ${r.patients} held-out patients (${r.slices} slices), engine ${model.engine?.name}, ${hyper.folds.length} fold model(s), ${hyper.epochs} epochs, ${values.size} px, filters ${hyper.filters}`);
    console.log('                      sensitivity            specificity            AUC');
    console.log(`  image level         ${f(e.image.sensitivity.value)} (${e.image.sensitivity.count}/${e.image.sensitivity.total})     ${f(e.image.specificity.value)} (${e.image.specificity.count}/${e.image.specificity.total})    ${f(e.image.auc)}`);
    console.log(`  segment level       ${f(e.segment.sensitivity.value)} (${e.segment.sensitivity.count}/${e.segment.sensitivity.total})     ${f(e.segment.specificity.value)} (${e.segment.specificity.count}/${e.segment.specificity.total})    ${f(e.segment.auc)}`);
    for (const [g, v] of Object.entries(e.bySegment)) console.log(`  ${g.padEnd(18)}  ${f(v.image.sensitivity.value).padEnd(22)} ${f(v.image.specificity.value)}`);
    console.log(`  Dice of true-positive lesions ${f(e.dice.mean)}; confusion per image tp ${e.image.confusion.tp}, fn ${e.image.confusion.fn}, fp ${e.image.confusion.fp}, tn ${e.image.confusion.tn}`);
    const ok = (e.image.sensitivity.value ?? 0) >= 0.8 && (e.image.specificity.value ?? 0) >= 0.88;
    console.log(`Target (image level sensitivity >= 0.80, specificity >= 0.88): ${ok ? 'met' : 'NOT met'}. Synthetic data: this checks the pipeline, not clinical validity.`);
    say('done');
    process.exitCode = ok ? 0 : 1;
  } finally {
    core.close();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(`validate:phantom failed: ${(err as Error).stack ?? err}`);
  process.exit(1);
});
