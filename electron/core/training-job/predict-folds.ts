import { join } from 'node:path';
import type { EngineReport, Hyperparameters } from '../../../shared/model/training';
import { createTrainer } from '../training/engine/trainer';
import { distPath } from '../dist-path';
import { engineReport } from './run-training';

/**
 * Probabilities of each fold model for n images (n x size x size x 3), in batches, with the fastest
 * inference engine available (onnxruntime where it loads). One array per fold, n x size x size.
 */
export async function predictWithFolds(modelDir: string, folds: number[], hyper: Hyperparameters, size: number, images: Float32Array, n: number): Promise<{ byFold: Float32Array[]; engine: EngineReport }> {
  const byFold: Float32Array[] = [];
  let engine: EngineReport | null = null;
  const batch = 16;
  for (const fold of folds) {
    const trainer = await createTrainer({ filters: hyper.filters, size, engine: hyper.engine, workers: 0, workerScript: distPath('core/training-replica.cjs') });
    try {
      await trainer.load(join(modelDir, `fold-${fold}`));
      engine ??= engineReport(trainer);
      const out = new Float32Array(n * size * size);
      for (let b = 0; b < n; b += batch) {
        const m = Math.min(batch, n - b);
        out.set(await trainer.predict(images.subarray(b * size * size * 3, (b + m) * size * size * 3), m), b * size * size);
      }
      byFold.push(out);
    } finally {
      await trainer.dispose();
    }
  }
  return { byFold, engine: engine! };
}
