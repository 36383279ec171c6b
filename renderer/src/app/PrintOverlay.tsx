import { useEffect, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

/**
 * A report as a clean, light page over the app (and alone on paper: the print stylesheet hides the
 * app beneath), with Print and Close. Opens the browser's print dialog once, when it is laid out.
 */
export function PrintOverlay({ label, pageClassName, onClose, children }: { label: string; pageClassName?: string; onClose: () => void; children: ReactNode }) {
  const close = useRef(onClose);
  close.current = onClose;
  // Once per opening, however often the page underneath refreshes.
  useEffect(() => {
    // A moment for layout first: fonts, tables and SVG must settle before the print preview.
    const t = setTimeout(() => window.print(), 150);
    const key = (e: KeyboardEvent) => e.key === 'Escape' && close.current();
    window.addEventListener('keydown', key);
    return () => {
      clearTimeout(t);
      window.removeEventListener('keydown', key);
    };
  }, []);

  return createPortal(
    <div className="print-report" role="dialog" aria-label={label}>
      <div className="print-toolbar">
        <button type="button" className="primary" onClick={() => window.print()}>
          Print
        </button>
        <button type="button" onClick={onClose}>Close</button>
        <span className="muted small">Esc closes</span>
      </div>
      <article className={pageClassName ? `print-page ${pageClassName}` : 'print-page'}>{children}</article>
    </div>,
    document.body,
  );
}
