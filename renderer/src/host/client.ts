import { contract, type HostApi } from '../../../shared/contracts';
import type { EventName, EventPayload } from '../../../shared/contracts/events';
import { RemoteError } from '../../../shared/contracts/errors';
import { electronTransport } from './electron-transport';
import type { Transport } from './transport';
import { webSocketTransport } from './ws-transport';

export interface HostClient {
  api: HostApi;
  kind: Transport['kind'];
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  onStatus(listener: (s: 'connecting' | 'open' | 'closed') => void): () => void;
}

/** A typed client over a transport: `client.api.study.create({ title })` resolves or throws RemoteError. */
export function createHostClient(transport: Transport): HostClient {
  const api = {} as Record<string, Record<string, (p: unknown) => Promise<unknown>>>;
  for (const [service, methods] of Object.entries(contract)) {
    api[service] = {};
    for (const name of Object.keys(methods)) {
      api[service]![name] = async (params: unknown) => {
        const outcome = await transport.invoke(`${service}.${name}`, params ?? {});
        if (!outcome.ok) throw new RemoteError(outcome.error.code, outcome.error.message, outcome.error.details);
        return outcome.result;
      };
    }
  }
  return {
    api: api as unknown as HostApi,
    kind: transport.kind,
    on: (event, listener) => transport.onEvent((e, payload) => e === event && listener(payload as never)),
    onStatus: (listener) => (transport.onStatus ? transport.onStatus(listener) : (listener('open'), () => undefined)),
  };
}

/** Electron's bridge when the preload put one there, otherwise the Node host's WebSocket. */
export function connectToHost(): HostClient {
  return createHostClient(window.host ? electronTransport(window.host) : webSocketTransport());
}
