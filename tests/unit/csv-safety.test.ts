import fc from 'fast-check';
import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import { neutraliseCell, restoreCell } from '../../src/shared/csvCells';
import { openTestApp, runImport, type TestApp } from '../helpers/tempApp';

const apps: TestApp[] = [];
afterEach(() => {
  for (const a of apps.splice(0)) a.close();
});
const open = () => {
  const a = openTestApp();
  apps.push(a);
  return a;
};

describe('CSV cells a spreadsheet would run as formulas', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","Click")', `'=HYPERLINK("http://evil.example","Click")`],
    ['+1 (312) 555-0100', "'+1 (312) 555-0100"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['-2+3+cmd|"/C calc"!A0', `'-2+3+cmd|"/C calc"!A0`],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
    ['-', "'-"],
    ["'=already quoted", "''=already quoted"],
    // Plain numbers stay numbers; ordinary text is untouched.
    ['-12.50', '-12.50'],
    ['+3', '+3'],
    ['.5', '.5'],
    ["O'Brien Family Practice", "O'Brien Family Practice"],
    ['Dana = lead', 'Dana = lead'],
    ['', ''],
  ])('writes %j as %j and reads it back', (value, written) => {
    expect(neutraliseCell(value)).toBe(written);
    expect(restoreCell(written)).toBe(value);
  });

  it('reads back exactly what it wrote, and never writes a cell that starts a formula (property)', () => {
    const risky = fc.constantFrom('=', '+', '-', '@', '\t', '\r', "'", '1', '.', 'a', ' ');
    const cell = fc.oneof(fc.string(), fc.array(risky, { maxLength: 8 }).map((a) => a.join('')), fc.double({ noNaN: true }).map(String));
    fc.assert(
      fc.property(cell, (s) => {
        const written = neutraliseCell(s);
        expect(restoreCell(written)).toBe(s);
        if (/^[=+\-@\t\r]/.test(written)) expect(written).toMatch(/^[+-]?(\d+(\.\d*)?|\.\d+)$/);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('exports are safe to open in a spreadsheet', () => {
  it('writes planted formulas as text and imports the export back to the original values', async () => {
    const app = open();
    const planted = ['=HYPERLINK("http://evil.example","Open")', '@SUM(1+1)*cmd|\' /C calc\'!A0', '+Northside', '-Southside', 'Plain Clinic'];
    for (const name of planted) await app.call('offices.create', { name, notes: `=${name}` });
    const { csv } = await app.call('offices.exportCsv', {});
    const cells = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data.flat();
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    expect(cells).toContain(`'=HYPERLINK("http://evil.example","Open")`);

    const other = open();
    await runImport(other, { csv });
    const back = await Promise.all((await other.call('offices.list', {})).rows.map((r) => other.call('offices.get', { id: r.id })));
    expect(back.map((o) => [o.office.name, o.office.notes]).sort()).toEqual(planted.map((n) => [n, `=${n}`]).sort());
  });
});
