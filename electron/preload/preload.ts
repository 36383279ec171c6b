import { contextBridge, ipcRenderer } from 'electron';

// Kept in step with electron/main/security.ts (IPC_INVOKE, IPC_EVENT); a sandboxed preload cannot
// import project modules at run time, so the bundle inlines nothing but these two names.
const IPC_INVOKE = 'bme:invoke';
const IPC_EVENT = 'bme:event';

type Listener = (event: string, payload: unknown) => void;

/**
 * window.host: the only thing the renderer gets from Electron. Two functions, no Node, no
 * ipcRenderer: invoke a contract method, and listen to core events.
 */
contextBridge.exposeInMainWorld('host', {
  kind: 'electron',
  invoke: (method: string, params: unknown): Promise<unknown> => ipcRenderer.invoke(IPC_INVOKE, method, params),
  onEvent: (listener: Listener): (() => void) => {
    const handler = (_e: unknown, event: string, payload: unknown) => listener(event, payload);
    ipcRenderer.on(IPC_EVENT, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT, handler);
  },
});
