import * as tf from '@tensorflow/tfjs';

/** Which loss trains the model: 'bce' (the benchmark, like the PyTorch reference) or 'dice-bce' (the app). */
export type LossName = 'bce' | 'dice-bce';

/** Probabilities are clipped to [EPS, 1 - EPS] before the logarithm, as Keras does. */
const EPS = 1e-7;
/** Additive smoothing of the soft Dice: an image with an empty mask and an empty prediction scores 1. */
const DICE_SMOOTH = 1;

/** Mean binary cross-entropy over every pixel of the batch; p are probabilities, y labels in {0,1}. */
export function binaryCrossEntropy(p: tf.Tensor, y: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const q = tf.clipByValue(p, EPS, 1 - EPS);
    const pos = tf.mul(y, tf.log(q));
    const neg = tf.mul(tf.sub(1, y), tf.log(tf.sub(1, q)));
    return tf.neg(tf.mean(tf.add(pos, neg))) as tf.Scalar;
  });
}

/** 1 - soft Dice, computed per image (so an image with little BME counts as much as one with much) and averaged. */
export function softDiceLoss(p: tf.Tensor, y: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const axes = [1, 2, 3];
    const overlap = tf.sum(tf.mul(p, y), axes);
    const total = tf.add(tf.sum(p, axes), tf.sum(y, axes));
    const dice = tf.div(tf.add(tf.mul(overlap, 2), DICE_SMOOTH), tf.add(total, DICE_SMOOTH));
    return tf.sub(1, tf.mean(dice)) as tf.Scalar;
  });
}

/** The loss by name: BCE, or soft Dice + BCE (equal weights). */
export function segmentationLoss(name: LossName, p: tf.Tensor, y: tf.Tensor): tf.Scalar {
  if (name === 'bce') return binaryCrossEntropy(p, y);
  return tf.tidy(() => tf.add(softDiceLoss(p, y), binaryCrossEntropy(p, y)) as tf.Scalar);
}
