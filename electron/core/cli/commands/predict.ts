import { resolve } from 'node:path';
import { decodeMask } from '../../../../shared/geometry/mask';
import { predictSeries } from '../../evaluation/predict-series';
import { encodeGreyPng } from '../../export/png-writer';
import { prepareOutputDir, writeOutputFile } from '../../export/safe-output';
import { TrainingSupervisor } from '../../training-job/training-supervisor';
import { CliError, intOption, jsonOption, requireString, type CliCommand } from '../command';
import { withStudy } from '../open-study-for-cli';

/** `bme predict --db FILE --model ID --series UID --out DIR`: pre-annotates a series. */
export const predictCommand: CliCommand = {
  name: 'predict',
  summary: "pre-annotate a series with a model: predicted masks as PNGs (255 = BME) and the study's suggestions",
  options: {
    db: { type: 'string', description: 'the study file', valueName: 'FILE' },
    model: { type: 'string', description: 'the registered model id', valueName: 'ID' },
    series: { type: 'string', description: 'SeriesInstanceUID of the series', valueName: 'UID' },
    out: { type: 'string', description: 'folder for the masks and predictions.json', valueName: 'DIR' },
    ...jsonOption,
  },
  examples: ['bme predict --db spine.bmestudy --model 3 --series 1.2.840.113619.2.1.1 --out preds/'],
  run(values, _p, io) {
    const modelId = intOption(values, 'model', 0, 1, 1e9);
    const uid = requireString(values, 'series');
    const out = resolve(requireString(values, 'out'));
    return withStudy(values, async (study) => {
      const seriesId = study.imaging.seriesIdByUid(uid);
      if (seriesId === null) throw new CliError(`there is no series ${uid} in this study (bme reads export lists the series UIDs)`);
      const supervisor = new TrainingSupervisor({ progress: () => undefined, changed: () => undefined });
      try {
        const p = await predictSeries(study, supervisor, modelId, seriesId, null);
        prepareOutputDir(out);
        for (const s of p.slices) {
          const px = s.mask ? decodeMask(s.mask).map((v) => (v ? 255 : 0)) : new Uint8Array(p.width * p.height);
          writeOutputFile(out, `slice${String(s.sliceIndex + 1).padStart(2, '0')}.png`, encodeGreyPng(px, p.width, p.height));
        }
        const summary = { modelId, seriesUid: uid, width: p.width, height: p.height, engine: p.engine, seconds: p.seconds, slices: p.slices.map((s) => ({ slice: s.sliceIndex + 1, maxProbability: s.maxProbability, positive: s.mask !== null })) };
        writeOutputFile(out, 'predictions.json', JSON.stringify(summary, null, 2));
        if (values.json) io.json(summary);
        else io.out(`Predicted ${p.slices.length} slices in ${p.seconds.toFixed(1)} s (${p.engine}): BME on ${p.slices.filter((s) => s.mask).length}. Masks and predictions.json in ${out}; stored as suggestions.`);
      } finally {
        await supervisor.shutdown();
      }
    });
  },
};
