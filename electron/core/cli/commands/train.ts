import { DEFAULT_DATASET_SETTINGS } from '../../../../shared/model/dataset';
import { DEFAULT_HYPERPARAMETERS, EngineChoice, Hyperparameters } from '../../../../shared/model/training';
import { buildSnapshot } from '../../dataset/build-snapshot';
import { registerAndTrain } from '../../training-job/register-and-train';
import { TrainingSupervisor } from '../../training-job/training-supervisor';
import { CliError, intOption, jsonOption, type CliCommand } from '../command';
import { withStudy } from '../open-study-for-cli';

/** `bme train --db FILE --folds K --epochs N`: builds the dataset snapshot and trains a model with cross-validation. */
export const trainCommand: CliCommand = {
  name: 'train',
  summary: 'build the dataset snapshot from the consensus and train the attention U-Net with k-fold cross-validation',
  options: {
    db: { type: 'string', description: 'the study file', valueName: 'FILE' },
    folds: { type: 'string', description: 'cross-validation folds (default 10)', valueName: 'K' },
    epochs: { type: 'string', description: 'epochs per fold (default 20)', valueName: 'N' },
    filters: { type: 'string', description: 'filters of the first level (default 16)', valueName: 'F' },
    size: { type: 'string', description: 'image size, multiple of 16 (default 128)', valueName: 'S' },
    'batch-size': { type: 'string', description: 'images per batch (default 8)', valueName: 'B' },
    'only-folds': { type: 'string', description: 'train only these folds (1-based, comma-separated)', valueName: '1,2' },
    engine: { type: 'string', description: 'auto (best available), tfjs-node-gpu, tfjs-node, wasm or cpu', valueName: 'NAME' },
    seed: { type: 'string', description: 'seed of the split and the weights (default 1)', valueName: 'N' },
    name: { type: 'string', description: 'name of the registered model', valueName: 'TEXT' },
    'no-augment': { type: 'boolean', description: 'train without augmentation' },
    'json-progress': { type: 'boolean', description: 'stream one JSON line per epoch and fold (fold and epoch 0-based), then the model' },
    ...jsonOption,
  },
  examples: ['bme train --db spine.bmestudy --folds 10 --epochs 30 --json-progress', 'bme train --db demo.bmestudy --folds 2 --epochs 1 --size 64 --filters 4'],
  run(values, _p, io) {
    const engine = EngineChoice.safeParse(values.engine ?? 'auto');
    if (!engine.success) throw new CliError(`--engine must be one of ${EngineChoice.options.join(', ')}`, 2);
    const folds = intOption(values, 'folds', DEFAULT_DATASET_SETTINGS.folds, 2, 20);
    const seed = intOption(values, 'seed', 1, 0, 2 ** 31 - 1);
    const only = typeof values['only-folds'] === 'string' ? values['only-folds'].split(',').map((f) => Number(f) - 1) : undefined;
    if (only?.some((f) => !Number.isInteger(f) || f < 0 || f >= folds)) throw new CliError(`--only-folds must list folds from 1 to ${folds}`, 2);
    const hyper = Hyperparameters.safeParse({
      ...DEFAULT_HYPERPARAMETERS,
      epochs: intOption(values, 'epochs', DEFAULT_HYPERPARAMETERS.epochs, 1, 500),
      filters: intOption(values, 'filters', DEFAULT_HYPERPARAMETERS.filters, 2, 64),
      batchSize: intOption(values, 'batch-size', DEFAULT_HYPERPARAMETERS.batchSize, 1, 64),
      augment: !values['no-augment'],
      engine: engine.data,
      seed,
      ...(only && { folds: only }),
    });
    if (!hyper.success) throw new CliError(hyper.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), 2);
    const size = intOption(values, 'size', DEFAULT_DATASET_SETTINGS.size, 64, 512);
    if (size % 16) throw new CliError('--size must be a multiple of 16', 2);
    const stream = !!values['json-progress'];
    return withStudy(values, async (study) => {
      const dataset = await buildSnapshot(study, { ...DEFAULT_DATASET_SETTINGS, size, folds, seed }, null);
      const name = typeof values.name === 'string' ? values.name : `attention U-Net f${hyper.data.filters} ${size}px ${folds}-fold`;
      let printed = 0;
      const supervisor = new TrainingSupervisor({
        progress: () => undefined,
        changed: (_s, id) => {
          const m = study.models.get(id)!;
          for (const e of m.epochs.slice(printed)) {
            if (stream) io.jsonLine({ type: 'epoch', modelId: id, ...e });
            else if (!values.json) {
              const f = (v: number | null) => (v === null ? '—' : v.toFixed(3));
              io.out(`fold ${e.fold + 1} epoch ${e.epoch + 1}: loss ${f(e.trainLoss)}  val loss ${f(e.valLoss)}  Dice ${f(e.valDice)}  sens ${f(e.sensitivity)}  spec ${f(e.specificity)}  AUC ${f(e.auc)}  (${e.seconds.toFixed(1)} s)`);
            }
          }
          printed = m.epochs.length;
        },
      });
      try {
        const { modelId, done } = registerAndTrain(study, supervisor, { datasetId: dataset.id, name, hyperparameters: hyper.data, parentModelId: null }, { id: null, via: 'cli' });
        if (!stream && !values.json) io.out(`Dataset ${dataset.id.slice(0, 12)}: ${dataset.samples} samples of ${dataset.patients} patients; model ${modelId} "${name}"`);
        await done;
        const result = study.models.get(modelId)!;
        if (stream) io.jsonLine({ type: 'model', ...result });
        else if (values.json) io.json(result);
        else io.out(`Model ${modelId}: ${result.status}${result.error ? ` (${result.error})` : ''} on ${result.engine?.name ?? '?'}`);
        return result.status === 'done' ? 0 : 1;
      } finally {
        await supervisor.shutdown();
      }
    });
  },
};
