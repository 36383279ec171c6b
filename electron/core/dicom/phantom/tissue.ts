/**
 * Signal of each tissue on a sagittal STIR image, in stored-value units (12 bits used) before the
 * bias field and noise. STIR nulls fat: marrow and subcutaneous fat are dark, water is bright
 * (CSF brightest, healthy discs bright, edema bright), flowing blood and air are black.
 */
export const Tissue = {
  air: 0,
  lung: 30,
  csf: 1500,
  cord: 620,
  brain: 560,
  annulus: 360,
  cortex: 70,
  ligament: 90,
  muscle: 290,
  fat: 140,
  epiduralFat: 150,
  skin: 420,
  nerveRoot: 560,
  facetFluid: 700,
  basivertebralVein: 560,
  mediastinum: 260,
  heart: 340,
  abdomen: 210,
  neck: 340,
} as const;
