/**
 * Runs sandboxed beside the renderer. It exposes exactly one thing: `window.api`, one function per
 * contract method (each a single invoke on one channel) and `subscribeChanges`, which relays the
 * main process's change announcements. No ipcRenderer, no Node, nothing else.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANGES_CHANNEL, type ChangeBatch } from '../shared/api/changes';
import { API_METHODS, IPC_CHANNEL } from '../shared/api/methods';

const api: Record<string, unknown> = Object.fromEntries(API_METHODS.map((method) => [method, (input: unknown) => ipcRenderer.invoke(IPC_CHANNEL, method, input)]));

api.subscribeChanges = (listener: (batch: ChangeBatch) => void): (() => void) => {
  // The event object stays here: the page gets the batch and nothing that reaches back into IPC.
  const relay = (_event: IpcRendererEvent, batch: ChangeBatch) => listener(batch);
  ipcRenderer.on(CHANGES_CHANNEL, relay);
  return () => ipcRenderer.removeListener(CHANGES_CHANNEL, relay);
};

contextBridge.exposeInMainWorld('api', api);
