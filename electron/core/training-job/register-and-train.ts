import { AppError } from '../../../shared/contracts/errors';
import type { Hyperparameters } from '../../../shared/model/training';
import type { OpenStudy } from '../study-registry';
import type { TrainingSupervisor } from './training-supervisor';

/** A model to register and train: what the Training screen and `bme train` both ask for. */
export interface TrainingRequest {
  datasetId: string;
  name: string;
  hyperparameters: Hyperparameters;
  /** The model to fine-tune, or null to train from scratch. */
  parentModelId: number | null;
}

/**
 * The one use case behind `training.start` and `bme train`: checks the request against the
 * dataset and the parent model, registers the model with its audit row, and starts its run on
 * the supervisor. Resolves `done` when the run ends (done, cancelled or failed: read the model).
 */
export function registerAndTrain(
  study: OpenStudy,
  supervisor: TrainingSupervisor,
  request: TrainingRequest,
  actor: { id: number | null; via: 'app' | 'cli' },
): { modelId: number; done: Promise<void> } {
  const { datasetId, name, hyperparameters, parentModelId } = request;
  const dataset = study.datasets.get(datasetId);
  if (!dataset) throw new AppError('not_found', `There is no dataset ${datasetId.slice(0, 12)}… in this study. Build it first.`);
  if (dataset.samples === 0) throw new AppError('conflict', `Dataset ${datasetId.slice(0, 12)}… is empty: no series is locked by both readers with every slice decided.`);
  const badFold = hyperparameters.folds?.find((f) => f >= dataset.split.folds.length);
  if (badFold !== undefined) throw new AppError('bad_request', `The dataset has ${dataset.split.folds.length} folds; there is no fold ${badFold + 1}.`);
  if (parentModelId !== null) {
    const parent = study.models.get(parentModelId);
    if (!parent) throw new AppError('not_found', `There is no model ${parentModelId} in this study.`);
    if (parent.hyperparameters.filters !== hyperparameters.filters) {
      throw new AppError('bad_request', `Model ${parentModelId} has ${parent.hyperparameters.filters} filters; a fine-tuned model must keep them.`);
    }
    const parentSize = study.datasets.get(parent.datasetId)!.settings.size;
    if (parentSize !== dataset.settings.size) {
      throw new AppError('bad_request', `Model ${parentModelId} was trained at another image size; build the dataset at ${parentSize} pixels.`);
    }
  }
  if (supervisor.busy) throw supervisor.busyError(study.file);
  const modelId = study.tx(() => {
    const id = study.models.insert({ name, datasetId, parentModelId, hyperparameters, createdAt: new Date().toISOString(), createdBy: actor.id });
    study.audit.append({ actorId: actor.id, action: 'model.register', entity: 'model', entityId: String(id), details: { datasetId, parentModelId, hyperparameters, via: actor.via } });
    return id;
  });
  return { modelId, done: supervisor.start(study, modelId) };
}
