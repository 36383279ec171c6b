import * as tf from '@tensorflow/tfjs';

/**
 * Batch normalisation in training mode as one differentiable operation with its analytic
 * gradient, installed on tfjs-layers' BatchNormalization layer (the model code is unchanged and
 * still says tf.layers.batchNormalization; every backend runs the same tfjs ops).
 *
 * The stock layer computes tf.moments (Mean, Sub, Square, Mean) and then tf.batchNorm, and the
 * tape differentiates each of those kernels: about a dozen full-size tensors per layer in the
 * backward pass (the Mean gradient alone builds a tensor of ones in JavaScript, multiplies and
 * divides). With the batch statistics' dependence on x written out, the gradient needs two
 * per-channel sums and four full-size operations:
 *
 *   xc = x - mean,  r = 1 / sqrt(var + eps),  N = values per channel
 *   dx     = gamma r dy - gamma r sum(dy) / N - gamma r^3 sum(dy xc) / N * xc
 *   dgamma = r sum(dy xc)
 *   dbeta  = sum(dy)
 *
 * The forward pass (statistics, output, moving averages with the layer's momentum) is the stock
 * layer's, operation for operation. Anything other than training with the channel axis last and
 * both gamma and beta goes to the stock call. A test checks outputs, gradients and moving
 * statistics against the stock layer.
 */
interface LayerVariableLike {
  read(): tf.Tensor;
  write(value: tf.Tensor): void;
}

interface BatchNormLayerLike {
  axis: number;
  epsilon: number;
  momentum: number;
  center: boolean;
  scale: boolean;
  gamma: LayerVariableLike | null;
  beta: LayerVariableLike | null;
  movingMean: LayerVariableLike;
  movingVariance: LayerVariableLike;
  call(inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean }): tf.Tensor | tf.Tensor[];
}

type Call = BatchNormLayerLike['call'];

let stockCall: Call | null = null;

/** The layer's prototype, found from an instance (the class itself is not exported by tfjs). */
function batchNormPrototype(): BatchNormLayerLike {
  return Object.getPrototypeOf(tf.layers.batchNormalization({})) as BatchNormLayerLike;
}

/** Normalised x, batch mean and (biased) batch variance, differentiable in x, gamma and beta. */
export function batchNormTraining(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, epsilon: number): { y: tf.Tensor; mean: tf.Tensor; variance: tf.Tensor } {
  const axes = Array.from({ length: x.rank - 1 }, (_, i) => i);
  let stats: { mean: tf.Tensor; variance: tf.Tensor } | null = null;
  const normalize = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [input, g, b] = args as tf.Tensor[];
    const save = args[3] as tf.GradSaveFunc;
    // As tf.moments and then tf.batchNorm, which the stock layer runs. (Writing the output as
    // broadcasting products would be faster on wasm, but rounds differently: where max pooling
    // then meets near-ties, the gradient goes to another pixel, and the cpu and wasm loss curves
    // drifted apart by 1.5e-4 after one step instead of 2e-6.)
    const mean = tf.mean(input, axes);
    const centered = tf.sub(input, mean);
    const variance = tf.mean(tf.square(centered), axes);
    const y = tf.batchNorm(input, mean, variance, b, g, epsilon);
    const r = tf.rsqrt(tf.add(variance, epsilon));
    stats = { mean: tf.keep(mean), variance: tf.keep(variance) };
    save([centered, r]);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xc, rs] = saved;
      const n = xc.size / xc.shape[xc.rank - 1];
      const sumDy = tf.sum(dy, axes);
      const sumDyXc = tf.sum(tf.mul(dy, xc), axes);
      const a = tf.mul(g, rs);
      const bCoef = tf.mul(tf.mul(a, tf.square(rs)), tf.mul(sumDyXc, -1 / n));
      const c = tf.mul(a, tf.mul(sumDy, -1 / n));
      const dx = tf.add(tf.add(tf.mul(dy, a), tf.mul(xc, bCoef)), c);
      return [dx, tf.mul(rs, sumDyXc), sumDy];
    };
    return { value: y, gradFunc };
  });
  const y = normalize(x, gamma, beta) as tf.Tensor;
  const { mean, variance } = stats as unknown as { mean: tf.Tensor; variance: tf.Tensor };
  return { y, mean, variance };
}

/** The stock layer's moving-average update: v <- v - (v - value) * (1 - momentum). */
function updateMovingAverage(variable: LayerVariableLike, value: tf.Tensor, momentum: number) {
  tf.tidy(() => {
    const original = variable.read();
    variable.write(tf.sub(original, tf.mul(tf.sub(original, value), 1 - momentum)));
  });
}

function fusedCall(this: BatchNormLayerLike, inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean }): tf.Tensor | tf.Tensor[] {
  const stock = stockCall!;
  const x = Array.isArray(inputs) ? (inputs.length === 1 ? inputs[0] : null) : inputs;
  const channelsLast = x != null && (this.axis === -1 || this.axis === x.rank - 1);
  if (!kwargs?.training || !x || x.rank < 2 || !channelsLast || !this.center || !this.scale || !this.gamma || !this.beta) {
    return stock.call(this, inputs, kwargs);
  }
  const gamma = this.gamma;
  const beta = this.beta;
  return tf.tidy(() => {
    const { y, mean, variance } = batchNormTraining(x, gamma.read(), beta.read(), this.epsilon);
    updateMovingAverage(this.movingMean, mean, this.momentum);
    updateMovingAverage(this.movingVariance, variance, this.momentum);
    tf.dispose([mean, variance]);
    return y;
  });
}

/** Installs the fused training path on the layer (idempotent). */
export function installBatchNormTraining(): void {
  const proto = batchNormPrototype();
  if (stockCall) return;
  stockCall = proto.call;
  proto.call = fusedCall;
}

/** Puts the stock call back (for the test that compares both). */
export function uninstallBatchNormTraining(): void {
  if (!stockCall) return;
  batchNormPrototype().call = stockCall;
  stockCall = null;
}
