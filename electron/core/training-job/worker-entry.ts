import { serveRequests } from '../workers/serve-requests';
import { withTransfer } from '../workers/worker-protocol';
import { predictWithFolds } from './predict-folds';
import { engineReport, newTrainer, runTraining } from './run-training';
import type { TrainingProtocol } from './protocol';

/**
 * The long-lived training worker: the only thread of the core where tensorflow.js loads. It runs
 * one job at a time and reports through events; the supervisor writes the database.
 */
serveRequests<TrainingProtocol>({
  async engineInfo({ engine }) {
    const t = await newTrainer({ filters: 2, epochs: 1, batchSize: 1, learningRate: 1e-3, augment: false, positiveShare: 0, engine, seed: 1 }, 16, 1);
    try {
      return engineReport(t);
    } finally {
      await t.dispose();
    }
  },
  async predict({ modelDir, folds, hyper, size, images, n }) {
    const out = await predictWithFolds(modelDir, folds, hyper, size, images, n);
    return withTransfer(out, out.byFold.map((a) => a.buffer as ArrayBuffer));
  },
  async train(job, { emit }) {
    await runTraining(job, (e) => emit(e.kind, e as never));
    return { modelId: job.modelId };
  },
});
