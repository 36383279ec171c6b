/**
 * Signal of everything around the spine at one point of the spine frame (anatomy-types.ts):
 * skin, suppressed subcutaneous fat, paraspinal muscle behind; neck and airway, skull base,
 * mediastinum, aorta, lungs and heart, or abdomen, vessels, psoas and bowel in front.
 */
import type { SliceShading } from './shading-context';
import { clamp01, coverage, mix, roundProfile, sdEllipse, smoothstep } from './shape-math';
import { Tissue } from './tissue';

function vesselsAndBlobs(ctx: SliceShading, t: number, s: number, xl: number, under: number): number {
  const pixelMm = ctx.pixelMm;
  let v = under;
  for (const vessel of ctx.vessels) {
    if (t > vessel.tEnd + 6) continue;
    const taper = clamp01((vessel.tEnd + 6 - t) / 6);
    const dx = xl - vessel.x;
    const ds = s - vessel.s;
    const sd = Math.sqrt(dx * dx + ds * ds) - vessel.radius * taper;
    const a = coverage(sd, pixelMm);
    if (a > 0) v = mix(v, mix(Tissue.ligament, vessel.signal, smoothstep(0, 1.5, -sd)), a);
  }
  for (const b of ctx.blobs) {
    if (t < b.t - 1.3 * b.rt || t > b.t + 1.3 * b.rt) continue;
    const dt = (t - b.t) / b.rt;
    const ds = (s - b.s) / b.rs;
    const dx = (xl - b.x) / b.rx;
    const rho = Math.sqrt(dt * dt + ds * ds + dx * dx);
    if (rho > 1.3) continue;
    v = mix(v, b.signal, coverage((rho - 1) * Math.min(b.rt, b.rs), pixelMm));
  }
  return v;
}

function cervicalFront(ctx: SliceShading, t: number, s: number, xl: number, texture: number): number {
  const anatomy = ctx.anatomy;
  const pixelMm = ctx.pixelMm;
  const lm = ctx.landmarks;
  const front = anatomy.neckFront;
  if (s < front) return Tissue.air;
  let v: number = Tissue.neck * (1 + 0.08 * texture);
  if (s < front + 5) v = s < front + 1.5 ? Tissue.skin : Tissue.fat;
  const fm = anatomy.foramenMagnum;
  // Prevertebral soft tissue thickens below C4, where the oesophagus lies behind the trachea.
  const prevertebral = 4 + 7 * smoothstep(lm.c4Bottom, lm.c6Bottom, t);
  const airwayBack = -lm.c2Depth - 1 - prevertebral;
  const airwayHalf = 7 + 2 * Math.sin(t / 23);
  const airX = roundProfile(xl, 10);
  if (airX > 0 && t > fm - 30) {
    const sd = Math.abs(s - (airwayBack - airwayHalf)) - airwayHalf * airX;
    v = mix(v, Tissue.air, coverage(sd, pixelMm));
  }
  // Skull base: the clivus slopes up and forward from the front of the foramen magnum.
  if (t < fm + 4) {
    const clivusS = -4 - (fm - t) * 0.55;
    const sd = Math.abs(s - clivusS) - 4.5;
    v = mix(v, mix(Tissue.cortex, 230 * (1 + 0.12 * texture), smoothstep(0.2, 1, -sd)), coverage(sd, pixelMm) * smoothstep(fm + 4, fm, t));
  }
  return v;
}

function thoracicFront(ctx: SliceShading, t: number, s: number, xl: number, texture: number): number {
  const pixelMm = ctx.pixelMm;
  const ax = Math.abs(xl);
  const mid = { depth: ctx.landmarks.midDepth, halfWidth: ctx.landmarks.midHalfWidth };
  let v: number = Tissue.mediastinum * (1 + 0.1 * texture);
  // Lungs: beside the spine and in front of it away from the midline.
  const lungEdge = mid.halfWidth + 4 - Math.max(0, -s - mid.depth) * 0.25;
  v = mix(v, Tissue.lung, smoothstep(lungEdge - 1, lungEdge + 1, ax) * smoothstep(10, 4, s));
  // Heart, low and far in front, its edge blurred by motion.
  const heartX = roundProfile(xl - 8, 60);
  if (heartX > 0) {
    const hd = sdEllipse(s - (-mid.depth - 95), t - ctx.heightMm * 0.8, 60 * heartX, 75 * heartX);
    v = mix(v, Tissue.heart * (1 + 0.15 * texture), smoothstep(4, -4, hd));
  }
  // Oesophagus in the midline, in front of the bodies.
  const oes = roundProfile(xl + 2, 9);
  if (oes > 0) v = mix(v, 360, coverage(Math.abs(s - (-mid.depth - 6)) - 4 * oes, pixelMm));
  return vesselsAndBlobs(ctx, t, s, xl, v);
}

function lumbarFront(ctx: SliceShading, t: number, s: number, xl: number, texture: number): number {
  const ax = Math.abs(xl);
  let v: number = Tissue.abdomen * (1 + 0.12 * texture);
  // Psoas: beside the lumbar bodies, thickening downwards.
  const lm = ctx.landmarks;
  if (t > lm.l1Top - 10) {
    const grow = clamp01((t - lm.l1Top) / (lm.l5Bottom - lm.l1Top));
    const inner = lm.l1HalfWidth - 6;
    const outer = lm.l1HalfWidth + 6 + 16 * grow;
    const depth = lm.l1Depth * (0.6 + 0.6 * grow);
    const w = smoothstep(inner - 1, inner + 1, ax) * smoothstep(outer + 1, outer - 1, ax) * smoothstep(lm.l1Top - 10, lm.l1Top + 10, t);
    if (w > 0) v = mix(v, Tissue.muscle * (1 + 0.1 * texture), w * smoothstep(-depth - 1, -depth + 1, s));
  }
  return vesselsAndBlobs(ctx, t, s, xl, v);
}

/** Soft-tissue signal at spine-frame point (t, s) of the current slice (`ti`: tIndex of t), before the spine is painted over it; `texture` (-1..1) varies it. */
export function shadeSoftTissue(ctx: SliceShading, ti: number, t: number, s: number, texture: number): number {
  const anatomy = ctx.anatomy;
  const pixelMm = ctx.pixelMm;
  const skin = ctx.skinAtT[ti];
  if (s > skin + pixelMm) return Tissue.air;
  if (s > skin - 1.5) return mix(Tissue.skin, Tissue.air, coverage(skin - s, pixelMm));
  if (s > skin - anatomy.fat) return Tissue.fat * (1 + 0.15 * texture);
  const xl = ctx.xlAtT[ti];
  if (s > 0) {
    let v = Tissue.muscle * (1 + 0.15 * texture);
    if (anatomy.segment === 'cervical' && t < anatomy.foramenMagnum + 2) {
      // Occipital bone curving up and back behind the cerebellum.
      const fm = anatomy.foramenMagnum;
      const inner = ctx.sPost + 8 + (fm - t) * 1.0;
      if (s < inner) v = Tissue.brain * (1 + 0.06 * texture);
      const sd = Math.abs(s - (inner + 3)) - 3;
      v = mix(v, mix(Tissue.cortex, 250, smoothstep(0.2, 1, -sd)), coverage(sd, pixelMm) * smoothstep(fm + 2, fm - 2, t));
    }
    if (anatomy.segment === 'thoracic') {
      // Lungs reach behind the rib heads, lateral to the paraspinal muscles.
      const hw = ctx.landmarks.midHalfWidth;
      v = mix(v, Tissue.lung, smoothstep(hw + 20, hw + 24, Math.abs(xl)) * smoothstep(14, 8, s));
    }
    return v;
  }
  if (anatomy.segment === 'cervical') return cervicalFront(ctx, t, s, xl, texture);
  if (anatomy.segment === 'thoracic') return thoracicFront(ctx, t, s, xl, texture);
  return lumbarFront(ctx, t, s, xl, texture);
}
