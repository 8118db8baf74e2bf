// The sandboxed preload: exposes window.gloss (the contract's methods plus the shell's menu, save and
// quit hooks) and nothing else. ipcRenderer itself never reaches the page. It also catches files dropped on the
// window and hands their paths to the main process, which opens them (see ./drop-files).
//
// window.gloss is a DesktopBridge (see ./bridge): each method resolves to an Envelope, not to the
// bare value the contract's HostBridge names, and the renderer's client unwraps it.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createDesktopBridge } from './bridge';
import { OPEN_FILES_CHANNEL, installFileDropHandler } from './drop-files';

contextBridge.exposeInMainWorld(
  'gloss',
  createDesktopBridge({
    invoke: (channel, input) => ipcRenderer.invoke(channel, input),
    on: (channel, listener) => {
      ipcRenderer.on(channel, listener);
    },
    removeListener: (channel, listener) => {
      ipcRenderer.removeListener(channel, listener);
    },
    send: (channel, ...args) => ipcRenderer.send(channel, ...args),
  }),
);

installFileDropHandler(
  window,
  (file) => webUtils.getPathForFile(file),
  (paths) => ipcRenderer.send(OPEN_FILES_CHANNEL, paths),
);
