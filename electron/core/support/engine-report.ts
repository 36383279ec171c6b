import type { EngineReport } from '../../../shared/model/training';
import { TrainingSupervisor } from '../training-job/training-supervisor';

/**
 * The engine report of a training worker started just for it (the CLI has no long-lived one):
 * which engine training would use on this machine and why better ones did not load.
 */
export async function engineReportOnce(): Promise<EngineReport> {
  const supervisor = new TrainingSupervisor({ progress: () => undefined, changed: () => undefined });
  try {
    return await supervisor.engineInfo('auto');
  } finally {
    await supervisor.shutdown();
  }
}
