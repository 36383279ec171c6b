/** The outcome of one call as every host returns it. */
export type Outcome =
  | { ok: true; result: unknown }
  | { ok: false; error: { code: string; message: string; details?: unknown } };

/** How the client reaches the core: Electron's preload bridge or the Node host's WebSocket. */
export interface Transport {
  readonly kind: 'electron' | 'web';
  invoke(method: string, params: unknown): Promise<Outcome>;
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
  /** Connection state for the status bar (always 'open' in Electron). */
  onStatus?(listener: (status: 'connecting' | 'open' | 'closed') => void): () => void;
}
