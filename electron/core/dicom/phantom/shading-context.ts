/**
 * Lookups the renderer computes once per series or once per slice, so that the per-pixel work is
 * only the shape tests: what each level looks like at this slice's lateral position, the midline
 * and the dural sac along t, and which vessels and bowel loops the slice can cut.
 */
import type { SegmentAnatomy, VertebraLevel } from './anatomy-types';
import { midlineAt, type SliceLesion } from './lesions';
import { clamp01, lateralProfile, roundProfile, smoothstep } from './shape-math';

/** Sampling of per-t lookups, mm. */
export const T_STEP = 0.5;

/** One vertebral level as cut by the current slice. */
export interface LevelOnSlice {
  level: VertebraLevel;
  index: number;
  /** |lateral offset| of the slice from the midline at the level's centre, mm. */
  ax: number;
  /** Fraction of the body's midline depth the slice cuts (0: misses it). */
  body: number;
  /** Same for the disc below (0 when there is none). */
  discBelow: number;
  pedicle: number;
  pillar: number;
  lamina: number;
  /** Thoracic vertebrae carry ribs. */
  hasRibs: boolean;
  /** Lumbar transverse process, reaching out sideways from the pedicle. */
  transverse: number;
  /** Lesions of this level on this slice. */
  lesions: SliceLesion[];
  /** Bounds of the posterior elements in t and s, to skip pixels they cannot reach. */
  postTMin: number;
  postTMax: number;
  postSMax: number;
}

/** Per-series: level lookup by t, posterior skin by t. */
export interface SeriesShading {
  anatomy: SegmentAnatomy;
  pixelMm: number;
  heightMm: number;
  tStart: number;
  /** Level index owning t (from the middle of the disc above to the middle of the disc below). */
  levelAtT: Int16Array;
  /** s of the posterior skin at t. */
  skinAtT: Float32Array;
  /** s of the back of the dural sac's bony canal (1.5 mm PLL and epidural space + sac AP). */
  sPost: number;
  /** Sizes the soft tissue is laid out by, looked up once. */
  landmarks: Landmarks;
}

/** Levels the soft tissue refers to (mm); NaN where the segment does not show them. */
export interface Landmarks {
  /** Depth and half width of the middle level of the series. */
  midDepth: number;
  midHalfWidth: number;
  /** Cervical: depth of C2; prevertebral tissue thickens from C4's to C6's lower endplate. */
  c2Depth: number;
  c4Bottom: number;
  c6Bottom: number;
  /** Lumbar: psoas from L1's top to L5's bottom, sized by L1. */
  l1Top: number;
  l5Bottom: number;
  l1HalfWidth: number;
  l1Depth: number;
}

function landmarksOf(anatomy: SegmentAnatomy): Landmarks {
  const byName = (n: string) => anatomy.levels.find((l) => l.name === n);
  const mid = anatomy.levels[Math.floor(anatomy.levels.length / 2)];
  return {
    midDepth: mid.depth,
    midHalfWidth: mid.halfWidth,
    c2Depth: byName('C2')?.depth ?? NaN,
    c4Bottom: byName('C4')?.bottom ?? NaN,
    c6Bottom: byName('C6')?.bottom ?? NaN,
    l1Top: byName('L1')?.top ?? NaN,
    l5Bottom: byName('L5')?.bottom ?? NaN,
    l1HalfWidth: byName('L1')?.halfWidth ?? NaN,
    l1Depth: byName('L1')?.depth ?? NaN,
  };
}

/** Per-slice: the series lookups plus what depends on the slice's lateral position. */
export interface SliceShading extends SeriesShading {
  levels: LevelOnSlice[];
  /** Lateral offset from the midline at t, mm, patient left positive. */
  xlAtT: Float32Array;
  /** Dural sac at t: centre and half AP extent on this slice; cord half AP extent (0: no cord). */
  sacCentreAtT: Float32Array;
  sacHalfAtT: Float32Array;
  cordHalfAtT: Float32Array;
  /** Range of s outside which no part of the spine (ribs included) can be. */
  spineSMin: number;
  spineSMax: number;
  vessels: SegmentAnatomy['vessels'];
  blobs: SegmentAnatomy['blobs'];
  /** Outputs for the current pixel: lesion weight inside marrow (0..1) and its lesion id (0: none). */
  lesionWeight: number;
  lesionId: number;
}

export function tIndex(ctx: SeriesShading, t: number): number {
  const i = Math.round((t - ctx.tStart) / T_STEP);
  return i < 0 ? 0 : i >= ctx.levelAtT.length ? ctx.levelAtT.length - 1 : i;
}

function posteriorSkin(anatomy: SegmentAnatomy, t: number): number {
  let skin = anatomy.skin + 2.5 * Math.sin(t / 45 + anatomy.midline.phase);
  // The back of the head bulges behind the neck.
  if (anatomy.segment === 'cervical') skin += 0.7 * Math.max(0, anatomy.foramenMagnum + 25 - t);
  return skin;
}

export function buildSeriesShading(anatomy: SegmentAnatomy, pixelMm: number, heightMm: number): SeriesShading {
  const tStart = -200;
  const n = Math.ceil((heightMm + 400) / T_STEP) + 1;
  const levelAtT = new Int16Array(n);
  const skinAtT = new Float32Array(n);
  const levels = anatomy.levels;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const t = tStart + i * T_STEP;
    while (k < levels.length - 1 && t > (levels[k].bottom + levels[k + 1].top) / 2) k++;
    levelAtT[i] = k;
    skinAtT[i] = posteriorSkin(anatomy, t);
  }
  return { anatomy, pixelMm, heightMm, tStart, levelAtT, skinAtT, sPost: 1.5 + anatomy.canal.ap, landmarks: landmarksOf(anatomy) };
}

function canalAp(anatomy: SegmentAnatomy, t: number): number {
  const c = anatomy.canal;
  let ap = c.ap;
  if (t > c.sacEnd - 30) ap *= clamp01(0.55 + (c.sacEnd - t) / 70);
  return ap;
}

/** Lookups for the slice at lateral position `xSlice` (mm, patient left positive) with its lesions. */
export function buildSliceShading(series: SeriesShading, xSlice: number, lesions: readonly SliceLesion[]): SliceShading {
  const anatomy = series.anatomy;
  const n = series.levelAtT.length;
  const xlAtT = new Float32Array(n);
  const sacCentreAtT = new Float32Array(n);
  const sacHalfAtT = new Float32Array(n);
  const cordHalfAtT = new Float32Array(n);
  const canal = anatomy.canal;
  const fm = anatomy.foramenMagnum;
  for (let i = 0; i < n; i++) {
    const t = series.tStart + i * T_STEP;
    const xl = xSlice - midlineAt(anatomy, t);
    xlAtT[i] = xl;
    const ap = canalAp(anatomy, t);
    sacCentreAtT[i] = 1.5 + ap / 2;
    sacHalfAtT[i] = ap < 1 ? 0 : (ap / 2) * roundProfile(xl, canal.halfWidth * (t < fm ? 1.4 : 1));
    if (t < canal.cordEnd) {
      const medulla = t < fm + 4 ? 1.45 : 1;
      const taper = Math.sqrt(clamp01((canal.cordEnd - t) / 20));
      cordHalfAtT[i] = (canal.cordAp / 2) * medulla * taper * roundProfile(xl, canal.cordHalfWidth * medulla);
    }
  }
  const sPost = series.sPost;
  const levels: LevelOnSlice[] = anatomy.levels.map((level, index) => {
    const xl = xSlice - midlineAt(anatomy, (level.top + level.bottom) / 2);
    const ax = Math.abs(xl);
    const next = anatomy.levels[index + 1];
    const height = level.bottom - level.top;
    return {
      level,
      index,
      ax,
      body: lateralProfile(xl, level.halfWidth),
      discBelow: next ? lateralProfile(xl, ((level.halfWidth + next.halfWidth) / 2) * 1.02) : 0,
      pedicle: lateralProfile(ax - (canal.halfWidth + 5), 4),
      pillar: lateralProfile(ax - (canal.halfWidth + 5), 7),
      lamina: lateralProfile(xl, canal.halfWidth + 5),
      hasRibs: /^T\d/.test(level.name),
      transverse: /^L\d$/.test(level.name) ? lateralProfile(ax - (canal.halfWidth + 22), 16) : 0,
      lesions: lesions.filter((l) => l.levelIndex === index),
      postTMin: level.top - 4,
      postTMax: level.bottom + 12 + level.spinousLength * level.spinousSlope + level.spinousThickness,
      postSMax: sPost + 6 + level.spinousLength,
    };
  });
  // Only the vessels and bowel loops this slice can cut.
  const xMid = xSlice - anatomy.midline.offset;
  const reach = anatomy.midline.scoliosis + 1;
  return {
    ...series,
    levels,
    xlAtT,
    sacCentreAtT,
    sacHalfAtT,
    cordHalfAtT,
    spineSMin: -Math.max(...anatomy.levels.map((l) => l.depth)) - 12,
    spineSMax: Math.max(sPost + 30, ...levels.map((l) => l.postSMax)) + 2,
    vessels: anatomy.vessels.filter((v) => Math.abs(xMid - v.x) < v.radius + reach),
    blobs: anatomy.blobs.filter((b) => Math.abs(xMid - b.x) < b.rx * 1.3 + reach),
    lesionWeight: 0,
    lesionId: 0,
  };
}
