// The sandboxed preload: exposes window.gloss (the contract's methods plus the menu subscription)
// and nothing else. ipcRenderer itself never reaches the page.
//
// window.gloss is a DesktopBridge (see ./bridge): each method resolves to an Envelope, not to the
// bare value the contract's HostBridge names, and the renderer's client unwraps it.
import { contextBridge, ipcRenderer } from 'electron';
import { createDesktopBridge } from './bridge';

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
  }),
);
