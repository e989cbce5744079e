/**
 * The Electron shell, kept thin: it opens the database through the same runtime as browser mode,
 * wires IPC, and opens the window. Everything else is plain Node, tested without Electron.
 */
import fs from 'node:fs';
import { app, BrowserWindow, dialog, shell } from 'electron';
import { CHANGES_CHANNEL, forScreens } from '../../shared/api/changes';
import { resolveDataDir } from '../dataDir';
import { FolderInUse } from '../dataLock';
import { openRuntime, type Runtime } from '../runtime';
import { registerApi } from './ipc';
import { createMainWindow, isTrustedUrl } from './window';
import { checkForUpdates } from './updater';
import { startDesktopReminders } from './reminders';

let core: Runtime | undefined;

/** The focused window as a PDF (Letter, backgrounds printed, the page's print stylesheet), saved where the user says. */
async function printToPdf(filename: string): Promise<boolean> {
  const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  if (!win) return false;
  const pdf = await win.webContents.printToPDF({ pageSize: 'Letter', printBackground: true });
  const r = await dialog.showSaveDialog(win, { title: 'Save the report as PDF', defaultPath: filename.endsWith('.pdf') ? filename : `${filename}.pdf`, filters: [{ name: 'PDF', extensions: ['pdf'] }] });
  if (r.canceled || !r.filePath) return false;
  await fs.promises.writeFile(r.filePath, pdf);
  return true;
}

/** The main process's own dialog: the renderer never sees the path, only the id the import gives the file. */
async function chooseImportFile(purpose: 'spreadsheet' | 'receipt' = 'spreadsheet'): Promise<string | null> {
  const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  const options: Electron.OpenDialogOptions =
    purpose === 'receipt'
      ? {
          title: 'Choose the receipt',
          properties: ['openFile'],
          filters: [
            { name: 'Receipts (PDF or image)', extensions: ['pdf', 'jpg', 'jpeg', 'png', 'gif', 'webp', 'heic'] },
            { name: 'All files', extensions: ['*'] },
          ],
        }
      : {
          title: 'Choose a spreadsheet to import',
          properties: ['openFile'],
          filters: [
            { name: 'Spreadsheets', extensions: ['csv', 'tsv', 'txt', 'xlsx'] },
            { name: 'All files', extensions: ['*'] },
          ],
        };
  const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return r.canceled ? null : (r.filePaths[0] ?? null);
}

if (!app.requestSingleInstanceLock()) {
  // A second window of this build hands over to the first and quits. Other processes on the data
  // folder (browser mode, the seed script, another build) are kept out by the runtime's folder lock.
  app.quit();
} else {
  app.on('second-instance', () => {
    const win = BrowserWindow.getAllWindows()[0];
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  void app.whenReady().then(() => {
    try {
      // A damaged or foreign database does not stop the window: it opens on what is wrong and the way out.
      core = openRuntime({
        dataDir: resolveDataDir(app.getPath('userData')),
        mode: 'electron',
        version: app.getVersion(),
        pickFile: chooseImportFile,
        openPath: async (p) => {
          const problem = await shell.openPath(p);
          if (problem) throw new Error(problem);
        },
        printToPdf,
      });
    } catch (e) {
      if (e instanceof FolderInUse) {
        console.error(e.message);
        dialog.showErrorBox('Liaison CRM is already running', e.message);
        app.exit(1);
        return;
      }
      dialog.showErrorBox('Liaison CRM cannot open its data', (e as Error).message);
      app.quit();
      return;
    }
    registerApi(core.handlers, isTrustedUrl);
    // Every open window refreshes what it shows after each committed write, wherever it came from.
    core.subscribe((batch) => {
      const message = forScreens(batch);
      for (const win of BrowserWindow.getAllWindows()) win.webContents.send(CHANGES_CHANNEL, message);
    });
    createMainWindow();
    setImmediate(() => void core?.start());
    checkForUpdates();
    startDesktopReminders(core);
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => core?.close());
}
