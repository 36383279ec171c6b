import { createHostClient, type HostClient } from '../../../shared/contracts/client';
import { electronTransport, type ElectronBridge } from '../../../shared/contracts/transports/electron';
import { webSocketTransport } from '../../../shared/contracts/transports/websocket';

declare global {
  interface Window {
    host?: ElectronBridge;
  }
}

const SESSION_KEY = 'bme.session';

/** The tab's session id: survives reloads of the tab (sessionStorage), not shared with other tabs. */
function sessionId(): string {
  let id = sessionStorage.getItem(SESSION_KEY);
  if (!id) {
    const bytes = crypto.getRandomValues(new Uint8Array(18));
    id = btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    sessionStorage.setItem(SESSION_KEY, id);
  }
  return id;
}

/** The Node host's socket beside the page that served this tab, as this tab's session. */
function hostSocketUrl(): string {
  const url = new URL('/ws', location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('session', sessionId());
  return url.toString();
}

/** Electron's bridge when the preload put one there, otherwise the Node host's WebSocket (reconnecting). */
export function connectToHost(): HostClient {
  return createHostClient(window.host ? electronTransport(window.host) : webSocketTransport({ url: hostSocketUrl, WebSocket }));
}
