import { createHostClient, type HostClient } from '../../../shared/contracts/client';
import { electronTransport, type ElectronBridge } from '../../../shared/contracts/transports/electron';
import { webSocketTransport } from '../../../shared/contracts/transports/websocket';

declare global {
  interface Window {
    host?: ElectronBridge;
  }
}

const SESSION_KEY = 'bme.session';

/**
 * The tab's session: the host issues its id in the first message of every connection; the tab
 * keeps it (sessionStorage: survives reloads, not shared with other tabs) and presents it when it
 * reconnects. An id the host does not know (restarted, session ended) gets a fresh one.
 */
const storedSessionId = (): string | null => sessionStorage.getItem(SESSION_KEY);

/** The Node host's socket beside the page that served this tab, resuming this tab's session. */
function hostSocketUrl(): string {
  const url = new URL('/ws', location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const known = storedSessionId();
  if (known) url.searchParams.set('session', known);
  return url.toString();
}

/** Electron's bridge when the preload put one there, otherwise the Node host's WebSocket (reconnecting). */
export function connectToHost(): HostClient {
  return createHostClient(
    window.host
      ? electronTransport(window.host)
      : webSocketTransport({ url: hostSocketUrl, WebSocket, onSession: (id) => sessionStorage.setItem(SESSION_KEY, id) }),
  );
}
