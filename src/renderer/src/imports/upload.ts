import type { ImportFileInfo } from '../../../shared/imports/contract';
import type { ApiErrorBody } from '../../../shared/errors';
import { api, ApiError } from '../api';

/** True in the desktop app, where the main process opens its own file dialog and reads the file where it is. */
export const choosesInMainProcess = Boolean((window as unknown as { api?: unknown }).api);

/** Electron: the main process's dialog; null when the user cancels. */
export async function chooseInMainProcess(purpose: 'spreadsheet' | 'receipt' = 'spreadsheet'): Promise<ImportFileInfo | null> {
  return (await api['imports.chooseFile']({ purpose })).file;
}

/**
 * Browser mode: the file goes to the app once, as the request body (the browser streams it from
 * disk), and every later step names it by id. XHR rather than fetch: fetch reports no upload progress.
 */
export function uploadFile(file: File, onProgress: (fraction: number) => void): Promise<ImportFileInfo> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/imports.upload?name=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: answered below by status
      }
      if (xhr.status === 200) resolve(body as ImportFileInfo);
      else if (xhr.status === 401) reject(new ApiError({ code: 'unauthorized', message: 'Liaison CRM has restarted since this tab opened. Open the link it printed to go on.' }));
      else reject(new ApiError((body as { error?: ApiErrorBody } | null)?.error ?? { code: 'internal', message: `The file could not be sent to the app (${xhr.status}).` }));
    };
    xhr.onerror = () => reject(new ApiError({ code: 'internal', message: 'The app’s local server is not answering. Is `npm run web` still running?' }));
    xhr.send(file);
  });
}
