/**
 * The phantom's anatomy, described in the SPINE FRAME of one sagittal series:
 * - t: millimetres along the spine, downwards (head to feet), 0 near the top row of the image;
 * - s: millimetres across the spine in the image plane, 0 on the posterior wall of the vertebral
 *   bodies, positive towards the back (posterior), negative towards the front (anterior);
 * - x: millimetres from the patient's midline across slices, positive towards the patient's left.
 * The spine frame follows the curved spine (lordosis, kyphosis), so a vertebra is an
 * axis-aligned box in (t, s) whatever its tilt in the image.
 */

/** The three spinal segments scanned as separate sagittal series. */
export type SpineSegment = 'cervical' | 'thoracic' | 'lumbar';

export const SPINE_SEGMENTS: readonly SpineSegment[] = ['cervical', 'thoracic', 'lumbar'];

/** One vertebra and the disc below it. Lengths in mm, signals in stored-value units before bias and noise. */
export interface VertebraLevel {
  /** 'C5', 'T7', 'L3', 'S1'. */
  name: string;
  /** t of the superior and inferior endplates at the body's centre. */
  top: number;
  bottom: number;
  /** Anterior-posterior depth of the body in the midline. */
  depth: number;
  /** Half of the body's left-right width. */
  halfWidth: number;
  /** How far the endplates dip into the body at its centre. */
  endplateConcavity: number;
  /** Fat-suppressed marrow signal of this body (dark on STIR). */
  marrow: number;
  /** Signal of the nucleus of the disc below (bright when healthy, dark when degenerated). */
  discNucleus: number;
  /** Spinous process: length from the lamina, and slope (mm down per mm back). 0 length: none. */
  spinousLength: number;
  spinousSlope: number;
  spinousThickness: number;
  /** Whether lesions may be placed here (a whole, ordinary body inside the image). */
  lesionEligible: boolean;
  /** C2 carries the dens, sacral bodies fuse, the sacrum has no spinous process of note. */
  kind: 'axis' | 'ordinary' | 'sacral';
}

/** Everything needed to render any slice of one series. */
export interface SegmentAnatomy {
  segment: SpineSegment;
  /** Top to bottom. The disc below levels[i] spans levels[i].bottom to levels[i + 1].top. */
  levels: VertebraLevel[];
  /** Dural sac: AP size, left-right half width; spinal cord size, and t where the cord ends. */
  canal: { ap: number; halfWidth: number; cordAp: number; cordHalfWidth: number; cordEnd: number; sacEnd: number };
  /** s of the posterior skin, and the subcutaneous fat thickness in front of it. */
  skin: number;
  fat: number;
  /** Cervical only: s of the anterior neck skin (negative), and t of the foramen magnum. */
  neckFront: number;
  foramenMagnum: number;
  /** Midline position across slices: x_mid(t) = offset + scoliosis * sin(2 pi t / period + phase). */
  midline: { offset: number; scoliosis: number; period: number; phase: number };
  /** Round vessels running along the spine (aorta, vena cava), in (x, s), as dark flow voids. */
  vessels: { x: number; s: number; radius: number; signal: number; tEnd: number }[];
  /** Abdominal contents (lumbar): ellipsoids in (t, s, x) with their signal. */
  blobs: { t: number; s: number; x: number; rt: number; rs: number; rx: number; signal: number }[];
}
