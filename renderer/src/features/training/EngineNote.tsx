import { useEffect, useState } from 'react';
import type { HostApi } from '../../../../shared/contracts';
import type { EngineReport, Hyperparameters } from '../../../../shared/model/training';

type EngineChoice = Hyperparameters['engine'];

/** Words for engine names, for people who do not know tfjs' backends. */
export const ENGINE_WORDS: Record<string, string> = {
  auto: 'automatic (best that loads)',
  'tfjs-node-gpu': 'tfjs-node-gpu (CUDA GPU)',
  'tfjs-node': 'tfjs-node (native CPU)',
  wasm: 'wasm (WebAssembly CPU)',
  cpu: 'cpu (plain JavaScript, slowest)',
};

/** "Cannot find module '@tensorflow/tfjs-node'" -> 'not installed (optional package @tensorflow/tfjs-node)'. */
export function rejectionWords(reason: string): string {
  const missing = /Cannot find module '([^']+)'/.exec(reason);
  return missing ? `not installed (optional package ${missing[1]})` : reason;
}

const GPU_ENGINES = new Set(['tfjs-node-gpu']);
export const isGpuEngine = (name: string | undefined): boolean => !!name && GPU_ENGINES.has(name);

/**
 * The engine a choice would train on, asked of the core whenever the choice changes (the core's
 * training worker tries to load it). Null when `choice` is null: nothing to ask.
 */
export function useEngineReport(api: HostApi, choice: EngineChoice | null): EngineState {
  const [state, setState] = useState<{ choice: EngineChoice; report: EngineReport | null; error: string | null } | null>(null);
  useEffect(() => {
    if (choice === null) return;
    let live = true;
    api.training.engine({ engine: choice }).then(
      (report) => live && setState({ choice, report, error: null }),
      (e: Error) => live && setState({ choice, report: null, error: e.message }),
    );
    return () => {
      live = false;
    };
  }, [api, choice]);
  const current = choice !== null && state?.choice === choice ? state : null;
  return { report: current?.report ?? null, error: current?.error ?? null, checking: choice !== null && current === null };
}

export interface EngineState {
  report: EngineReport | null;
  error: string | null;
  checking: boolean;
}

/**
 * Which engine runs and why the better ones did not load: stated plainly, not as an alarm. `auto`
 * is what the machine offers (its rejected list explains the missing engines); `chosen` is the
 * report of an engine the coordinator forced, when they did. On a CPU engine it also says what that
 * means for the time a run takes.
 */
export function EngineNote({ auto, chosen, choice }: { auto: EngineState; chosen: EngineState | null; choice: EngineChoice }) {
  const active = chosen ?? auto;
  const rejected = auto.report?.rejected ?? [];
  if (active.checking) return <div className="engine-note muted" data-testid="engine-note">Checking which training engines load on this machine…</div>;
  if (active.error || !active.report) {
    return (
      <div className="engine-note engine-note-problem" data-testid="engine-note" role="status">
        {choice === 'auto' ? `The training engine could not be checked: ${active.error ?? 'no answer'}.` : `${active.error ?? `${choice} gave no answer`}. Choose another engine, or automatic.`}
      </div>
    );
  }
  const report = active.report;
  const gpu = isGpuEngine(report.name);
  return (
    <div className={`engine-note ${gpu ? 'engine-gpu' : 'engine-cpu'}`} data-testid="engine-note" role="status">
      <div className="engine-line">
        <span className="engine-dot" aria-hidden />
        <span>
          Trains on <strong data-testid="engine-name">{report.name}</strong>
          <span className="muted">
            {' '}
            · {report.workers} worker{report.workers === 1 ? '' : 's'} · inference {report.inference}
          </span>
        </span>
      </div>
      {rejected.length > 0 && (
        <>
          <p className="small muted engine-rejected-head">Faster engines that did not load on this machine:</p>
          <ul className="engine-rejected" aria-label="Engines that did not load">
            {rejected.map((r) => (
              <li key={r.name}>
                <span className="engine-rejected-name">{r.name}</span> <span className="muted" title={r.reason}>{rejectionWords(r.reason)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {!gpu && (
        <p className="small muted engine-advice">
          Training runs on the processor: a 10-fold run at 128 px with 16 filters takes hours here. Try settings on a small snapshot (64 px, 2 folds, few epochs) first.
        </p>
      )}
    </div>
  );
}
