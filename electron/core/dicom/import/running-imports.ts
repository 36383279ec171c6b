import type { ImportHandle } from './import-runner';

/**
 * The imports in progress on a core, by study file and run: the imaging service starts and
 * cancels them, and the core cancels every one when it closes, so each run's end (with what it
 * had imported) is recorded before the study's connection closes.
 */
export class RunningImports {
  private readonly handles = new Map<string, ImportHandle>();

  private key(file: string, runId: number): string {
    return `${file}#${runId}`;
  }

  add(file: string, handle: ImportHandle): void {
    const key = this.key(file, handle.runId);
    this.handles.set(key, handle);
    void handle.done.then(() => this.handles.delete(key));
  }

  get(file: string, runId: number): ImportHandle | undefined {
    return this.handles.get(this.key(file, runId));
  }

  /** Cancels every import (synchronously records each end); used when the core closes. */
  cancelAll(): void {
    for (const handle of [...this.handles.values()]) handle.cancel();
    this.handles.clear();
  }
}
