import { AppError } from '../../../shared/contracts/errors';
import type { DatasetSettings, DatasetSplit } from '../../../shared/model/dataset';
import { Rng } from '../dicom/phantom/prng';

export interface SplitPatient {
  /** Pseudonym. */
  patient: string;
  /** Any consensus BME in any of the patient's series. */
  hasBme: boolean;
}

function shuffled<T>(items: T[], rng: Rng): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/**
 * Splits by patient, never by slice (the paper split by image, which lets slices of one patient
 * land in training and validation). The test set is the coordinator's list, or drawn at random
 * stratified by patients with and without BME; the other patients are dealt into k folds, again
 * stratified, so every fold has both kinds where it can. Deterministic for a seed.
 */
export function splitPatients(patients: SplitPatient[], settings: Pick<DatasetSettings, 'folds' | 'seed' | 'testPatients' | 'testFraction'>): DatasetSplit {
  const names = new Set(patients.map((p) => p.patient));
  const rng = Rng.derive('dataset-split', settings.seed);
  let test: string[];
  if (settings.testPatients === 'random') {
    test = [];
    for (const group of [patients.filter((p) => p.hasBme), patients.filter((p) => !p.hasBme)]) {
      const order = shuffled(group.map((p) => p.patient).sort(), rng);
      test.push(...order.slice(0, Math.round(order.length * settings.testFraction)));
    }
  } else {
    const unknown = settings.testPatients.filter((p) => !names.has(p));
    if (unknown.length) throw new AppError('bad_request', `Test patients not in the dataset: ${unknown.join(', ')}.`);
    test = [...new Set(settings.testPatients)];
  }
  const testSet = new Set(test);
  const rest = patients.filter((p) => !testSet.has(p.patient));
  if (rest.length < settings.folds) {
    throw new AppError('bad_request', `${rest.length} patients remain for training, too few for ${settings.folds} folds: lower the folds or the test set.`);
  }
  const folds: string[][] = Array.from({ length: settings.folds }, () => []);
  let next = 0;
  for (const group of [rest.filter((p) => p.hasBme), rest.filter((p) => !p.hasBme)]) {
    for (const name of shuffled(group.map((p) => p.patient).sort(), rng)) folds[next++ % settings.folds]!.push(name);
  }
  return { test: test.sort(), folds: folds.map((f) => f.sort()) };
}
