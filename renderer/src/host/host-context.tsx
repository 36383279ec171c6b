import { createContext, useContext } from 'react';
import type { HostClient } from '../../../shared/contracts/client';

export const HostContext = createContext<HostClient | null>(null);

/** The host client of the app; every screen talks to the core through it. */
export function useHost(): HostClient {
  const host = useContext(HostContext);
  if (!host) throw new Error('useHost() outside <HostContext.Provider>');
  return host;
}
