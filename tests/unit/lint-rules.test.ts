import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: path.resolve(__dirname, '../..') });

/** The rule ids ESLint reports for this code, as if it were the file at `filePath`. */
async function violations(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

describe('lint rules for where code runs', () => {
  it("lets only the Electron shell and the preload import 'electron'", async () => {
    const code = "import { app } from 'electron';\nvoid app;\n";
    expect(await violations(code, 'src/main/electron/x.ts')).toEqual([]);
    expect(await violations(code, 'src/preload/x.ts')).toEqual([]);
    expect(await violations(code, 'src/main/offices/x.ts')).toEqual(['no-restricted-imports']);
    expect(await violations(code, 'src/renderer/src/x.ts')).toEqual(['no-restricted-imports']);
  });

  it('keeps the renderer out of the main process and shared rules pure', async () => {
    expect(await violations("import { startApp } from '../../main/app';\nvoid startApp;\n", 'src/renderer/src/x.ts')).toEqual(['no-restricted-imports']);
    expect(await violations("import fs from 'node:fs';\nvoid fs;\n", 'src/shared/x.ts')).toEqual(['no-restricted-imports']);
    expect(await violations("import { Store } from '../main/db/store';\nvoid Store;\n", 'src/shared/x.ts')).toEqual(['no-restricted-imports']);
    expect(await violations("import fs from 'node:fs';\nvoid fs;\n", 'src/main/x.ts')).toEqual([]);
  });

  it('lets only toCsv write CSV, so every export is safe to open in a spreadsheet', async () => {
    const code = "import Papa from 'papaparse';\nexport const csv = Papa.unparse([['=1+1']]);\n";
    expect(await violations(code, 'src/main/offices/x.ts')).toEqual(['no-restricted-syntax']);
    expect(await violations(code, 'src/renderer/src/x.ts')).toEqual(['no-restricted-syntax']);
    expect(await violations(code, 'src/main/csv/toCsv.ts')).toEqual([]);
  });

  it('checks hooks in the renderer', async () => {
    const code = "import { useState } from 'react';\nexport function F({ on }: { on: boolean }) {\n  if (on) useState(0);\n  return null;\n}\n";
    expect(await violations(code, 'src/renderer/src/x.tsx')).toContain('react-hooks/rules-of-hooks');
  });
});
