import * as tf from '@tensorflow/tfjs';

/**
 * The attention U-Net of the project (Oktay et al. 2018), layer for layer the network of
 * ../shared/bench/attunet_torch.py so that the benchmark ratio against PyTorch means something:
 * same levels, same convolutions (with bias, as PyTorch's default), same batch norms, same gates,
 * same parameter count. Written with plain tfjs layers, so it runs on any backend; tensors are
 * NHWC (batch, row, column, channel).
 */
export interface AttentionUNetOptions {
  /** Filters of the first level; the levels have f, 2f, 4f, 8f, 16f. Default 16. */
  filters?: number;
  /** Input height and width in pixels; must be divisible by 16 (four 2x2 poolings). */
  size: number;
  /** Input channels; 3 for the 'fake-color' (previous, current, next slice) input. */
  channels?: number;
  /** Seed of the weight initialisers: the same seed gives the same initial weights on every backend. */
  seed?: number;
}

/** Batch-norm settings of PyTorch's BatchNorm2d (eps 1e-5, momentum 0.1 = tfjs 0.9). */
const BN_EPSILON = 1e-5;
const BN_MOMENTUM = 0.9;

/** Builds the model; its output is the per-pixel probability of BME, shape [n, size, size, 1]. */
export function createAttentionUNet(options: AttentionUNetOptions): tf.LayersModel {
  const filters = options.filters ?? 16;
  const channels = options.channels ?? 3;
  const { size } = options;
  if (!Number.isInteger(size) || size < 16 || size % 16 !== 0) {
    throw new Error(`attention U-Net input size ${size} must be a multiple of 16 (four 2x2 poolings)`);
  }
  if (!Number.isInteger(filters) || filters < 2 || filters % 2 !== 0) {
    throw new Error(`attention U-Net filters ${filters} must be an even integer >= 2 (the gates use filters/2)`);
  }
  let seed = options.seed ?? 1;
  const nextSeed = () => seed++;
  let id = 0;
  const name = (kind: string) => `${kind}_${id++}`;

  const conv = (x: tf.SymbolicTensor, out: number, kernel: number, tag: string) =>
    tf.layers
      .conv2d({
        filters: out,
        kernelSize: kernel,
        padding: 'same',
        useBias: true,
        kernelInitializer: tf.initializers.heNormal({ seed: nextSeed() }),
        biasInitializer: 'zeros',
        name: name(`${tag}_conv`),
      })
      .apply(x) as tf.SymbolicTensor;
  const bn = (x: tf.SymbolicTensor, tag: string) =>
    tf.layers
      .batchNormalization({ axis: -1, epsilon: BN_EPSILON, momentum: BN_MOMENTUM, name: name(`${tag}_bn`) })
      .apply(x) as tf.SymbolicTensor;
  const act = (x: tf.SymbolicTensor, activation: 'relu' | 'sigmoid', tag: string) =>
    tf.layers.activation({ activation, name: name(`${tag}_${activation}`) }).apply(x) as tf.SymbolicTensor;
  const convBnRelu = (x: tf.SymbolicTensor, out: number, tag: string) => act(bn(conv(x, out, 3, tag), tag), 'relu', tag);
  const convBlock = (x: tf.SymbolicTensor, out: number, tag: string) =>
    convBnRelu(convBnRelu(x, out, tag), out, tag);

  const input = tf.input({ shape: [size, size, channels], name: 'image' });
  const widths = [filters, 2 * filters, 4 * filters, 8 * filters, 16 * filters];
  const skips: tf.SymbolicTensor[] = [];
  let x: tf.SymbolicTensor = input;
  for (let level = 0; level < 5; level++) {
    if (level > 0) {
      x = tf.layers.maxPooling2d({ poolSize: 2, strides: 2, name: name(`enc${level}_pool`) }).apply(x) as tf.SymbolicTensor;
    }
    x = convBlock(x, widths[level], `enc${level}`);
    skips.push(x);
  }
  for (let level = 3; level >= 0; level--) {
    const tag = `dec${level}`;
    const up = tf.layers
      .upSampling2d({ size: [2, 2], interpolation: 'nearest', name: name(`${tag}_up`) })
      .apply(x) as tf.SymbolicTensor;
    const gate = convBnRelu(up, widths[level], `${tag}_upconv`);
    const gated = attentionGate(gate, skips[level], widths[level] / 2, `${tag}_gate`);
    const joined = tf.layers.concatenate({ axis: -1, name: name(`${tag}_concat`) }).apply([gated, gate]) as tf.SymbolicTensor;
    x = convBlock(joined, widths[level], tag);
  }
  const logits = conv(x, 1, 1, 'head');
  const output = act(logits, 'sigmoid', 'head');
  return tf.model({ inputs: input, outputs: output, name: 'attention_unet' });

  /** Additive attention gate: skip * sigmoid(BN(psi(relu(BN(Wg g) + BN(Wx skip))))). */
  function attentionGate(g: tf.SymbolicTensor, skip: tf.SymbolicTensor, inter: number, tag: string) {
    const wg = bn(conv(g, inter, 1, `${tag}_g`), `${tag}_g`);
    const wx = bn(conv(skip, inter, 1, `${tag}_x`), `${tag}_x`);
    const sum = tf.layers.add({ name: name(`${tag}_add`) }).apply([wg, wx]) as tf.SymbolicTensor;
    const psi = act(bn(conv(act(sum, 'relu', tag), 1, 1, `${tag}_psi`), `${tag}_psi`), 'sigmoid', `${tag}_psi`);
    return tf.layers.multiply({ name: name(`${tag}_mul`) }).apply([skip, psi]) as tf.SymbolicTensor;
  }
}

/** Number of trainable parameters (what PyTorch's `sum(p.numel() for p in model.parameters())` counts). */
export function countTrainableParams(model: tf.LayersModel): number {
  return model.trainableWeights.reduce((sum, w) => sum + w.shape.reduce<number>((a, b) => a * (b ?? 1), 1), 0);
}
