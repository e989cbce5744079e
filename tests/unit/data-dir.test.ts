import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveDataDir } from '../../src/main/dataDir';

describe('the data folder', () => {
  it('is LIAISON_DATA_DIR when set, else Electron’s userData, else the same folder Electron would use', () => {
    const saved = process.env.LIAISON_DATA_DIR;
    try {
      process.env.LIAISON_DATA_DIR = 'relative/data';
      expect(resolveDataDir('/electron/userData')).toBe(path.resolve('relative/data'));
      delete process.env.LIAISON_DATA_DIR;
      expect(resolveDataDir('/electron/userData')).toBe('/electron/userData');
      expect(resolveDataDir()).toMatch(/liaison-crm$/);
    } finally {
      if (saved === undefined) delete process.env.LIAISON_DATA_DIR;
      else process.env.LIAISON_DATA_DIR = saved;
    }
  });
});
