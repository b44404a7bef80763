import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { ipcChannels, preloadGlobalName, type PreloadBridge } from '../main/api/client';

// The page gets these functions and nothing else: never ipcRenderer itself, and
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
  notify: (notice) => ipcRenderer.send(ipcChannels.notify, notice),
  onNoticeClick(listener) {
    const forward = (_event: IpcRendererEvent, tag: unknown) => {
      if (typeof tag === 'string') listener(tag);
    };
    ipcRenderer.on(ipcChannels.noticeClick, forward);
    return () => {
      ipcRenderer.removeListener(ipcChannels.noticeClick, forward);
    };
  },
} satisfies PreloadBridge;

contextBridge.exposeInMainWorld(preloadGlobalName, bridge);
