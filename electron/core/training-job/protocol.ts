import type { DatasetSplit } from '../../../shared/model/dataset';
import type { EngineReport, EpochMetrics, Hyperparameters } from '../../../shared/model/training';

/** What the supervisor asks the training worker to do. */
export type ToWorker =
  | { kind: 'engine-info'; engine: Hyperparameters['engine'] }
  | {
      kind: 'predict';
      requestId: number;
      /** The model's folder: fold-<k>/ each hold a trained fold model. */
      modelDir: string;
      folds: number[];
      hyper: Hyperparameters;
      size: number;
      /** n x size x size x 3, values 0-1. */
      images: Float32Array;
      n: number;
    }
  | {
      kind: 'train';
      modelId: number;
      sampleFile: string;
      split: DatasetSplit;
      hyper: Hyperparameters;
      modelDir: string;
      /** Weights to start every fold from (fine-tuning): a folder with fold-<k>/ or a single model. */
      parentDir: string | null;
    };

/** What the worker reports back. */
export type FromWorker =
  | { kind: 'engine-info'; engine: EngineReport }
  | { kind: 'predictions'; requestId: number; engine: EngineReport; byFold: Float32Array[] }
  | { kind: 'predict-failed'; requestId: number; message: string }
  | { kind: 'started'; modelId: number; engine: EngineReport; resumedAt: { fold: number; epoch: number } | null }
  | { kind: 'batch'; modelId: number; fold: number; epoch: number; batch: number; batches: number; loss: number }
  | { kind: 'epoch'; modelId: number; metrics: EpochMetrics }
  | { kind: 'done'; modelId: number }
  | { kind: 'failed'; modelId: number | null; message: string };

/** Written beside the fold models after every epoch: where to resume. */
export interface Checkpoint {
  fold: number;
  /** Last finished epoch (0-based) of `fold`. */
  epoch: number;
  /** The fold is finished (its last epoch is done). */
  foldDone: boolean;
}
