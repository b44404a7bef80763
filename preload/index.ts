import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { ipcChannels, preloadGlobalName, type PreloadBridge } from '../main/api/client';

// The page gets two functions and nothing else: never ipcRenderer itself, and
// never the IpcRendererEvent (its `sender` is ipcRenderer). Main validates every
// request, so this layer only carries them.
const bridge = {
  call: (request) => ipcRenderer.invoke(ipcChannels.call, request),
  onEvent(listener) {
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(ipcChannels.event, forward);
    return () => {
      ipcRenderer.removeListener(ipcChannels.event, forward);
    };
  },
} satisfies PreloadBridge;

contextBridge.exposeInMainWorld(preloadGlobalName, bridge);
