import { _electron as electron, expect, test } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Where the Electron binary would be, without triggering its download (which fails offline). */
function electronBinary(): string | null {
  try {
    const dir = path.dirname(require.resolve('electron/package.json'));
    const rel = fs.readFileSync(path.join(dir, 'path.txt'), 'utf8').trim();
    const exe = path.join(dir, 'dist', rel);
    return fs.existsSync(exe) ? exe : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();

test('the Electron window opens the office list (smoke)', async () => {
  test.skip(!binary, 'Electron binary not installed on this machine (it downloads from outside the npm registry)');
  const app = await electron.launch({
    executablePath: binary!,
    args: [path.resolve(__dirname, '../..')],
    env: { ...process.env, LIAISON_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-electron-')) },
  });
  const window = await app.firstWindow();
  await expect(window.getByRole('heading', { name: 'Offices', level: 2 })).toBeVisible();
  expect(await window.evaluate('typeof window.api["offices.list"]')).toBe('function');
  expect(await window.evaluate('typeof require')).toBe('undefined');
  await app.close();
});
