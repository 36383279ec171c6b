import type { ReactNode } from 'react';

/** Line icons of the reader's tool bar, 20 x 20, drawn in the current text colour. */
function Icon({ children, title }: { children: ReactNode; title?: string }) {
  return (
    <svg className="icon-svg" viewBox="0 0 20 20" width="20" height="20" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" aria-hidden={title ? undefined : true}>
      {children}
    </svg>
  );
}

export const Icons = {
  brush: () => (
    <Icon>
      <path d="M14.5 2.8l2.7 2.7-7.6 7.6-2.7-2.7z" />
      <path d="M6.9 10.4c-2 0-3.2 1.3-3.2 3.1 0 1.4-.8 2.3-1.7 2.7 1 .9 2.6 1.3 4 1.1 2-.3 3.4-1.9 3.6-3.9" />
    </Icon>
  ),
  eraser: () => (
    <Icon>
      <path d="M8 16.5l-4.6-4.6a1.5 1.5 0 010-2.1l6.8-6.8a1.5 1.5 0 012.1 0l4.2 4.2a1.5 1.5 0 010 2.1L10 16.5z" />
      <path d="M6.4 7.6l6.6 6.6M8 16.5h9" />
    </Icon>
  ),
  lasso: () => (
    <Icon>
      <ellipse cx="10.5" cy="8" rx="7" ry="4.8" strokeDasharray="0" />
      <path d="M5.5 11.5c-1.2 1-1.4 2.6-.4 3.5.9.8 2.5.6 3.1-.6.5-1-.3-2-1.4-1.8" />
      <path d="M6.5 14.8c.2 1.3-.3 2.3-1.3 2.8" />
    </Icon>
  ),
  polygon: () => (
    <Icon>
      <path d="M4 14.5L6 4.5l9.5 2.5L16 15z" />
      <circle cx="4" cy="14.5" r="1.4" fill="currentColor" />
      <circle cx="6" cy="4.5" r="1.4" fill="currentColor" />
      <circle cx="15.5" cy="7" r="1.4" fill="currentColor" />
      <circle cx="16" cy="15" r="1.4" fill="currentColor" />
    </Icon>
  ),
  pan: () => (
    <Icon>
      <path d="M10 2.5v15M2.5 10h15" />
      <path d="M8 4.5l2-2 2 2M8 15.5l2 2 2-2M4.5 8l-2 2 2 2M15.5 8l2 2-2 2" />
    </Icon>
  ),
  fillHoles: () => (
    <Icon>
      <path d="M10 3c3.9 0 7 3.1 7 7s-3.1 7-7 7-7-3.1-7-7 3.1-7 7-7z" />
      <circle cx="10" cy="10" r="2.6" fill="currentColor" />
    </Icon>
  ),
  removeIslands: () => (
    <Icon>
      <path d="M9 4.5c3 0 5.5 2.3 5.5 5.3S12 15 9 15s-5.5-2.2-5.5-5.2S6 4.5 9 4.5z" />
      <circle cx="16.5" cy="4" r="1" />
      <circle cx="17" cy="15.5" r="1" />
      <path d="M15.2 2.7l2.6 2.6M17.8 2.7l-2.6 2.6" />
    </Icon>
  ),
  copyPrevious: () => (
    <Icon>
      <rect x="3" y="8.5" width="9" height="9" rx="1.5" />
      <path d="M7 8.5V4a1.5 1.5 0 011.5-1.5H16A1.5 1.5 0 0117.5 4v7.5A1.5 1.5 0 0116 13h-4" />
      <path d="M14.5 5.5l-2.5-2.5M12 3l-2.5 2.5" transform="translate(0 2)" />
    </Icon>
  ),
  copyNext: () => (
    <Icon>
      <rect x="3" y="2.5" width="9" height="9" rx="1.5" />
      <path d="M7 11.5V16a1.5 1.5 0 001.5 1.5H16a1.5 1.5 0 001.5-1.5V8.5A1.5 1.5 0 0016 7h-4" />
      <path d="M12 12.5l2.5 2.5 2.5-2.5" transform="translate(-2 -1)" />
    </Icon>
  ),
  undo: () => (
    <Icon>
      <path d="M7.5 5L3.5 9l4 4" />
      <path d="M3.5 9H12a4.5 4.5 0 010 9H9" />
    </Icon>
  ),
  redo: () => (
    <Icon>
      <path d="M12.5 5l4 4-4 4" />
      <path d="M16.5 9H8a4.5 4.5 0 000 9h3" />
    </Icon>
  ),
  fit: () => (
    <Icon>
      <path d="M3 7V3h4M13 3h4v4M17 13v4h-4M7 17H3v-4" />
      <rect x="7" y="7" width="6" height="6" rx="1" />
    </Icon>
  ),
  lock: () => (
    <Icon>
      <rect x="4" y="9" width="12" height="8.5" rx="1.5" />
      <path d="M6.5 9V6.5a3.5 3.5 0 017 0V9" />
    </Icon>
  ),
  keyboard: () => (
    <Icon>
      <rect x="2" y="5" width="16" height="10" rx="1.5" />
      <path d="M5 8h1M8 8h1M11 8h1M14 8h1M5 11h1M14 11h1M8 11h4" />
    </Icon>
  ),
};
