import { parentPort } from 'node:worker_threads';
import { predictWithFolds } from './predict-folds';
import { engineReport, newTrainer, runTraining } from './run-training';
import type { FromWorker, ToWorker } from './protocol';

/**
 * The long-lived training worker: the only thread of the core where tensorflow.js loads. It runs
 * one job at a time and reports through messages; the supervisor writes the database.
 */
const post = (m: FromWorker) => parentPort!.postMessage(m);

parentPort!.on('message', (msg: ToWorker) => {
  void (async () => {
    try {
      if (msg.kind === 'engine-info') {
        const t = await newTrainer({ filters: 2, epochs: 1, batchSize: 1, learningRate: 1e-3, augment: false, positiveShare: 0, engine: msg.engine, seed: 1 }, 16, 1);
        post({ kind: 'engine-info', engine: engineReport(t) });
        await t.dispose();
      } else if (msg.kind === 'train') {
        await runTraining(msg, post);
      } else if (msg.kind === 'predict') {
        const { byFold, engine } = await predictWithFolds(msg.modelDir, msg.folds, msg.hyper, msg.size, msg.images, msg.n);
        parentPort!.postMessage({ kind: 'predictions', requestId: msg.requestId, engine, byFold } satisfies FromWorker, byFold.map((a) => a.buffer as ArrayBuffer));
      }
    } catch (err) {
      if (msg.kind === 'predict') post({ kind: 'predict-failed', requestId: msg.requestId, message: (err as Error).message });
      else post({ kind: 'failed', modelId: msg.kind === 'train' ? msg.modelId : null, message: (err as Error).message });
    }
  })();
});
