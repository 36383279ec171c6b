import type { ModelSummary, TrainingProgress } from '../../../../shared/model/training';
import { duration } from './training-format';

/** A slim strip on the other training tabs while a run trains: where it is, and a way to watch it. */
export function RunBanner({ model, progress, onOpen }: { model: ModelSummary; progress: TrainingProgress | null; onOpen: () => void }) {
  return (
    <div className="run-banner" role="status" data-testid="run-banner">
      <span className="pulse-dot" aria-hidden />
      <span>
        <strong>
          #{model.id} {model.name}
        </strong>{' '}
        is training
        {progress && (
          <span className="muted">
            {' '}
            · fold {progress.fold + 1} · epoch {progress.epoch + 1}/{progress.epochs} · batch {progress.batch}/{progress.batches}
            {progress.remaining !== null && ` · about ${duration(progress.remaining)} left`}
          </span>
        )}
      </span>
      {progress && <progress max={progress.batches} value={progress.batch} aria-label="Current epoch of the running model" />}
      <span className="spacer" />
      <button type="button" onClick={onOpen}>Watch →</button>
    </div>
  );
}
