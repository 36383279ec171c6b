import type { AgreementReport, KappaFigures } from '../../../../shared/model/agreement';
import { SEGMENTS, SLOT_WORDS } from './format';

/**
 * The dashboard's figures as one CSV table (RFC 4180, comma-separated, CRLF line ends), one row
 * per figure set; `kind` says which: kappa (per pair, level and spinal segment), fleiss,
 * overlap (per pair), series_dice, slice_dice, progress. Numbers are unrounded, so a
 * spreadsheet recomputes exactly what the dashboard shows.
 */
export const AGREEMENT_CSV_COLUMNS = [
  'kind', 'pair', 'level', 'segment', 'patient', 'series_id', 'slice', 'n',
  'both_present', 'first_only', 'second_only', 'both_absent',
  'observed_agreement', 'expected_agreement', 'kappa', 'standard_error', 'ci95_lower', 'ci95_upper', 'pabak', 'strength',
  'dice', 'iou', 'mean_dice', 'median_dice', 'mean_iou', 'note',
] as const;

type Column = (typeof AGREEMENT_CSV_COLUMNS)[number];
type Row = Partial<Record<Column, string | number | null>>;

export function agreementCsv(report: AgreementReport): string {
  const rows: Row[] = [];
  const rule = `series positive when its reader marked BME on at least ${report.segmentMinSlices} slice(s)`;
  rows.push({
    kind: 'progress',
    n: report.progress.slicesBothRead,
    note: `${report.progress.seriesBothComplete} of ${report.progress.seriesAssigned} series read by both primary readers; computed ${report.computedAt}; ${rule}`,
  });
  for (const p of report.pairs) {
    const pair = `${SLOT_WORDS[p.slotA]} vs ${SLOT_WORDS[p.slotB]}`;
    rows.push(kappaRow(pair, 'slice', 'all', p.slice));
    rows.push(kappaRow(pair, 'segment', 'all', p.segment, rule));
    for (const s of SEGMENTS) {
      const by = p.bySegment[s];
      if (!by) continue;
      rows.push(kappaRow(pair, 'slice', s, by.slice));
      rows.push(kappaRow(pair, 'segment', s, by.segment, rule));
    }
    rows.push({ kind: 'overlap', pair, n: p.overlap.slices, mean_dice: p.overlap.meanDice, median_dice: p.overlap.medianDice, mean_iou: p.overlap.meanIoU, note: 'slices where both readers drew a ROI' });
  }
  const f = report.fleiss;
  rows.push({ kind: 'fleiss', level: 'slice', n: f.subjects, kappa: f.kappa, strength: f.strength, note: f.undefinedReason ?? `${f.raters} raters` });
  for (const s of report.seriesOverlaps) {
    rows.push({ kind: 'series_dice', pair: 'Reader 1 vs Reader 2', segment: s.segment, patient: s.patient, series_id: s.seriesId, n: s.slices, mean_dice: s.meanDice });
  }
  for (const s of report.sliceOverlaps) {
    rows.push({ kind: 'slice_dice', pair: 'Reader 1 vs Reader 2', segment: s.segment, patient: s.patient, series_id: s.seriesId, slice: s.sliceIndex + 1, dice: s.dice, iou: s.iou });
  }
  const lines = [AGREEMENT_CSV_COLUMNS.join(','), ...rows.map((r) => AGREEMENT_CSV_COLUMNS.map((c) => csvCell(r[c])).join(','))];
  return lines.join('\r\n') + '\r\n';
}

function kappaRow(pair: string, level: 'slice' | 'segment', segment: string, k: KappaFigures, note?: string): Row {
  return {
    kind: 'kappa', pair, level, segment, n: k.n,
    both_present: k.confusion.tp, first_only: k.confusion.fn, second_only: k.confusion.fp, both_absent: k.confusion.tn,
    observed_agreement: k.observedAgreement, expected_agreement: k.expectedAgreement, kappa: k.kappa, standard_error: k.standardError,
    ci95_lower: k.ci95?.lower ?? null, ci95_upper: k.ci95?.upper ?? null, pabak: k.pabak, strength: k.strength,
    note: k.undefinedReason ?? note ?? null,
  };
}

/** One CSV field: empty for null, quoted when it holds a comma, quote or line break. */
export function csvCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Saves text as a file through a Blob link (the browser's download; Electron's save dialog). */
export function downloadText(text: string, fileName: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke after the click has been handled, not before the download starts.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
