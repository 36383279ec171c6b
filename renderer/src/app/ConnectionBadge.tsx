import { useEffect, useState } from 'react';
import { useHost } from '../host/host-context';

/** Shows whether the core is reachable; in the browser a lost socket is said plainly. */
export function ConnectionBadge() {
  const host = useHost();
  const [status, setStatus] = useState<'connecting' | 'open' | 'closed'>('connecting');
  useEffect(() => host.onStatus(setStatus), [host]);
  const label = status === 'open' ? (host.kind === 'electron' ? 'Desktop' : 'Connected') : status === 'connecting' ? 'Connecting…' : 'Disconnected: retrying';
  return (
    <span className={`badge badge-${status}`} role="status" aria-label={`Connection: ${label}`}>
      {label}
    </span>
  );
}
