import type { EpochMetrics, ModelSummary } from '../../../../shared/model/training';

/** A figure with `digits` decimals, or an em dash when it has no value. */
export const fmt = (x: number | null | undefined, digits = 3): string => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(digits));

/** 75 -> '1 min 15 s', 3720 -> '1 h 02 min', 8 -> '8 s'. */
export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** The first 12 hex digits of a snapshot id: enough to tell snapshots apart on screen. */
export const shortId = (id: string): string => id.slice(0, 12);

export const dateTime = (iso: string | null): string => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—');

export const STATUS_WORDS: Record<ModelSummary['status'], string> = {
  queued: 'queued',
  training: 'training',
  done: 'done',
  cancelled: 'cancelled',
  failed: 'failed',
};

/** Colours of folds in charts and tables (the 11th fold reuses the first colour). */
export const FOLD_COLOURS = ['#4ea1ff', '#ff923c', '#4cd08a', '#ffe46e', '#c58cff', '#ff6b8b', '#5fd4d4', '#c2cf6a', '#ff9fd0', '#a7b4c2'];
export const foldColour = (fold: number): string => FOLD_COLOURS[fold % FOLD_COLOURS.length]!;

/** Mean and sample standard deviation (n - 1) of the values that exist; SD is null below two values. */
export function meanSd(values: (number | null)[]): { mean: number | null; sd: number | null; n: number } {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (xs.length === 0) return { mean: null, sd: null, n: 0 };
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  if (xs.length < 2) return { mean, sd: null, n: xs.length };
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
  return { mean, sd: Math.sqrt(variance), n: xs.length };
}

/** 'mean ± SD' with three decimals, or the mean alone with one fold. */
export function meanSdWords(values: (number | null)[], digits = 3): string {
  const { mean, sd } = meanSd(values);
  if (mean === null) return '—';
  return sd === null ? fmt(mean, digits) : `${fmt(mean, digits)} ± ${fmt(sd, digits)}`;
}

/** The folds a model trains (0-based): its chosen subset, or all folds of its dataset. */
export const foldsOf = (model: ModelSummary, datasetFolds: number | null): number[] =>
  model.hyperparameters.folds ?? Array.from({ length: datasetFolds ?? 1 + Math.max(0, ...model.epochs.map((e) => e.fold)) }, (_, k) => k);

/** The last finished epoch of each fold, by fold. */
export function lastEpochByFold(epochs: EpochMetrics[]): Map<number, EpochMetrics> {
  const out = new Map<number, EpochMetrics>();
  for (const e of epochs) {
    const known = out.get(e.fold);
    if (!known || e.epoch > known.epoch) out.set(e.fold, e);
  }
  return out;
}

/** A compact line of hyperparameters: 'f16 · 20 epochs · batch 8 · lr 0.001 · aug · pos 0.33'. */
export function hyperWords(h: ModelSummary['hyperparameters']): string {
  return [
    `${h.filters} filters`,
    `${h.epochs} epoch${h.epochs === 1 ? '' : 's'}`,
    `batch ${h.batchSize}`,
    `lr ${h.learningRate}`,
    h.augment ? 'augmented' : 'no augmentation',
    `positive share ${h.positiveShare}`,
    h.folds ? `folds ${h.folds.map((f) => f + 1).join(', ')}` : 'all folds',
    `engine ${h.engine}`,
    `seed ${h.seed}`,
  ].join(' · ');
}
