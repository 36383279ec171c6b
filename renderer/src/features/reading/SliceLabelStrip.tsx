import type { SliceLabel } from '../../editor/reading';

const WORDS: Record<SliceLabel, string> = { unread: 'unread', present: 'BME present', absent: 'BME absent' };

/**
 * Every slice of the series as one cell coloured by the reader's label (unread / present /
 * absent), the current one outlined: the series at a glance, and a quick way to jump. Slices
 * with a model suggestion (`suggested`, 0-based) carry a cyan mark.
 */
export function SliceLabelStrip({ labels, current, onPick, suggested = [] }: { labels: readonly SliceLabel[]; current: number; onPick: (index: number) => void; suggested?: readonly number[] }) {
  const marked = new Set(suggested);
  return (
    <div className="slice-strip" role="group" aria-label="Slices">
      {labels.map((label, i) => (
        <button type="button"
          key={i}
          className={`slice-cell label-${label}${i === current ? ' current' : ''}${marked.has(i) ? ' has-suggestion' : ''}`}
          data-label={label}
          data-suggestion={marked.has(i) ? 'true' : undefined}
          aria-label={`Slice ${i + 1}: ${WORDS[label]}${marked.has(i) ? ' · model suggestion' : ''}`}
          aria-current={i === current ? 'true' : undefined}
          title={`Slice ${i + 1}: ${WORDS[label]}${marked.has(i) ? ' · model suggestion' : ''}`}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => onPick(i)}
        >
          {i + 1}
        </button>
      ))}
      <span className="slice-strip-legend" aria-hidden="true">
        <i className="label-unread" /> unread <i className="label-present" /> present <i className="label-absent" /> absent
        {marked.size > 0 && (
          <>
            {' '}
            <i className="suggestion-mark" /> model suggestion
          </>
        )}
      </span>
    </div>
  );
}
