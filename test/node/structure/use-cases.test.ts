import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../../support/source-files';

/** Use cases live in the core, once; the contract's services and the CLI are adapters over them. */
describe('use cases out of adapters', () => {
  it('registers models in one place: training.start, bme train and validate:phantom all call registerAndTrain', () => {
    const core = sourceFiles(['electron', 'bench']);
    const registering = core.filter((f) => /\bmodels\.insert\(/.test(f.text)).map((f) => f.path);
    expect(registering).toEqual(['electron/core/training-job/register-and-train.ts']);
    const callers = core.filter((f) => /\bregisterAndTrain\(/.test(f.text) && !f.path.endsWith('register-and-train.ts')).map((f) => f.path).sort();
    expect(callers).toEqual(['bench/validate-phantom.ts', 'electron/core/cli/commands/train.ts', 'electron/core/services/training-service.ts']);
  });
});
