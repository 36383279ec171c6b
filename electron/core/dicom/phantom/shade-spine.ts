/**
 * Signal of the spine itself at one point of the spine frame (anatomy-types.ts): vertebral bodies
 * with cortex and lesions, discs, dural sac with cord or cauda equina, pedicles, laminae, facet
 * pillars, spinous processes, ribs. Each shape is painted over the value beneath it with its
 * partial-volume coverage, so edges are smooth at any pixel size.
 */
import type { VertebraLevel } from './anatomy-types';
import { lesionWeight } from './lesions';
import { coverage, mix, sdEllipse, sdRoundBox, smoothstep } from './shape-math';
import type { LevelOnSlice, SliceShading } from './shading-context';
import { Tissue } from './tissue';

/** Cortex-to-marrow blend of a bone at signed distance sd, painted over `under`. */
function bone(ctx: SliceShading, sd: number, marrow: number, texture: number, under: number): number {
  const a = coverage(sd, ctx.pixelMm);
  if (a <= 0) return under;
  return mix(under, mix(Tissue.cortex, marrow * (1 + 0.14 * texture), smoothstep(0.2, 1.0, -sd)), a);
}

function shadeBody(ctx: SliceShading, on: LevelOnSlice, t: number, s: number, texture: number, under: number): number {
  const level = on.level;
  const f = on.body;
  if (f < 0.05) return under;
  const halfDepth = (level.depth / 2) * f;
  const sRel = s + level.depth / 2;
  if (sRel < -halfDepth - 2 || sRel > halfDepth + 2) return under;
  const q = sRel / halfDepth;
  const dip = level.endplateConcavity * (1 - Math.min(1, q * q));
  const halfHeight = ((level.bottom - level.top) / 2) * (0.9 + 0.1 * f);
  const tRel = t - (level.top + level.bottom) / 2;
  // Concave endplates: the box edge moves inwards at the centre of the endplate only.
  const sd = sdRoundBox(sRel, tRel, halfDepth, halfHeight - dip, Math.min(2.5, halfDepth * 0.4));
  const a = coverage(sd, ctx.pixelMm);
  if (a <= 0) return under;
  const inner = smoothstep(0.2, 1.1, -sd); // 0 in the cortex, 1 in the marrow
  let value = mix(Tissue.cortex, level.marrow * (1 + 0.14 * texture), inner);
  // Basivertebral vein: a small bright notch in the middle of the posterior wall.
  if (on.ax < 3) {
    const vein = coverage(sdEllipse(sRel - halfDepth + 2, tRel, 3.2, 2), ctx.pixelMm) * (1 - on.ax / 3);
    value = mix(value, Tissue.basivertebralVein, vein * inner);
  }
  if (inner > 0) {
    for (const lesion of on.lesions) {
      const w = lesionWeight(lesion, t, s);
      if (w <= 0) continue;
      const marrowW = w * inner * a;
      if (marrowW > ctx.lesionWeight) {
        ctx.lesionWeight = marrowW;
        ctx.lesionId = lesion.id;
      }
      value = mix(value, lesion.peak * (1 + 0.08 * texture), w * inner);
    }
  }
  return mix(under, value, a);
}

function shadeDisc(ctx: SliceShading, upper: LevelOnSlice, lower: VertebraLevel, t: number, s: number, under: number): number {
  const f = upper.discBelow;
  if (f < 0.05) return under;
  const top = upper.level;
  const depth = (top.depth + lower.depth) / 2;
  const halfDepth = (depth / 2) * f * 1.03;
  const sRel = s + depth / 2;
  const td = (top.bottom + lower.top) / 2;
  const halfHeight = (lower.top - top.bottom) / 2 + (top.endplateConcavity + lower.endplateConcavity) / 2;
  const sd = sdRoundBox(sRel, t - td, halfDepth, halfHeight, Math.min(halfHeight, halfDepth) * 0.8);
  const a = coverage(sd, ctx.pixelMm);
  if (a <= 0) return under;
  const qs = sRel / (halfDepth * 0.8);
  const qt = (t - td) / (halfHeight * 0.9);
  let nucleus = 1 - smoothstep(0.5, 1.0, Math.sqrt(qs * qs + qt * qt));
  // Intranuclear cleft: a thin dark line across the middle of adult nuclei.
  const cleft = (t - td) / 0.7;
  nucleus *= 1 - 0.4 * Math.exp(-cleft * cleft);
  return mix(under, mix(Tissue.annulus, top.discNucleus, nucleus), a);
}

function shadeCanal(ctx: SliceShading, ti: number, t: number, s: number, xl: number, under: number): number {
  const half = ctx.sacHalfAtT[ti];
  if (half <= 0) return under;
  const centre = ctx.sacCentreAtT[ti];
  const a = coverage(Math.abs(s - centre) - half, ctx.pixelMm);
  if (a <= 0) return under;
  let value: number = Tissue.csf;
  const cordHalf = ctx.cordHalfAtT[ti];
  const canal = ctx.anatomy.canal;
  if (cordHalf > 0) {
    value = mix(value, Tissue.cord, coverage(Math.abs(s - (1 + canal.ap / 2)) - cordHalf, ctx.pixelMm));
  } else if (t > canal.cordEnd && Math.abs(xl) < canal.halfWidth * 0.6) {
    // Cauda equina: roots lie in the dependent (posterior) part of the sac of a supine patient.
    // Drawn as one soft band: single roots are finer than the acquisition grid and would alias.
    const d = (s - (centre + half - 3)) / 1.6;
    value = mix(value, Tissue.nerveRoot, 0.3 * Math.exp(-d * d));
  }
  return mix(under, value, a);
}

/** Pedicle, facet pillar, lamina and spinous process of one level (a bony plate for the sacrum). */
function shadePosterior(ctx: SliceShading, on: LevelOnSlice, t: number, s: number, texture: number, under: number): number {
  if (t < on.postTMin || t > on.postTMax || s > on.postSMax) return under;
  const level = on.level;
  const sPost = ctx.sPost;
  const height = level.bottom - level.top;
  let v = under;
  if (level.kind === 'sacral') {
    if (on.lamina > 0.05) v = bone(ctx, sdRoundBox(s - (sPost + 5), t - (level.top + level.bottom) / 2, 5, height / 2 + 1.5, 2), level.marrow, texture, v);
    return v;
  }
  if (on.pedicle > 0.05) {
    const sd = sdRoundBox(s - sPost / 2, t - (level.top + 0.3 * height), (sPost / 2 + 2) * Math.min(1, on.pedicle * 1.3), 0.25 * height * on.pedicle + 0.5, 2.5);
    v = bone(ctx, sd, level.marrow, texture, v);
  }
  if (on.pillar > 0.05) {
    const sd = sdRoundBox(s - (sPost + 6), t - (level.top + 0.75 * height), 6.5 * on.pillar, 0.45 * height + 2, 3);
    v = bone(ctx, sd, level.marrow, texture, v);
    if (sd < 0) {
      const joint = (t - (level.bottom + 2 + (s - sPost) * 0.5)) / 0.6;
      v = mix(v, Tissue.facetFluid, 0.7 * Math.exp(-joint * joint) * on.pillar);
    }
  }
  if (on.transverse > 0.05) {
    v = bone(ctx, sdEllipse(s - (sPost * 0.5 + 3), t - (level.top + 0.4 * height), 5 * on.transverse, 4.5 * on.transverse), level.marrow, texture, v);
  }
  if (on.lamina > 0.05) {
    const tc = level.top + 0.7 * height + (s - sPost) * level.spinousSlope * 0.5;
    v = bone(ctx, sdRoundBox(s - (sPost + 3.5), t - tc, 3 * on.lamina, 0.3 * height, 1.5), level.marrow, texture, v);
  }
  // Spinous process: a bar from the lamina backwards, tilted down by its slope, thinning to the tip.
  if (level.spinousLength > 0 && on.ax < 4.5) {
    const s0 = sPost + 4;
    const along = (s - s0) / level.spinousLength;
    if (along > -0.2 && along < 1.2) {
      const tc = level.top + 0.7 * height + (s - s0) * level.spinousSlope;
      const half = (level.spinousThickness / 2) * (1 - 0.35 * Math.max(0, Math.min(1, along)));
      const sd = Math.max(Math.abs(t - tc) - half, -(s - s0), s - s0 - level.spinousLength, on.ax - 3.5);
      v = bone(ctx, sd, level.marrow, texture, v);
    }
  }
  return v;
}

/** Thoracic ribs: heads and necks beside the bodies, at each level's upper endplate. */
function shadeRib(ctx: SliceShading, on: LevelOnSlice, t: number, s: number, texture: number, under: number): number {
  const lateral = on.ax - on.level.halfWidth;
  if (lateral < -3 || lateral > 40) return under;
  const sc = -on.level.depth * 0.25 + Math.max(0, lateral) * 1.1;
  return bone(ctx, sdEllipse(s - sc, t - (on.level.top + 1), 5.5, 5), on.level.marrow, texture, under);
}

/** C2's dens rising above its body, C1's anterior arch in front of it and posterior arch behind the sac. */
function shadeAtlasAndDens(ctx: SliceShading, on: LevelOnSlice, t: number, s: number, xl: number, texture: number, under: number): number {
  const c2 = on.level;
  let v = under;
  const ax = Math.abs(xl);
  const f = ax < 6 ? Math.cbrt(1 - (ax / 6) ** 3) : 0;
  if (f > 0.05) {
    const densTop = c2.top - 15;
    const sd = sdRoundBox(s - (-c2.depth / 2 + 1), t - (densTop + c2.top + 2) / 2, 5 * f, (c2.top + 2 - densTop) / 2, 4 * f);
    v = bone(ctx, sd, c2.marrow, texture, v);
  }
  const archHalfWidth = ctx.anatomy.canal.halfWidth + 10;
  if (ax < archHalfWidth) {
    const arches = Math.cbrt(1 - (ax / archHalfWidth) ** 3);
    const archT = c2.top - 9;
    const ant = sdEllipse(s - (-c2.depth - 1.5), t - archT, 3.6 * arches, 5.5);
    const post = sdEllipse(s - (ctx.anatomy.canal.ap + 7), t - archT, 4.5 * arches, 4.5);
    v = bone(ctx, Math.min(ant, post), c2.marrow, texture, v);
  }
  return v;
}

/** Paints the spine over `under` (the soft-tissue background) at spine-frame point (t, s) of the current slice (`ti`: tIndex of t); `texture` (-1..1) varies the marrow. */
export function shadeSpine(ctx: SliceShading, ti: number, t: number, s: number, texture: number, under: number): number {
  if (s > ctx.spineSMax || s < ctx.spineSMin) return under;
  const xl = ctx.xlAtT[ti];
  const ax = Math.abs(xl);
  const k = ctx.levelAtT[ti];
  const levels = ctx.levels;
  const on = levels[k];
  const level = on.level;
  const canal = ctx.anatomy.canal;
  const sPost = ctx.sPost;
  let v = under;
  // Epidural fat and ligamentum flavum behind the sac; foraminal fat and the exiting root beside it.
  if (s > sPost - 1 && s < sPost + 7 && ax < canal.halfWidth + 4) v = mix(v, Tissue.ligament, 0.8);
  if (s > -1 && s < sPost && ax > canal.halfWidth - 2 && ax < canal.halfWidth + 10) {
    v = Tissue.epiduralFat;
    const root = sdEllipse(s - sPost * 0.45, t - (level.top + 0.62 * (level.bottom - level.top)), 3, 2.6);
    v = mix(v, Tissue.nerveRoot, coverage(root, ctx.pixelMm));
  }
  v = shadeCanal(ctx, ti, t, s, xl, v);
  if (s > -4) {
    for (let j = Math.max(0, k - 2); j <= k + 1 && j < levels.length; j++) v = shadePosterior(ctx, levels[j], t, s, texture, v);
  }
  if (on.hasRibs) v = shadeRib(ctx, on, t, s, texture, v);
  if (s < 3) {
    if (k > 0 && t < level.top + level.endplateConcavity + 2) v = shadeDisc(ctx, levels[k - 1], level, t, s, v);
    if (k + 1 < levels.length && t > level.bottom - level.endplateConcavity - 2) v = shadeDisc(ctx, on, levels[k + 1].level, t, s, v);
    v = shadeBody(ctx, on, t, s, texture, v);
  }
  // Everything above C2's body belongs to C2's zone (the first level of the cervical series).
  if (level.kind === 'axis' && t < level.top + 3) v = shadeAtlasAndDens(ctx, on, t, s, xl, texture, v);
  return v;
}

/**
 * The id of the lesion whose weight inside the marrow of level `levelIndex` reaches `threshold`
 * at (t, s) of the current slice, or 0. Used on the displayed grid to make the truth mask.
 */
export function lesionWeightAt(ctx: SliceShading, levelIndex: number, t: number, s: number, threshold: number): number {
  const on = ctx.levels[levelIndex];
  if (on.lesions.length === 0) return 0;
  ctx.lesionWeight = 0;
  ctx.lesionId = 0;
  shadeBody(ctx, on, t, s, 0, 0);
  return ctx.lesionWeight >= threshold ? ctx.lesionId : 0;
}
