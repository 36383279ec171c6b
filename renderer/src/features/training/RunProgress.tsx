import type { ModelSummary, TrainingProgress } from '../../../../shared/model/training';
import { dateTime, duration, fmt } from './training-format';

/**
 * Where a run stands: for a training run the current fold, epoch and batch (the batch on a
 * progress bar, from 'training.progress'), the whole run on a second bar, the time spent and the
 * estimate of what remains, and Cancel; for a stopped run why it stopped, and Resume.
 */
export function RunProgress({ model, progress, folds, busy, onCancel, onResume }: {
  model: ModelSummary;
  progress: TrainingProgress | null;
  /** The folds this run trains (0-based). */
  folds: number[];
  busy: boolean;
  onCancel: () => void;
  onResume: () => void;
}) {
  const totalEpochs = folds.length * model.hyperparameters.epochs;
  const live = model.status === 'training' ? progress : null;
  // After the last batch the epoch validates, then its metrics arrive: count it once, not twice.
  const recorded = !!live && model.epochs.some((e) => e.fold === live.fold && e.epoch === live.epoch);
  const partial = live && !recorded ? live.batch / Math.max(1, live.batches) : 0;
  const phase = !live ? '' : recorded ? ' · epoch finished' : live.batch === live.batches ? ' · validating' : '';
  const runShare = totalEpochs ? Math.min(1, (model.epochs.length + partial) / totalEpochs) : 0;
  const trainedSeconds = model.epochs.reduce((a, e) => a + e.seconds, 0);

  return (
    <section className={`panel run-progress status-${model.status}`} aria-label="Run progress" data-testid="run-progress" data-status={model.status}>
      <div className="row">
        <span className={`model-status status-chip-${model.status}`} data-testid="model-status">
          {model.status}
        </span>
        {model.status === 'training' && (
          <span data-testid="run-position">
            {live ? (
              <>
                Fold <strong>{live.fold + 1}</strong> ({folds.indexOf(live.fold) + 1} of {live.folds}) · epoch <strong>{live.epoch + 1}</strong> of {live.epochs} · batch{' '}
                <strong>{live.batch}</strong> of {live.batches} · batch loss {fmt(live.loss)}
                <span className="muted">{phase}</span>
              </>
            ) : (
              <span className="muted">Starting the training worker and loading the engine…</span>
            )}
          </span>
        )}
        {model.status === 'done' && (
          <span>
            Finished {dateTime(model.finishedAt)} · {model.epochs.length} epochs in {duration(trainedSeconds)}
          </span>
        )}
        {(model.status === 'cancelled' || model.status === 'failed') && (
          <span>
            {model.status === 'failed' ? 'Stopped by an error' : 'Stopped'} {model.finishedAt ? dateTime(model.finishedAt) : ''} after {model.epochs.length} of {totalEpochs} epochs
          </span>
        )}
        {model.status === 'queued' && <span className="muted">Waiting to start.</span>}
        <span className="spacer" />
        {model.status === 'training' && (
          <button type="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        )}
        {(model.status === 'cancelled' || model.status === 'failed') && (
          <button type="button" className="primary" onClick={onResume} disabled={busy}>
            Resume from the last epoch
          </button>
        )}
      </div>
      {model.error && (
        <p className={`small run-error ${model.status === 'failed' ? 'failed' : ''}`} data-testid="model-error">
          {model.error}
        </p>
      )}
      {model.status === 'training' && (
        <div className="run-bars">
          <div className="run-bar">
            <span className="small muted">Current epoch</span>
            <progress aria-label="Current epoch" data-testid="batch-progress" max={live?.batches ?? 1} value={live?.batch ?? 0} />
            <span className="small num">{live ? `${live.batch}/${live.batches}` : '—'}</span>
          </div>
          <div className="run-bar">
            <span className="small muted">Whole run</span>
            <progress aria-label="Whole run" max={1} value={runShare} />
            <span className="small num">
              {model.epochs.length}/{totalEpochs} epochs
            </span>
          </div>
          <div className="run-times small" data-testid="run-times">
            <span>
              Elapsed <strong>{duration(live?.elapsed)}</strong>
            </span>
            <span>
              Remaining{' '}
              <strong>{live?.remaining === null || live === null ? (live ? 'estimated after the first epoch' : '—') : `about ${duration(live.remaining)}`}</strong>
            </span>
          </div>
        </div>
      )}
    </section>
  );
}
