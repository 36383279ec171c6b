import * as tf from '@tensorflow/tfjs';
import { encodeOnnxModel, type OnnxGraph, type OnnxNode, type OnnxTensor } from './onnx-model';

/**
 * Exports a trained tfjs layers model (the attention U-Net, or any graph of the same layer kinds)
 * to ONNX for inference: onnxruntime here, and any ONNX runtime for Python users. Batch norms
 * that follow a convolution are folded into it (W' = W * s, b' = (b - mean) * s + beta with
 * s = gamma / sqrt(var + eps)), which is exact in inference mode. The graph works in NCHW inside
 * (ONNX's convolution layout) but keeps the tfjs interface: input 'image' [batch, H, W, C] and
 * output 'probability' [batch, H, W, 1], both NHWC.
 */
export const ONNX_INPUT = 'image';
export const ONNX_OUTPUT = 'probability';

type AnyLayer = tf.layers.Layer;
interface LayerNode {
  inboundLayers: AnyLayer[];
}

export function exportOnnx(model: tf.LayersModel, options: { producerVersion?: string } = {}): Uint8Array {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) throw new Error('ONNX export supports one input and one output');
  const graph: OnnxGraph = { name: model.name, nodes: [], initializers: [], inputs: [], outputs: [] };
  const inputsOf = (layer: AnyLayer): AnyLayer[] => (layer.inboundNodes[0] as unknown as LayerNode).inboundLayers;
  const consumers = new Map<AnyLayer, AnyLayer[]>();
  for (const layer of model.layers) {
    for (const source of inputsOf(layer)) consumers.set(source, [...(consumers.get(source) ?? []), layer]);
  }
  /** Name of the NCHW tensor that stands for a layer's output (a folded conv takes its BN's name). */
  const outputName = new Map<AnyLayer, string>();
  const folded = new Set<AnyLayer>();
  const add = (node: OnnxNode) => graph.nodes.push(node);
  const constant = (name: string, dims: number[], data: Float32Array | number[]) => {
    const t: OnnxTensor = { name, dims, data: data instanceof Float32Array ? data : Float32Array.from(data) };
    graph.initializers.push(t);
    return name;
  };

  for (const layer of model.layers) {
    const kind = layer.getClassName();
    const config = layer.getConfig() as Record<string, unknown>;
    const ins = inputsOf(layer).map((l) => outputName.get(l)!);
    const out = layer.name;
    if (folded.has(layer)) continue;
    switch (kind) {
      case 'InputLayer': {
        const shape = (config.batchInputShape as (number | null)[]).slice(1) as number[];
        graph.inputs.push({ name: ONNX_INPUT, shape: ['batch', ...shape] });
        add({ opType: 'Transpose', name: `${out}_nchw`, inputs: [ONNX_INPUT], outputs: [`${out}_nchw`], attributes: [{ name: 'perm', ints: [0, 3, 1, 2] }] });
        outputName.set(layer, `${out}_nchw`);
        break;
      }
      case 'Conv2D': {
        const [kernel, bias] = layer.getWeights().map((t) => t.dataSync() as Float32Array);
        const [kh, kw, ci, co] = layer.getWeights()[0].shape;
        const next = consumers.get(layer) ?? [];
        const bn = next.length === 1 && next[0].getClassName() === 'BatchNormalization' ? next[0] : null;
        const scale = new Float32Array(co).fill(1);
        const shift = new Float32Array(co);
        if (bias) shift.set(bias);
        if (bn) {
          const p = batchNormParams(bn);
          for (let c = 0; c < co; c++) {
            const s = p.gamma[c] / Math.sqrt(p.variance[c] + p.epsilon);
            scale[c] = s;
            shift[c] = (shift[c] - p.mean[c]) * s + p.beta[c];
          }
          folded.add(bn);
        }
        // tfjs [kh, kw, in, out] -> ONNX [out, in, kh, kw], each output channel scaled.
        const w = new Float32Array(co * ci * kh * kw);
        for (let y = 0; y < kh; y++)
          for (let x = 0; x < kw; x++)
            for (let i = 0; i < ci; i++)
              for (let o = 0; o < co; o++) w[((o * ci + i) * kh + y) * kw + x] = kernel[((y * kw + x) * ci + i) * co + o] * scale[o];
        const name = bn ? bn.name : out;
        const dilation = toPair(config.dilationRate ?? 1);
        const strides = toPair(config.strides ?? 1);
        add({
          opType: 'Conv', name, inputs: [ins[0], constant(`${name}_W`, [co, ci, kh, kw], w), constant(`${name}_B`, [co], shift)], outputs: [name],
          attributes: [
            { name: 'kernel_shape', ints: [kh, kw] },
            { name: 'strides', ints: strides },
            { name: 'dilations', ints: dilation },
            { name: 'pads', ints: convPads(config.padding as string, [kh, kw], dilation, strides) },
          ],
        });
        const activation = (config.activation as string | undefined) ?? 'linear';
        let result = name;
        if (activation !== 'linear') {
          result = `${name}_${activation}`;
          add({ opType: activationOp(activation), name: result, inputs: [name], outputs: [result] });
        }
        outputName.set(layer, result);
        if (bn) outputName.set(bn, result);
        break;
      }
      case 'BatchNormalization': {
        const p = batchNormParams(layer);
        const c = p.gamma.length;
        add({
          opType: 'BatchNormalization', name: out, outputs: [out],
          inputs: [ins[0], constant(`${out}_scale`, [c], p.gamma), constant(`${out}_B`, [c], p.beta), constant(`${out}_mean`, [c], p.mean), constant(`${out}_var`, [c], p.variance)],
          attributes: [{ name: 'epsilon', float: p.epsilon }],
        });
        outputName.set(layer, out);
        break;
      }
      case 'Activation':
        add({ opType: activationOp(config.activation as string), name: out, inputs: ins, outputs: [out] });
        outputName.set(layer, out);
        break;
      case 'MaxPooling2D': {
        const pool = toPair(config.poolSize);
        if (config.padding !== 'valid') throw new Error(`ONNX export: max pooling with padding '${String(config.padding)}' is not supported`);
        add({ opType: 'MaxPool', name: out, inputs: ins, outputs: [out], attributes: [{ name: 'kernel_shape', ints: pool }, { name: 'strides', ints: toPair(config.strides ?? pool) }] });
        outputName.set(layer, out);
        break;
      }
      case 'UpSampling2D': {
        const [sh, sw] = toPair(config.size);
        if (config.interpolation !== 'nearest') throw new Error('ONNX export: only nearest up-sampling is supported');
        // tfjs nearest resize without align-corners/half-pixel: source = floor(dest / scale).
        add({
          opType: 'Resize', name: out, inputs: [ins[0], '', constant(`${out}_scales`, [4], [1, 1, sh, sw])], outputs: [out],
          attributes: [
            { name: 'mode', string: 'nearest' },
            { name: 'coordinate_transformation_mode', string: 'asymmetric' },
            { name: 'nearest_mode', string: 'floor' },
          ],
        });
        outputName.set(layer, out);
        break;
      }
      case 'Concatenate': {
        const axis = (config.axis as number | undefined) ?? -1;
        if (axis !== -1 && axis !== 3) throw new Error(`ONNX export: concatenation on axis ${axis} is not supported (channels only)`);
        add({ opType: 'Concat', name: out, inputs: ins, outputs: [out], attributes: [{ name: 'axis', int: 1 }] });
        outputName.set(layer, out);
        break;
      }
      case 'Add':
      case 'Multiply': {
        const op = kind === 'Add' ? 'Add' : 'Mul';
        let acc = ins[0];
        for (let i = 1; i < ins.length; i++) {
          const name = i === ins.length - 1 ? out : `${out}_${i}`;
          add({ opType: op, name, inputs: [acc, ins[i]], outputs: [name] });
          acc = name;
        }
        outputName.set(layer, out);
        break;
      }
      default:
        throw new Error(`ONNX export: layer '${layer.name}' of kind ${kind} is not supported`);
    }
  }
  const last = model.outputs[0].sourceLayer;
  const outShape = model.outputs[0].shape.slice(1) as number[];
  add({ opType: 'Transpose', name: 'to_nhwc', inputs: [outputName.get(last)!], outputs: [ONNX_OUTPUT], attributes: [{ name: 'perm', ints: [0, 2, 3, 1] }] });
  graph.outputs.push({ name: ONNX_OUTPUT, shape: ['batch', ...outShape] });
  return encodeOnnxModel(graph, { name: 'bme-workstation', version: options.producerVersion ?? '0' });
}

function batchNormParams(layer: AnyLayer) {
  const config = layer.getConfig() as Record<string, unknown>;
  const byName = new Map(layer.weights.map((w, i) => [w.originalName.split('/').pop()!, layer.getWeights()[i].dataSync() as Float32Array]));
  const c = layer.weights[0].shape[0] as number;
  return {
    gamma: byName.get('gamma') ?? new Float32Array(c).fill(1),
    beta: byName.get('beta') ?? new Float32Array(c),
    mean: byName.get('moving_mean')!,
    variance: byName.get('moving_variance')!,
    epsilon: config.epsilon as number,
  };
}

function activationOp(name: string): string {
  const ops: Record<string, string> = { relu: 'Relu', sigmoid: 'Sigmoid', linear: 'Identity', tanh: 'Tanh' };
  const op = ops[name];
  if (!op) throw new Error(`ONNX export: activation '${name}' is not supported`);
  return op;
}

function toPair(v: unknown): number[] {
  return Array.isArray(v) ? [v[0] as number, v[1] as number] : [v as number, v as number];
}

/** ONNX pads [top, left, bottom, right]; 'same' with stride 1 splits k-1 with the extra at the end, as TensorFlow does. */
function convPads(padding: string, kernel: number[], dilation: number[], strides: number[]): number[] {
  if (padding === 'valid') return [0, 0, 0, 0];
  if (strides[0] !== 1 || strides[1] !== 1) throw new Error('ONNX export: strided same-padded convolutions are not supported');
  const total = kernel.map((k, i) => (k - 1) * dilation[i]);
  const begin = total.map((t) => Math.floor(t / 2));
  return [begin[0], begin[1], total[0] - begin[0], total[1] - begin[1]];
}
