/**
 * The in-memory phantom: one synthetic patient with sagittal STIR series of the cervical,
 * thoracic and lumbar spine, lesions and their truth masks. Everything follows from (seed, index):
 * patient i of a cohort is the same whatever the cohort's size, and the same on every run.
 */
import { uidFromName } from '../write/uid';
import { SPINE_SEGMENTS, type SpineSegment } from './anatomy-types';
import { planLesions, type PlannedLesion } from './lesions';
import type { PhantomLesion, PhantomPatient, PhantomSeries, PhantomSlice } from './phantom-types';
import { Rng } from './prng';
import { renderSeries } from './render-series';
import { buildSegmentAnatomy } from './segment-anatomy';
import { buildSpineCurve } from './spine-frame';

/** Matrices (columns x rows) of a 150 x 250 mm field of view, as in the paper's protocol. */
const MATRICES: [number, number][] = [
  [192, 320],
  [208, 352],
  [224, 368],
];
const FOV_WIDTH_MM = 150;
const SLICE_THICKNESS_MM = 3.5;

const SEGMENT_DICOM: Record<SpineSegment, { description: string; bodyPart: string; seriesNumber: number; zCentre: number }> = {
  cervical: { description: 'SAG STIR C-SPINE', bodyPart: 'CSPINE', seriesNumber: 3, zCentre: -80 },
  thoracic: { description: 'SAG STIR T-SPINE', bodyPart: 'TSPINE', seriesNumber: 4, zCentre: -290 },
  lumbar: { description: 'SAG STIR L-SPINE', bodyPart: 'LSPINE', seriesNumber: 5, zCentre: -500 },
};

/** Chance that a lesion-bearing patient has lesions in a segment (thoracic and lumbar most often in axSpA). */
const SEGMENT_LESION_CHANCE: Record<SpineSegment, number> = { cervical: 0.35, thoracic: 0.7, lumbar: 0.6 };

/** Row direction anterior -> posterior (+y), column direction head -> feet (-z): the usual sagittal view. */
const ORIENTATION: [number, number, number, number, number, number] = [0, 1, 0, 0, 0, -1];
/** Slice normal = row x column = (-1, 0, 0): SliceLocation grows as slices step towards the patient's right. */
const NORMAL: [number, number, number] = [-1, 0, 0];

function round4(x: number): number {
  const r = Math.round(x * 10000) / 10000;
  return Object.is(r, -0) ? 0 : r;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function dateString(base: Date, plusDays: number): string {
  const d = new Date(base.getTime() + plusDays * 86_400_000);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1, 2)}${pad(d.getUTCDate(), 2)}`;
}

function timeString(secondsOfDay: number): string {
  return `${pad(Math.floor(secondsOfDay / 3600), 2)}${pad(Math.floor(secondsOfDay / 60) % 60, 2)}${pad(secondsOfDay % 60, 2)}`;
}

/**
 * Exactly one patient in each block of four (at position 0, 1 or 2, chosen by the seed) has no
 * lesion: 25% lesion-free, and even a cohort of three has one.
 */
export function isLesionFree(seed: number, index: number): boolean {
  const block = Math.floor(index / 4);
  return index % 4 === Rng.derive('bme-phantom', seed, 'lesion-free', block).int(0, 2);
}

/** The patient's PatientID, e.g. 'PH-S1-001' for seed 1, index 0. */
export function phantomPatientId(seed: number, index: number): string {
  return `PH-S${seed}-${pad(index + 1, 3)}`;
}

/** Synthesises patient `index` (0-based) of the cohort of `seed`. Pure: no files, no clock, no global state. */
export function synthesizePatient(seed: number, index: number): PhantomPatient {
  const uidBase = `bme-phantom/seed=${seed}/patient=${index}`;
  const rng = Rng.derive('bme-phantom', seed, 'patient', index);
  const number = pad(index + 1, 3);
  const sex = rng.chance(0.7) ? 'M' : 'F';
  const ageYears = rng.int(19, 62);
  const studyDayOffset = rng.int(0, 1460);
  const studyDate = dateString(new Date(Date.UTC(2019, 0, 7)), studyDayOffset);
  const birthDate = dateString(new Date(Date.UTC(2019 - ageYears - 1, 0, 7)), studyDayOffset + rng.int(1, 364));
  const studySeconds = rng.int(8 * 3600, 17 * 3600);
  const [columns, rows] = rng.pick(MATRICES);
  const pixelMm = round4(FOV_WIDTH_MM / columns);
  const patientSize = rng.uniform(0.92, 1.08);
  const gap = rng.pick([0, 0.35, 0.35, 0.7]);
  const lesionFree = isLesionFree(seed, index);
  const lesionSegments = new Set<SpineSegment>();
  if (!lesionFree) {
    for (const seg of SPINE_SEGMENTS) if (rng.chance(SEGMENT_LESION_CHANCE[seg])) lesionSegments.add(seg);
    if (lesionSegments.size === 0) lesionSegments.add(rng.chance(0.5) ? 'thoracic' : 'lumbar');
  }
  const tableShift = [rng.uniform(-4, 4), rng.uniform(-6, 6)];
  const series = SPINE_SEGMENTS.map((segment, segIndex) =>
    synthesizeSeries({
      seed, index, segment, uidBase, columns, rows, pixelMm, patientSize, gap, tableShift,
      lesionCount: lesionSegments.has(segment) ? 1 + Number(rng.chance(0.6)) + Number(rng.chance(0.35)) + Number(rng.chance(0.15)) : 0,
      seriesSeconds: studySeconds + 120 + segIndex * 240,
    }),
  );
  return {
    seed,
    index,
    patientId: phantomPatientId(seed, index),
    patientName: `PHANTOM^P${number}`,
    sex,
    birthDate,
    ageYears,
    studyInstanceUid: uidFromName(`${uidBase}/study`),
    studyId: `S${number}`,
    accessionNumber: `PHA${seed}${number}`.slice(0, 16),
    studyDate,
    studyTime: timeString(studySeconds),
    frameOfReferenceUid: uidFromName(`${uidBase}/frame-of-reference`),
    hasLesions: series.some((s) => s.lesions.length > 0),
    series,
  };
}

interface SeriesRequest {
  seed: number;
  index: number;
  segment: SpineSegment;
  uidBase: string;
  columns: number;
  rows: number;
  pixelMm: number;
  patientSize: number;
  gap: number;
  tableShift: number[];
  lesionCount: number;
  seriesSeconds: number;
}

function synthesizeSeries(req: SeriesRequest): PhantomSeries {
  const { segment, columns, rows, pixelMm } = req;
  const rng = Rng.derive('bme-phantom', req.seed, 'patient', req.index, segment);
  const widthMm = columns * pixelMm;
  const heightMm = rows * pixelMm;
  const anatomy = buildSegmentAnatomy(segment, rng, heightMm, req.patientSize);
  const curve = buildSpineCurve(anatomy, rng, widthMm, heightMm);
  const sliceCount = rng.int(17, 19);
  const spacing = round4(SLICE_THICKNESS_MM + req.gap);
  // Slice k sits (centre - k) spacings towards the patient's left: first slice leftmost.
  const sliceX = Array.from({ length: sliceCount }, (_, k) => ((sliceCount - 1) / 2 - k) * spacing);
  const planned: PlannedLesion[] = req.lesionCount > 0 ? planLesions(anatomy, rng, req.lesionCount, sliceX) : [];
  const rendered = renderSeries(anatomy, curve, { columns, rows, pixelMm, sliceX }, planned, rng);
  const dicom = SEGMENT_DICOM[segment];
  const seriesUid = uidFromName(`${req.uidBase}/series=${segment}`);
  const y0 = round4(-widthMm / 2 + req.tableShift[0]);
  const zTop = round4(dicom.zCentre + heightMm / 2 + req.tableShift[1]);
  const slices: PhantomSlice[] = rendered.map((r, k) => {
    const position: [number, number, number] = [round4(sliceX[k]), y0, zTop];
    return {
      instanceNumber: k + 1,
      sopInstanceUid: uidFromName(`${req.uidBase}/series=${segment}/instance=${k + 1}`),
      imagePositionPatient: position,
      sliceLocation: round4(position[0] * NORMAL[0] + position[1] * NORMAL[1] + position[2] * NORMAL[2]),
      pixels: r.pixels,
      mask: r.mask,
      lesions: [...r.lesionPixels].map(([id, pixels]) => ({ id, pixels })).sort((a, b) => a.id - b.id),
    };
  });
  const lesions: PhantomLesion[] = planned
    .map((p) => {
      const onSlices = slices.filter((s) => s.lesions.some((l) => l.id === p.id));
      return {
        id: p.id,
        vertebra: anatomy.levels[p.levelIndex].name,
        site: p.site,
        instanceNumbers: onSlices.map((s) => s.instanceNumber),
        pixelCount: onSlices.reduce((sum, s) => sum + (s.lesions.find((l) => l.id === p.id)?.pixels ?? 0), 0),
      };
    })
    .filter((l) => l.pixelCount > 0);
  return {
    segment,
    seriesNumber: dicom.seriesNumber,
    seriesInstanceUid: seriesUid,
    seriesDescription: dicom.description,
    bodyPartExamined: dicom.bodyPart,
    seriesTime: timeString(req.seriesSeconds),
    rows,
    columns,
    pixelSpacing: [pixelMm, pixelMm],
    sliceThickness: SLICE_THICKNESS_MM,
    spacingBetweenSlices: spacing,
    imageOrientationPatient: ORIENTATION,
    windowCenter: 700,
    windowWidth: 1500,
    slices,
    lesions,
  };
}
