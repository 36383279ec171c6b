import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeSampleFile, type SampleInfo } from '../../../electron/core/dataset/sample-file';
import { Rng } from '../../../electron/core/dicom/phantom/prng';
import type { TrainingEvent } from '../../../electron/core/training-job/protocol';
import { runTraining } from '../../../electron/core/training-job/run-training';
import { DEFAULT_HYPERPARAMETERS } from '../../../shared/model/training';
import type { EpochMetrics } from '../../../shared/model/training';
import { tempDir } from '../../support/temp';

/** A trivially learnable set: the lesion is exactly the bright square in the green channel. */
function learnableSet(file: string, n: number, size: number) {
  const rng = new Rng(3);
  const samples: SampleInfo[] = [];
  const images = new Uint8Array(n * size * size * 3);
  const masks = new Uint8Array(n * size * size);
  for (let k = 0; k < n; k++) {
    const positive = k % 2 === 0;
    const x0 = rng.int(2, size - 10);
    const y0 = rng.int(2, size - 10);
    for (let i = 0; i < size * size; i++) images.fill(40 + rng.int(0, 20), (k * size * size + i) * 3, (k * size * size + i) * 3 + 3);
    if (positive) {
      for (let y = y0; y < y0 + 8; y++) {
        for (let x = x0; x < x0 + 8; x++) {
          images[(k * size * size + y * size + x) * 3 + 1] = 230;
          masks[k * size * size + y * size + x] = 1;
        }
      }
    }
    samples.push({ patient: `P${String((k % 8) + 1).padStart(3, '0')}`, seriesId: 1, slice: k, segment: 'lumbar', positive });
  }
  writeSampleFile(file, { size, samples, images, masks });
}

describe('training through the app code (runTraining, as the training worker runs it)', () => {
  it('trains folds on patients, reports batches and epochs with metrics, checkpoints, and the loss goes down', async () => {
    const dir = tempDir('bme-train-');
    const sampleFile = join(dir, 'set.samples');
    learnableSet(sampleFile, 48, 32);
    const messages: TrainingEvent[] = [];
    const split = { test: ['P008'], folds: [['P001', 'P002', 'P003'], ['P004', 'P005', 'P006', 'P007']] };
    await runTraining(
      {
        modelId: 1,
        sampleFile,
        split,
        hyper: { ...DEFAULT_HYPERPARAMETERS, filters: 4, epochs: 6, batchSize: 8, learningRate: 3e-3, augment: false, positiveShare: 0, folds: [0], engine: 'wasm' },
        modelDir: join(dir, 'model'),
        parentDir: null,
      },
      (m) => messages.push(m),
    );
    expect(messages[0]).toMatchObject({ kind: 'started', engine: { name: 'wasm' } });
    expect(messages.at(-1)).toMatchObject({ kind: 'epoch', modelId: 1, metrics: { fold: 0, epoch: 5 } });
    const epochs = messages.filter((m): m is Extract<TrainingEvent, { kind: 'epoch' }> => m.kind === 'epoch').map((m) => m.metrics as EpochMetrics);
    expect(epochs.map((e) => e.epoch)).toEqual([0, 1, 2, 3, 4, 5]);
    // 48 samples, 8 patients: fold 0 trains on P004-P007 (24 samples), validates on P001-P003 (18); P008 is held out.
    const batches = messages.filter((m) => m.kind === 'batch');
    expect(batches.filter((b) => b.kind === 'batch' && b.epoch === 0)).toHaveLength(3);
    for (const e of epochs) {
      expect(e.valLoss).not.toBeNull();
      expect(e.auc).not.toBeNull();
    }
    expect(epochs.at(-1)!.trainLoss).toBeLessThan(epochs[0]!.trainLoss * 0.9);
    expect(existsSync(join(dir, 'model', 'fold-0', 'model.json'))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'model', 'checkpoint.json'), 'utf8'))).toEqual({ fold: 0, epoch: 5, foldDone: true });
  });
});
