import { contract, type HostApi } from './index';
import type { EventName, EventPayload } from './events';
import { RemoteError } from './errors';
import type { ConnectionStatus, Transport, TransportKind } from './transport';

/** The one typed client of the contract: the renderer, the Node host's tests, benchmarks and CLI tools use it alike. */
export interface HostClient {
  /** `api.reading.saveSlice({ ... })` resolves to the method's result or rejects with a RemoteError. */
  readonly api: HostApi;
  readonly kind: TransportKind;
  /** Listens to one core event, typed by the event map; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Connection state; a late subscriber hears the current state at once. */
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
  /** Closes the transport (a no-op where there is nothing to close). */
  close(): Promise<void>;
}

/** A typed client over a transport: `client.api.study.create({ title })` resolves or throws RemoteError. */
export function createHostClient(transport: Transport): HostClient {
  const api = {} as Record<string, Record<string, (params?: unknown) => Promise<unknown>>>;
  for (const [service, methods] of Object.entries(contract)) {
    const calls: Record<string, (params?: unknown) => Promise<unknown>> = {};
    for (const name of Object.keys(methods)) {
      const method = `${service}.${name}`;
      calls[name] = async (params?: unknown) => {
        const outcome = await transport.invoke(method, params ?? {});
        if (!outcome.ok) throw new RemoteError(outcome.error.code, outcome.error.message, outcome.error.details, method);
        return outcome.result;
      };
    }
    api[service] = calls;
  }
  return {
    api: api as unknown as HostApi,
    kind: transport.kind,
    on: (event, listener) => transport.onEvent((e, payload) => e === event && listener(payload as never)),
    onStatus: (listener) => (transport.onStatus ? transport.onStatus(listener) : (listener('open'), () => undefined)),
    close: () => (transport.close ? transport.close() : Promise.resolve()),
  };
}
