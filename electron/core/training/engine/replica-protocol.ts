import type { EngineInfo, EngineName } from './select-engine';
import type { ModelSpec } from './replica';
import type { WeightSet } from './weights';

/**
 * Messages between the trainer and a replica in a worker thread. Every request carries an id; the
 * worker answers each with the same id, in order.
 */
export type ReplicaRequest =
  | { op: 'init'; spec: ModelSpec; engine: EngineName | 'auto' }
  | { op: 'trainStep'; x: Float32Array; y: Float32Array; n: number }
  | { op: 'computeGradients'; x: Float32Array; y: Float32Array; n: number; /** Trainable weights to take first. */ values?: Float32Array }
  | { op: 'getTrainable' }
  | { op: 'setTrainable'; values: Float32Array }
  | { op: 'evaluate'; x: Float32Array; y: Float32Array; n: number }
  | { op: 'predict'; x: Float32Array; n: number }
  | { op: 'getWeights' }
  | { op: 'setWeights'; weights: WeightSet }
  | { op: 'exportOnnx' }
  | { op: 'modelJson' }
  | { op: 'dispose' };

export type ReplicaResult =
  | { op: 'init'; engine: EngineInfo; parameterCount: number }
  | { op: 'trainStep'; loss: number }
  | { op: 'computeGradients'; loss: number; grads: Float32Array }
  | { op: 'getTrainable'; values: Float32Array }
  | { op: 'setTrainable' }
  | { op: 'evaluate'; loss: number }
  | { op: 'predict'; probabilities: Float32Array }
  | { op: 'getWeights'; weights: WeightSet }
  | { op: 'setWeights' }
  | { op: 'exportOnnx'; bytes: Uint8Array }
  | { op: 'modelJson'; topology: unknown }
  | { op: 'dispose' };

/** The replica worker's protocol (electron/core/workers): one request kind per op, no events. */
export interface ReplicaProtocol {
  requests: { [K in ReplicaRequest['op']]: { params: Extract<ReplicaRequest, { op: K }>; result: Extract<ReplicaResult, { op: K }> } };
  events: Record<never, never>;
}

/** Every op, for the worker entry's handler table. */
export const REPLICA_OPS = [
  'init', 'trainStep', 'computeGradients', 'getTrainable', 'setTrainable', 'evaluate', 'predict', 'getWeights', 'setWeights', 'exportOnnx', 'modelJson', 'dispose',
] as const satisfies readonly ReplicaRequest['op'][];
