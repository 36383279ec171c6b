import type { SeriesIssue } from '../../../../shared/model/imaging';

export interface OrderableSlice {
  id: number;
  instanceNumber: number | null;
  /** ImagePositionPatient, mm (patient space). */
  ipp: [number, number, number] | null;
  /** ImageOrientationPatient: row cosines then column cosines. */
  iop: number[] | null;
}

export interface SeriesOrder {
  /** Slice ids in display order. */
  order: number[];
  /** Position of each slice (same order) along the slice normal, mm; null without geometry. */
  positions: (number | null)[];
  issues: SeriesIssue[];
}

const cross = (a: number[], b: number[]) => [a[1]! * b[2]! - a[2]! * b[1]!, a[2]! * b[0]! - a[0]! * b[2]!, a[0]! * b[1]! - a[1]! * b[0]!];
const dot = (a: number[], b: number[]) => a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;

/** Slice normal of an orientation: row x column direction cosines. */
export function sliceNormal(iop: number[]): [number, number, number] {
  const n = cross(iop.slice(0, 3), iop.slice(3, 6));
  const len = Math.hypot(n[0]!, n[1]!, n[2]!) || 1;
  return [n[0]! / len, n[1]! / len, n[2]! / len];
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : 0;
}

/**
 * Sorts the slices of a series by their position along the slice normal (ImagePositionPatient
 * projected on the normal of ImageOrientationPatient), falling back to InstanceNumber when any
 * slice lacks geometry, and reports gaps, duplicate positions and inconsistent orientation.
 */
export function orderSeries(slices: OrderableSlice[]): SeriesOrder {
  const issues: SeriesIssue[] = [];
  const reference = slices.find((s) => s.iop)?.iop ?? null;
  const withGeometry = reference !== null && slices.every((s) => s.ipp && s.iop);
  if (!withGeometry) {
    if (slices.length > 1) {
      issues.push({ kind: 'no_geometry', message: 'Some slices have no ImagePositionPatient/ImageOrientationPatient: sorted by InstanceNumber.' });
    }
    const order = [...slices].sort((a, b) => (a.instanceNumber ?? Infinity) - (b.instanceNumber ?? Infinity) || a.id - b.id);
    return { order: order.map((s) => s.id), positions: order.map(() => null), issues };
  }
  const off = slices.filter((s) => s.iop!.some((v, i) => Math.abs(v - reference[i]!) > 1e-3));
  if (off.length) {
    const numbers = off.map((s) => s.instanceNumber ?? '?').join(', ');
    issues.push({
      kind: 'inconsistent_orientation',
      message: `${off.length} slice(s) (instance ${numbers}) are oriented differently from the rest of the series.`,
    });
  }
  const normal = sliceNormal(reference);
  const placed = slices
    .map((s) => ({ s, pos: dot(s.ipp!, normal) }))
    .sort((a, b) => a.pos - b.pos || (a.s.instanceNumber ?? 0) - (b.s.instanceNumber ?? 0) || a.s.id - b.s.id);
  const steps = placed.slice(1).map((p, i) => p.pos - placed[i]!.pos);
  const dupes = steps.map((d, i) => (Math.abs(d) < 0.01 ? i : -1)).filter((i) => i >= 0);
  if (dupes.length) {
    const at = dupes.map((i) => `${placed[i]!.pos.toFixed(2)} mm`).join(', ');
    issues.push({ kind: 'duplicate_position', message: `${dupes.length} pair(s) of slices share a position (at ${at}).` });
  }
  const typical = median(steps.filter((d) => Math.abs(d) >= 0.01));
  if (typical > 0) {
    const gaps = steps.map((d, i) => (d > typical * 1.5 ? i : -1)).filter((i) => i >= 0);
    for (const i of gaps) {
      issues.push({
        kind: 'gap',
        message: `Gap of ${steps[i]!.toFixed(2)} mm between slices ${i + 1} and ${i + 2} (usual spacing ${typical.toFixed(2)} mm): a slice may be missing.`,
      });
    }
  }
  return { order: placed.map((p) => p.s.id), positions: placed.map((p) => p.pos), issues };
}
