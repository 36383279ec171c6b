import type { Outcome, Transport } from './transport';

/** What electron/preload exposes as window.host. */
export interface ElectronBridge {
  kind: 'electron';
  invoke(method: string, params: unknown): Promise<Outcome>;
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    host?: ElectronBridge;
  }
}

export function electronTransport(bridge: ElectronBridge): Transport {
  return { kind: 'electron', invoke: (m, p) => bridge.invoke(m, p), onEvent: (l) => bridge.onEvent(l) };
}
