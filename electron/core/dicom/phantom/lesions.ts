/**
 * Bone marrow edema lesions of the phantom: bright, irregular blobs in the marrow at vertebral
 * corners (the typical inflammatory corner lesion of axial spondyloarthritis) or along an
 * endplate, each on 1 to 3 consecutive slices. Positions are in the spine frame (anatomy-types.ts).
 */
import type { SegmentAnatomy, VertebraLevel } from './anatomy-types';
import type { Rng } from './prng';
import { lateralProfile } from './shape-math';

export type LesionSite =
  | 'anterior-superior corner'
  | 'anterior-inferior corner'
  | 'posterior-superior corner'
  | 'posterior-inferior corner'
  | 'superior endplate'
  | 'inferior endplate';

/** A lesion as planned for a series, before it is cut by each slice. */
export interface PlannedLesion {
  /** 1-based, unique within its series. */
  id: number;
  levelIndex: number;
  site: LesionSite;
  /** Radii (mm) along s and t on the lesion's central slice. */
  radiusS: number;
  radiusT: number;
  /** Peak signal at the centre. */
  peak: number;
  /** Boundary irregularity: amplitude and phase of the 1st to 3rd angular harmonics. */
  harmonics: [number, number, number, number, number, number];
  /** 0-based slice indexes (consecutive) and the size factor on each (1 on the central slice). */
  slices: { index: number; scale: number }[];
}

/** A lesion on one slice: centre and radii in the spine frame, mm. */
export interface SliceLesion {
  id: number;
  levelIndex: number;
  ct: number;
  cs: number;
  rt: number;
  rs: number;
  peak: number;
  harmonics: PlannedLesion['harmonics'];
}

const SITES: [LesionSite, number][] = [
  ['anterior-superior corner', 0.3],
  ['anterior-inferior corner', 0.27],
  ['posterior-superior corner', 0.08],
  ['posterior-inferior corner', 0.07],
  ['superior endplate', 0.14],
  ['inferior endplate', 0.14],
];

function pickSite(rng: Rng): LesionSite {
  let r = rng.next();
  for (const [site, p] of SITES) {
    if (r < p) return site;
    r -= p;
  }
  return SITES[0][0];
}

/** Lateral position (mm, patient left positive) of the midline at t. */
export function midlineAt(anatomy: SegmentAnatomy, t: number): number {
  const m = anatomy.midline;
  return m.offset + m.scoliosis * Math.sin((2 * Math.PI * t) / m.period + m.phase);
}

/**
 * Plans `count` lesions in eligible levels of the series. `sliceX[i]` is the lateral position of
 * slice i (mm, patient left positive, relative to the series centre). Returns fewer when no slice
 * cuts an eligible body well enough.
 */
export function planLesions(anatomy: SegmentAnatomy, rng: Rng, count: number, sliceX: readonly number[]): PlannedLesion[] {
  const eligible = anatomy.levels.map((l, i) => ({ l, i })).filter(({ l }) => l.lesionEligible);
  const lesions: PlannedLesion[] = [];
  const used = new Set<string>();
  for (let attempt = 0; attempt < count * 6 && lesions.length < count && eligible.length > 0; attempt++) {
    const { l, i: levelIndex } = rng.pick(eligible);
    const site = pickSite(rng);
    const key = `${levelIndex}/${site}`;
    if (used.has(key)) continue;
    const mid = midlineAt(anatomy, (l.top + l.bottom) / 2);
    const central = sliceX.map((x, i) => ({ i, off: Math.abs(x - mid) })).filter((c) => c.off < 0.55 * l.halfWidth);
    if (central.length === 0) continue;
    const centre = rng.pick(central).i;
    const span = rng.pick([1, 2, 2, 3, 3]);
    const candidates = span === 1 ? [centre] : span === 2 ? [centre, centre + (rng.chance(0.5) ? 1 : -1)] : [centre - 1, centre, centre + 1];
    const slices = candidates
      .filter((i) => i >= 0 && i < sliceX.length && Math.abs(sliceX[i] - mid) < 0.85 * l.halfWidth)
      .sort((a, b) => a - b)
      .map((index) => ({ index, scale: index === centre ? 1 : rng.uniform(0.7, 0.88) }));
    used.add(key);
    const depthScale = Math.max(0.75, Math.min(1.2, l.depth / 28));
    const heightScale = Math.max(0.75, Math.min(1.2, (l.bottom - l.top) / 22));
    const endplate = site.endsWith('endplate');
    const h = () => rng.uniform(-Math.PI, Math.PI);
    lesions.push({
      id: lesions.length + 1,
      levelIndex,
      site,
      radiusS: (endplate ? rng.uniform(7, 12) : rng.uniform(6, 9.5)) * depthScale,
      radiusT: (endplate ? rng.uniform(4.5, 7) : rng.uniform(5.5, 8.5)) * heightScale,
      peak: rng.uniform(900, 1300),
      harmonics: [rng.uniform(0, 0.16), h(), rng.uniform(0, 0.12), h(), rng.uniform(0, 0.08), h()],
      slices,
    });
  }
  return lesions;
}

/** Where a planned lesion sits on slice `sliceIndex` at lateral position `xSlice`, or null when not on it. */
export function placeLesionOnSlice(anatomy: SegmentAnatomy, lesion: PlannedLesion, sliceIndex: number, xSlice: number): SliceLesion | null {
  const onSlice = lesion.slices.find((s) => s.index === sliceIndex);
  if (!onSlice) return null;
  const level: VertebraLevel = anatomy.levels[lesion.levelIndex];
  const xl = xSlice - midlineAt(anatomy, (level.top + level.bottom) / 2);
  const halfDepth = (level.depth / 2) * lateralProfile(xl, level.halfWidth);
  const rs = lesion.radiusS * onSlice.scale;
  const rt = lesion.radiusT * onSlice.scale;
  const sAnterior = -level.depth / 2 - halfDepth;
  const sPosterior = -level.depth / 2 + halfDepth;
  // Centres sit a little inside the corner or endplate so that most of the blob is marrow.
  let cs: number;
  let ct: number;
  switch (lesion.site) {
    case 'anterior-superior corner': cs = sAnterior + 0.5 * rs; ct = level.top + 0.5 * rt; break;
    case 'anterior-inferior corner': cs = sAnterior + 0.5 * rs; ct = level.bottom - 0.5 * rt; break;
    case 'posterior-superior corner': cs = sPosterior - 0.5 * rs; ct = level.top + 0.5 * rt; break;
    case 'posterior-inferior corner': cs = sPosterior - 0.5 * rs; ct = level.bottom - 0.5 * rt; break;
    case 'superior endplate': cs = -level.depth / 2 + (lesion.harmonics[1] / Math.PI) * 0.25 * halfDepth; ct = level.top + level.endplateConcavity + 0.3 * rt; break;
    case 'inferior endplate': cs = -level.depth / 2 + (lesion.harmonics[1] / Math.PI) * 0.25 * halfDepth; ct = level.bottom - level.endplateConcavity - 0.3 * rt; break;
  }
  return { id: lesion.id, levelIndex: lesion.levelIndex, ct, cs, rt, rs, peak: lesion.peak, harmonics: lesion.harmonics };
}

/** Lesion weight (0..1) of a lesion at spine-frame point (t, s): 1 in its core, fading to 0 at its irregular edge. */
export function lesionWeight(lesion: SliceLesion, t: number, s: number): number {
  const dt = (t - lesion.ct) / lesion.rt;
  const ds = (s - lesion.cs) / lesion.rs;
  const rho0 = Math.sqrt(dt * dt + ds * ds);
  if (rho0 > 1.5) return 0;
  const theta = Math.atan2(dt, ds);
  const h = lesion.harmonics;
  const edge = 1 + h[0] * Math.cos(theta + h[1]) + h[2] * Math.cos(2 * theta + h[3]) + h[4] * Math.cos(3 * theta + h[5]);
  const rho = rho0 / edge;
  if (rho >= 1) return 0;
  if (rho <= 0.55) return 1;
  const w = (1 - rho) / 0.45;
  return w * w * (3 - 2 * w);
}
