import type { KappaFigures, PairAgreement } from '../../../../shared/model/agreement';
import { computeAgreement } from '../../agreement/compute-agreement';
import { adjudicationSettings } from '../../agreement/consensus-sync';
import { loadSeriesReads } from '../../agreement/load-reads';
import { jsonOption, type CliCommand } from '../command';
import { withStudy } from '../open-study-for-cli';

const f = (v: number | null, d = 3) => (v === null ? '—' : v.toFixed(d));

function kappaLine(name: string, k: KappaFigures): string {
  const ci = k.ci95 ? `[${f(k.ci95.lower)}, ${f(k.ci95.upper)}]` : '';
  const c = k.confusion;
  return `  ${name.padEnd(22)} n=${String(k.n).padStart(5)}  kappa ${f(k.kappa)} ${ci.padEnd(17)} ${(k.strength ?? k.undefinedReason ?? '').padEnd(15)} Po ${f(k.observedAgreement)}  PABAK ${f(k.pabak)}  [++ ${c.tp}, +- ${c.fn}, -+ ${c.fp}, -- ${c.tn}]`;
}

function pairBlock(p: PairAgreement, out: (l: string) => void): void {
  out(`${p.slotA} vs ${p.slotB}`);
  out(kappaLine('slice level', p.slice));
  out(kappaLine('segment level', p.segment));
  for (const [g, v] of Object.entries(p.bySegment)) {
    out(kappaLine(`${g} slices`, v.slice));
    out(kappaLine(`${g} segments`, v.segment));
  }
  out(`  mask overlap where both drew: ${p.overlap.slices} slices, mean Dice ${f(p.overlap.meanDice)}, median ${f(p.overlap.medianDice)}, mean IoU ${f(p.overlap.meanIoU)}`);
}

/** `bme agreement --db FILE`: the agreement dashboard's figures. */
export const agreementCommand: CliCommand = {
  name: 'agreement',
  summary: "inter-reader agreement: Cohen's kappa with 95% CI, PABAK, confusion matrices, Fleiss' kappa, Dice/IoU",
  options: { db: { type: 'string', description: 'the study file', valueName: 'FILE' }, ...jsonOption },
  examples: ['bme agreement --db spine.bmestudy', 'bme agreement --db spine.bmestudy --json > agreement.json'],
  run(values, _p, io) {
    return withStudy(values, (study) => {
      const report = computeAgreement(loadSeriesReads(study), adjudicationSettings(study).segmentMinSlices);
      if (values.json) return io.json(report);
      io.out(`Agreement (computed ${report.computedAt}); a series is positive when its reader marked BME on at least ${report.segmentMinSlices} slice(s).`);
      io.out(`Progress: ${report.progress.seriesBothComplete} of ${report.progress.seriesAssigned} series read completely by both readers; ${report.progress.slicesBothRead} slices read by both.`);
      for (const p of report.pairs) pairBlock(p, io.out);
      io.out(`Fleiss' kappa (all three readers): ${report.fleiss.kappa === null ? report.fleiss.undefinedReason : `${f(report.fleiss.kappa)} over ${report.fleiss.subjects} slices (${report.fleiss.strength})`}`);
    });
  },
};
