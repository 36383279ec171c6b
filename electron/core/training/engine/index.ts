/**
 * The training engine's public API (issue 8), for the training service's long-lived worker:
 *
 *   const trainer = await createTrainer({ size: 128, filters: 16, loss: 'dice-bce' });
 *   trainer.engine        // { name: 'wasm', how: 'auto', reasons: [{ engine: 'tfjs-node', reason }], ... }
 *   await trainer.trainBatch(x, y, n)   // NHWC Float32Arrays -> { loss }
 *   await trainer.predict(x, n)         // onnxruntime when it loads, else tfjs
 *   await trainer.save(dir) / load(dir) // tfjs layers format
 *   await trainer.exportOnnx()          // ONNX bytes for Python users
 *
 * Engine preference: TrainerOptions.engine, else BME_ENGINE (auto | tfjs-node-gpu | tfjs-node |
 * wasm | cpu); worker threads: TrainerOptions.workers, else BME_WORKERS, else one per core.
 */
export { createTrainer, WORKERS_ENV_VAR, type Trainer, type TrainerOptions, type BatchResult } from './trainer';
export {
  selectEngine, currentEngine, parseEnginePreference, ENGINE_ORDER, ENGINE_ENV_VAR,
  type EngineInfo, type EngineName, type EngineRejection,
} from './select-engine';
export type { WeightEntry, WeightSet } from './weights';
export { exportOnnx, ONNX_INPUT, ONNX_OUTPUT } from '../onnx/export-onnx';
export { createOnnxPredictor, type OnnxPredictor } from '../onnx/onnx-predictor';
export { createAttentionUNet, countTrainableParams, type AttentionUNetOptions } from '../model/attention-unet';
export { segmentationLoss, binaryCrossEntropy, softDiceLoss, type LossName } from '../model/losses';
