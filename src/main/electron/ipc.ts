import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNEL } from '../../shared/api/methods';
import type { Handlers } from '../api';
import { dispatch, type DispatchResult } from '../dispatch';
import { senderAllowed } from './trust';

/**
 * The single IPC entry point. Every call is checked for where it came from (our own top frame,
 * loaded from our own files or the dev server) before dispatch validates its input.
 * Answers are envelopes, not throws: Electron would strip an error down to its message.
 */
export function registerApi(handlers: Handlers, isTrustedUrl: (url: string) => boolean): void {
  ipcMain.handle(IPC_CHANNEL, async (event: IpcMainInvokeEvent, method: unknown, input: unknown): Promise<DispatchResult> => {
    if (!senderAllowed(event.senderFrame, isTrustedUrl)) {
      return { ok: false, error: { code: 'invalid_input', message: 'Refused: this call did not come from the app window.' } };
    }
    if (typeof method !== 'string') return { ok: false, error: { code: 'unknown_method', message: 'No method named.' } };
    return dispatch(handlers, method, input);
  });
}
