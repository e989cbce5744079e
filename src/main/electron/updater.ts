import { app } from 'electron';
import electronUpdater from 'electron-updater';

/**
 * Checks the release feed once at start in packaged builds. Offline is normal for this app, so
 * a failed check is logged and never shown as an error.
 */
export function checkForUpdates(): void {
  if (!app.isPackaged) return;
  const { autoUpdater } = electronUpdater;
  autoUpdater.autoDownload = true;
  autoUpdater.checkForUpdatesAndNotify().catch((e: unknown) => console.warn('[updater] check skipped:', (e as Error).message));
}
