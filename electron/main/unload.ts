/**
 * The question asked when a page's beforeunload guard holds a window open (the reader view has
 * saves pending or unsaved edits). Without a handler Electron just refuses to close the window,
 * silently; with this one the user chooses. 'Stay' is the default and what Escape picks: losing
 * edits takes a deliberate click.
 */
export function leaveOrStayDialog() {
  return {
    type: 'warning' as const,
    buttons: ['Leave', 'Stay'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
    title: 'Unsaved changes',
    message: 'This window has changes that are not saved yet.',
    detail: 'If you leave now, the edits that are still being saved or were not saved are lost. Stay to let them finish.',
  };
}

/** The user's answer (the index of the button clicked) as what to do with the page. */
export function unloadDecision(response: number): 'leave' | 'stay' {
  return response === 0 ? 'leave' : 'stay';
}
