import type { Outcome } from './outcome';

/** Where a transport reaches the core: Electron's preload bridge, the Node host's WebSocket, or the core itself in this process. */
export type TransportKind = 'electron' | 'web' | 'in-process';

/** Whether the core is reachable right now (always 'open' for Electron and in-process). */
export type ConnectionStatus = 'connecting' | 'open' | 'closed';

/** How a client reaches the core. Untyped by design: the client puts the contract's types on top. */
export interface Transport {
  readonly kind: TransportKind;
  /** Calls `"service.method"` with its one parameter object; never rejects, a refusal is an outcome. */
  invoke(method: string, params: unknown): Promise<Outcome>;
  /** Listens to every core event this session receives; returns the unsubscribe function. */
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
  /** Connection state for the status bar; a transport without it is always open. */
  onStatus?(listener: (status: ConnectionStatus) => void): () => void;
  /** Releases the connection: no reconnecting, and calls afterwards fail as disconnected. */
  close?(): Promise<void>;
}
