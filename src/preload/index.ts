/**
 * Runs sandboxed beside the renderer. It exposes exactly one thing: `window.api`, one function per
 * contract method, each a single invoke on one channel. No ipcRenderer, no Node, nothing else.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { API_METHODS, IPC_CHANNEL } from '../shared/api/methods';

const api = Object.fromEntries(API_METHODS.map((method) => [method, (input: unknown) => ipcRenderer.invoke(IPC_CHANNEL, method, input)]));

contextBridge.exposeInMainWorld('api', api);
