import { Rng } from '../dicom/phantom/prng';
import type { SampleSet } from '../dataset/sample-file';

/**
 * The order of one epoch's samples: every training sample once, with slices that show BME drawn
 * again where needed so that about `positiveShare` of each batch has BME (the paper's data had
 * 2891 slices with and 14590 without; a plain pass would teach the model to say 'absent').
 */
export function epochOrder(indices: number[], positive: (i: number) => boolean, positiveShare: number, rng: Rng): number[] {
  const pos = indices.filter(positive);
  const neg = indices.filter((i) => !positive(i));
  const order = [...indices];
  if (positiveShare > 0 && pos.length > 0) {
    const wanted = Math.ceil((positiveShare * neg.length) / (1 - positiveShare));
    for (let k = pos.length; k < wanted; k++) order.push(pos[Math.floor(rng.next() * pos.length)]!);
  }
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/**
 * One sample as float input (size x size x 3, 0-1) and label (size x size), augmented when asked:
 * a rotation of up to 7 degrees and a scaling of 0.92 to 1.08 about the centre (the spine stays a
 * spine), nearest-neighbour for the mask, bilinear for the image, and an intensity gain and offset
 * jitter of a few percent.
 */
export function sampleTensors(set: SampleSet, index: number, augment: boolean, rng: Rng, x: Float32Array, y: Float32Array, offset: number): void {
  const s = set.size;
  const img = set.images.subarray(index * s * s * 3, (index + 1) * s * s * 3);
  const mask = set.masks.subarray(index * s * s, (index + 1) * s * s);
  const xo = offset * s * s * 3;
  const yo = offset * s * s;
  if (!augment) {
    for (let i = 0; i < s * s * 3; i++) x[xo + i] = img[i]! / 255;
    for (let i = 0; i < s * s; i++) y[yo + i] = mask[i]!;
    return;
  }
  const angle = ((rng.next() * 2 - 1) * 7 * Math.PI) / 180;
  const scale = 0.92 + rng.next() * 0.16;
  const gain = 0.9 + rng.next() * 0.2;
  const bias = (rng.next() * 2 - 1) * 0.04;
  const cos = Math.cos(angle) / scale;
  const sin = Math.sin(angle) / scale;
  const c = (s - 1) / 2;
  for (let yy = 0; yy < s; yy++) {
    for (let xx = 0; xx < s; xx++) {
      // Where this output pixel comes from in the input (inverse mapping).
      const sx = cos * (xx - c) + sin * (yy - c) + c;
      const sy = -sin * (xx - c) + cos * (yy - c) + c;
      const o = yy * s + xx;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const inside = x0 >= 0 && y0 >= 0 && x0 < s - 1 && y0 < s - 1;
      const mx = Math.round(sx);
      const my = Math.round(sy);
      y[yo + o] = mx >= 0 && my >= 0 && mx < s && my < s ? mask[my * s + mx]! : 0;
      for (let ch = 0; ch < 3; ch++) {
        let v = 0;
        if (inside) {
          const fx = sx - x0;
          const fy = sy - y0;
          const p = (yy0: number, xx0: number) => img[(yy0 * s + xx0) * 3 + ch]!;
          v = (p(y0, x0) * (1 - fx) + p(y0, x0 + 1) * fx) * (1 - fy) + (p(y0 + 1, x0) * (1 - fx) + p(y0 + 1, x0 + 1) * fx) * fy;
        }
        x[xo + o * 3 + ch] = Math.max(0, Math.min(1, (v / 255) * gain + bias));
      }
    }
  }
}
