import os from 'node:os';
import path from 'node:path';

/**
 * Where the database lives. LIAISON_DATA_DIR wins in every mode (tests use a temp folder each);
 * otherwise Electron passes its userData folder, and browser mode uses the same folder Electron
 * would, so both modes open the same directory on one machine.
 */
export function resolveDataDir(electronUserData?: string): string {
  const fromEnv = process.env.LIAISON_DATA_DIR;
  if (fromEnv) return path.resolve(fromEnv);
  if (electronUserData) return electronUserData;
  const home = os.homedir();
  const appName = 'liaison-crm';
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), appName);
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', appName);
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), appName);
}
