import { BrowserWindow, session, shell } from 'electron';
import path from 'node:path';
import { trustedUrlCheck } from './trust';
import { CONTENT_SECURITY_POLICY } from '../csp';

const devServerUrl = process.env.ELECTRON_RENDERER_URL;

/** Our own pages: the bundled renderer, or the dev server during `npm run dev`. */
export const isTrustedUrl = trustedUrlCheck(path.join(__dirname, '../renderer'), devServerUrl);

/**
 * The window/taskbar icon, from the built file out/main/index.js. Linux and Windows use it (on
 * Linux nothing else gives an unpackaged app an icon); macOS ignores it and takes the dock icon
 * from the packaged app bundle.
 */
const windowIcon = process.platform === 'darwin' ? undefined : path.join(__dirname, '../../resources/icon.png');

export function createMainWindow(): BrowserWindow {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  // No camera, microphone, notifications or anything else a page might ask for.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));

  const win = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Liaison CRM',
    ...(windowIcon ? { icon: windowIcon } : {}),
    webPreferences: {
      preload: path.join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
    },
  });
  win.once('ready-to-show', () => win.show());

  // Links open in the user's browser; the app window itself never navigates away or opens windows.
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url)) event.preventDefault();
  });

  if (devServerUrl) void win.loadURL(devServerUrl);
  else void win.loadFile(path.join(__dirname, '../renderer/index.html'));
  return win;
}
