import { ModelReplica } from './replica';
import type { ReplicaRequest, ReplicaResult } from './replica-protocol';
import { selectEngine } from './select-engine';
import { exportOnnx } from '../onnx/export-onnx';

/**
 * Serves replica requests against one in-process ModelReplica: used directly by the in-process
 * trainer and, behind postMessage, by the worker entry. Returns the result and the buffers that
 * may be transferred (not copied) to the other thread.
 */
export class ReplicaHost {
  private replica: ModelReplica | null = null;

  async handle(request: ReplicaRequest): Promise<{ result: ReplicaResult; transfer: ArrayBuffer[] }> {
    if (request.op === 'init') {
      const engine = await selectEngine(request.engine);
      this.replica?.dispose();
      this.replica = new ModelReplica(request.spec);
      return { result: { op: 'init', engine, parameterCount: this.replica.parameterCount }, transfer: [] };
    }
    const replica = this.replica;
    if (!replica) throw new Error(`replica received '${request.op}' before 'init'`);
    switch (request.op) {
      case 'trainStep':
        return { result: { op: 'trainStep', loss: replica.trainStep(request.x, request.y, request.n) }, transfer: [] };
      case 'computeGradients': {
        if (request.values) replica.setTrainable(request.values);
        const { loss, grads } = replica.computeGradients(request.x, request.y, request.n);
        return { result: { op: 'computeGradients', loss, grads }, transfer: [grads.buffer as ArrayBuffer] };
      }
      case 'getTrainable': {
        const values = replica.getTrainable();
        return { result: { op: 'getTrainable', values }, transfer: [values.buffer as ArrayBuffer] };
      }
      case 'setTrainable':
        replica.setTrainable(request.values);
        return { result: { op: 'setTrainable' }, transfer: [] };
      case 'evaluate':
        return { result: { op: 'evaluate', loss: replica.evaluate(request.x, request.y, request.n) }, transfer: [] };
      case 'predict': {
        const probabilities = replica.predict(request.x, request.n);
        return { result: { op: 'predict', probabilities }, transfer: [probabilities.buffer as ArrayBuffer] };
      }
      case 'getWeights': {
        const weights = replica.getWeights();
        return { result: { op: 'getWeights', weights }, transfer: weights.map((w) => w.data.buffer as ArrayBuffer) };
      }
      case 'setWeights':
        replica.setWeights(request.weights);
        return { result: { op: 'setWeights' }, transfer: [] };
      case 'exportOnnx': {
        const bytes = exportOnnx(replica.model);
        return { result: { op: 'exportOnnx', bytes }, transfer: [bytes.buffer as ArrayBuffer] };
      }
      case 'modelJson':
        return { result: { op: 'modelJson', topology: replica.model.toJSON(undefined, false) }, transfer: [] };
      case 'dispose':
        replica.dispose();
        this.replica = null;
        return { result: { op: 'dispose' }, transfer: [] };
    }
  }
}
