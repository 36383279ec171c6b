import type { Outcome } from '../outcome';
import type { Transport } from '../transport';

/** What electron/preload exposes as window.host: one invoke function and one event subscription. */
export interface ElectronBridge {
  kind: 'electron';
  invoke(method: string, params: unknown): Promise<Outcome>;
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
}

/** The transport over Electron's preload bridge (IPC; structured clone carries typed arrays as they are). */
export function electronTransport(bridge: ElectronBridge): Transport {
  return { kind: 'electron', invoke: (m, p) => bridge.invoke(m, p), onEvent: (l) => bridge.onEvent(l) };
}
