/**
 * Builds the anatomy of one spinal segment for one patient: vertebral levels with typical adult
 * sizes (mm) scaled per patient, the dural sac and cord, soft tissue, vessels and bowel.
 * Sizes follow textbook adult means; they only need to look right, not to be a reference.
 */
import type { SegmentAnatomy, SpineSegment, VertebraLevel } from './anatomy-types';
import type { Rng } from './prng';

/** [name, body height, body depth, body half width, disc below height, spinous length, spinous slope] in mm. */
type LevelSpec = [string, number, number, number, number, number, number];

const CERVICAL: LevelSpec[] = [
  ['C2', 22, 16, 10, 5, 22, 0.15],
  ['C3', 13.5, 15.5, 11, 5, 15, 0.2],
  ['C4', 13.5, 15.5, 11.5, 5.5, 16, 0.25],
  ['C5', 13.5, 16, 12, 5.5, 17, 0.3],
  ['C6', 14, 16.5, 12.5, 5.5, 19, 0.35],
  ['C7', 15, 17, 13, 5, 28, 0.45],
  ['T1', 16, 17.5, 13, 4, 30, 0.6],
  ['T2', 17, 18, 13.5, 4, 30, 0.8],
  ['T3', 18, 19, 14, 4, 30, 0.9],
  ['T4', 18.5, 20, 14.5, 4, 30, 1.0],
];

const THORACIC: LevelSpec[] = [
  ['C5', 13.5, 16, 12, 5.5, 17, 0.3],
  ['C6', 14, 16.5, 12.5, 5.5, 19, 0.35],
  ['C7', 15, 17, 13, 5, 28, 0.45],
  ['T1', 16, 17.5, 13, 3.8, 30, 0.6],
  ['T2', 17, 18.5, 13.5, 3.8, 32, 0.8],
  ['T3', 17.5, 19.5, 14, 4, 33, 1.0],
  ['T4', 18, 20.5, 14.5, 4, 34, 1.2],
  ['T5', 18.5, 21.5, 15, 4.2, 34, 1.3],
  ['T6', 19, 22.5, 15.5, 4.4, 34, 1.3],
  ['T7', 19.5, 23.5, 16, 4.6, 34, 1.3],
  ['T8', 20, 24.5, 16.5, 5, 33, 1.2],
  ['T9', 21, 25.5, 17, 5.4, 32, 1.0],
  ['T10', 22, 27, 18, 5.8, 31, 0.8],
  ['T11', 23, 28, 19, 6.2, 30, 0.5],
  ['T12', 24, 29, 20, 7, 30, 0.3],
  ['L1', 26, 31, 22, 8.5, 30, 0.15],
];

const LUMBAR: LevelSpec[] = [
  ['T9', 21, 25.5, 17, 5.4, 32, 1.0],
  ['T10', 22, 27, 18, 5.8, 31, 0.8],
  ['T11', 23, 28, 19, 6.2, 30, 0.5],
  ['T12', 24, 29, 20, 7, 30, 0.3],
  ['L1', 26, 31, 22, 8.5, 30, 0.15],
  ['L2', 27, 33, 23, 9.5, 31, 0.1],
  ['L3', 28, 34, 24, 10.5, 32, 0.05],
  ['L4', 28, 35, 25, 11, 30, 0.05],
  ['L5', 27, 35, 25, 9.5, 24, 0.1],
  ['S1', 25, 33, 24, 2.5, 12, 0],
  ['S2', 20, 25, 20, 1.8, 8, 0],
  ['S3', 15, 18, 16, 1.5, 0, 0],
  ['S4', 12, 13, 12, 1.2, 0, 0],
];

/** Per segment: its level table, the level whose top sits at `anchorT` (mm below the top row), the sac and soft tissue. */
const SEGMENT_SPECS: Record<SpineSegment, {
  levels: LevelSpec[]; anchor: string; anchorT: [number, number];
  canalAp: number; canalHalfWidth: number; cordAp: number; cordHalfWidth: number;
  skin: [number, number]; fat: [number, number];
}> = {
  cervical: { levels: CERVICAL, anchor: 'C2', anchorT: [42, 54], canalAp: 14, canalHalfWidth: 12, cordAp: 8, cordHalfWidth: 6.5, skin: [58, 68], fat: [5, 10] },
  thoracic: { levels: THORACIC, anchor: 'T1', anchorT: [12, 30], canalAp: 12.5, canalHalfWidth: 9, cordAp: 7, cordHalfWidth: 5, skin: [48, 60], fat: [7, 16] },
  lumbar: { levels: LUMBAR, anchor: 'L1', anchorT: [14, 26], canalAp: 16, canalHalfWidth: 11, cordAp: 7, cordHalfWidth: 5, skin: [66, 80], fat: [10, 24] },
};

/** Lays the levels of `segment` out along t for an image `heightMm` tall. */
export function buildSegmentAnatomy(segment: SpineSegment, rng: Rng, heightMm: number, patientSize: number): SegmentAnatomy {
  const spec = SEGMENT_SPECS[segment];
  const levels: VertebraLevel[] = [];
  const anchorIndex = spec.levels.findIndex((l) => l[0] === spec.anchor);
  // Start far enough above the anchor that the first levels fill the top of the image.
  let t = rng.uniform(spec.anchorT[0], spec.anchorT[1]);
  const heights = spec.levels.map((l) => l[1] * patientSize * rng.uniform(0.95, 1.05));
  const discs = spec.levels.map((l) => l[4] * patientSize * rng.uniform(0.85, 1.15));
  for (let i = anchorIndex - 1; i >= 0; i--) t -= heights[i] + discs[i];
  for (let i = 0; i < spec.levels.length; i++) {
    const [name, , depth, halfWidth, , spinousLength, spinousSlope] = spec.levels[i];
    const top = t;
    const bottom = t + heights[i];
    const sacral = name.startsWith('S');
    const degenerated = rng.chance(sacral ? 1 : 0.18);
    levels.push({
      name,
      top,
      bottom,
      depth: depth * patientSize * rng.uniform(0.95, 1.05),
      halfWidth: halfWidth * patientSize,
      endplateConcavity: sacral ? 0.4 : rng.uniform(0.8, 1.6),
      marrow: rng.uniform(220, 300),
      discNucleus: degenerated ? rng.uniform(380, 520) : rng.uniform(900, 1150),
      spinousLength: spinousLength * patientSize,
      spinousSlope,
      spinousThickness: (segment === 'lumbar' ? 12 : 8) * patientSize,
      // Lesions only in the segment's own vertebrae, so a series' truth is about its segment.
      lesionEligible: name[0] === segment[0].toUpperCase() && name !== 'C2' && top > 4 && bottom < heightMm - 4,
      kind: name === 'C2' ? 'axis' : sacral ? 'sacral' : 'ordinary',
    });
    t = bottom + discs[i];
  }
  const byName = (n: string) => levels.find((l) => l.name === n);
  const l1 = byName('L1');
  const s2 = byName('S2');
  const c2 = byName('C2');
  const cordEnd = l1 ? (l1.top + l1.bottom) / 2 + rng.uniform(-6, 10) : Infinity;
  return {
    segment,
    levels,
    canal: {
      ap: spec.canalAp * patientSize * rng.uniform(0.92, 1.08),
      halfWidth: spec.canalHalfWidth * patientSize,
      cordAp: spec.cordAp,
      cordHalfWidth: spec.cordHalfWidth,
      cordEnd,
      sacEnd: s2 ? s2.top + 4 : Infinity,
    },
    skin: rng.uniform(spec.skin[0], spec.skin[1]),
    fat: rng.uniform(spec.fat[0], spec.fat[1]),
    neckFront: c2 ? -(c2.depth + rng.uniform(50, 62)) : -Infinity,
    foramenMagnum: c2 ? c2.top - rng.uniform(24, 28) : -Infinity,
    midline: { offset: rng.uniform(-3, 3), scoliosis: rng.chance(0.3) ? rng.uniform(1, 4) : 0, period: rng.uniform(300, 500), phase: rng.uniform(0, 2 * Math.PI) },
    vessels: vesselsFor(segment, rng, levels),
    blobs: segment === 'lumbar' ? bowelBlobs(rng, heightMm) : [],
  };
}

function vesselsFor(segment: SpineSegment, rng: Rng, levels: VertebraLevel[]): SegmentAnatomy['vessels'] {
  const mid = levels[Math.floor(levels.length / 2)];
  if (segment === 'thoracic') {
    // Descending aorta: left of the midline, against the front of the bodies.
    return [{ x: rng.uniform(14, 20), s: -mid.depth - 8, radius: rng.uniform(10, 13), signal: 50, tEnd: Infinity }];
  }
  if (segment === 'lumbar') {
    const l4 = levels.find((l) => l.name === 'L4');
    const bifurcation = l4 ? (l4.top + l4.bottom) / 2 : Infinity;
    return [
      { x: rng.uniform(6, 12), s: -mid.depth - 12, radius: rng.uniform(8, 10.5), signal: 50, tEnd: bifurcation },
      { x: -rng.uniform(14, 20), s: -mid.depth - 14, radius: rng.uniform(9, 12), signal: 160, tEnd: bifurcation + 15 },
    ];
  }
  return [];
}

/** Bowel loops in front of the lumbar spine: fluid-filled (bright), collapsed (grey) or gas (black). */
function bowelBlobs(rng: Rng, heightMm: number): SegmentAnatomy['blobs'] {
  const blobs: SegmentAnatomy['blobs'] = [];
  const count = rng.int(24, 40);
  for (let i = 0; i < count; i++) {
    const kind = rng.next();
    blobs.push({
      t: rng.uniform(0, heightMm),
      s: -rng.uniform(48, 120),
      x: rng.uniform(-40, 40),
      rt: rng.uniform(6, 16),
      rs: rng.uniform(5, 12),
      rx: rng.uniform(6, 14),
      signal: kind < 0.35 ? rng.uniform(900, 1300) : kind < 0.55 ? rng.uniform(10, 40) : rng.uniform(380, 560),
    });
  }
  return blobs;
}
