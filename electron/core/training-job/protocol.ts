import type { DatasetSplit } from '../../../shared/model/dataset';
import type { EngineReport, EpochMetrics, Hyperparameters } from '../../../shared/model/training';

/** One training run, as the supervisor hands it to the worker. */
export interface TrainingJob {
  modelId: number;
  sampleFile: string;
  split: DatasetSplit;
  hyper: Hyperparameters;
  modelDir: string;
  /** Weights to start every fold from (fine-tuning): a folder with fold-<k>/ or a single model. */
  parentDir: string | null;
}

/** What a training run reports while it runs, in order. */
export type TrainingEvent =
  | { kind: 'started'; modelId: number; engine: EngineReport; resumedAt: { fold: number; epoch: number } | null }
  | { kind: 'batch'; modelId: number; fold: number; epoch: number; batch: number; batches: number; loss: number }
  | { kind: 'epoch'; modelId: number; metrics: EpochMetrics };

/**
 * The training worker's protocol (electron/core/workers): the engine it would use, each fold
 * model's predictions for a batch of images, and training runs that stream their events and
 * resolve when the last fold is done (or reject with the reason it failed).
 */
export interface TrainingProtocol {
  requests: {
    engineInfo: { params: { engine: Hyperparameters['engine'] }; result: EngineReport };
    predict: {
      params: {
        /** The model's folder: fold-<k>/ each hold a trained fold model. */
        modelDir: string;
        folds: number[];
        hyper: Hyperparameters;
        size: number;
        /** n x size x size x 3, values 0-1. */
        images: Float32Array;
        n: number;
      };
      result: { byFold: Float32Array[]; engine: EngineReport };
    };
    train: { params: TrainingJob; result: { modelId: number } };
  };
  events: { [K in TrainingEvent['kind']]: Extract<TrainingEvent, { kind: K }> };
}

/** Written beside the fold models after every epoch: where to resume. */
export interface Checkpoint {
  fold: number;
  /** Last finished epoch (0-based) of `fold`. */
  epoch: number;
  /** The fold is finished (its last epoch is done). */
  foldDone: boolean;
}
