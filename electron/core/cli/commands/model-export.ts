import { resolve } from 'node:path';
import { exportModel } from '../../evaluation/model-card';
import { intOption, jsonOption, requireString, type CliCommand } from '../command';
import { withStudy } from '../open-study-for-cli';

/** `bme model export --db FILE --model ID --out DIR`: a model's fold weights and its model card. */
export const modelExportCommand: CliCommand = {
  name: 'model export',
  summary: 'export a registered model: its fold weights (tfjs format) and a model card (data, split, metrics, date, versions)',
  options: {
    db: { type: 'string', description: 'the study file', valueName: 'FILE' },
    model: { type: 'string', description: 'the registered model id', valueName: 'ID' },
    out: { type: 'string', description: 'folder to write to', valueName: 'DIR' },
    ...jsonOption,
  },
  examples: ['bme model export --db spine.bmestudy --model 3 --out model-3/'],
  run(values, _p, io) {
    const modelId = intOption(values, 'model', 0, 1, 1e9);
    const out = resolve(requireString(values, 'out'));
    return withStudy(values, (study) => {
      const r = exportModel(study, modelId, out);
      if (values.json) io.json({ ok: true, out, ...r });
      else io.out(`Model ${modelId} exported to ${out}: ${r.files.join(', ')}`);
    });
  },
};
