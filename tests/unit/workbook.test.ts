import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import writeExcelFile from 'write-excel-file/node';
import { listSheets, MAX_WORKBOOK_BYTES, readSheet } from '../../src/main/imports/workbook';
import { tempDir } from '../helpers/tempApp';

// Every workbook here is written by the test itself, into a temp folder removed after this file.

const UNREADABLE =
  'This file could not be read as an Excel workbook (it may be damaged or password-protected). Open it in Excel and save it as .xlsx or CSV.';

// The writer's multi-sheet call (its last overload): the sheets, and options with features.
type Sheets = Parameters<typeof writeExcelFile>[0];
type Feature = NonNullable<NonNullable<Parameters<typeof writeExcelFile>[1]>['features']>[number];

/**
 * Cells written as Excel writes them where the writer has no way to: `cells` maps a cell
 * reference ("C2") to the XML inside the `<c>` element written there, and optionally its type
 * (`t`); the placeholder's other attributes (its style, so its number format) are kept.
 */
function excelCells(cells: Record<string, { t?: string; xml: string }>): Feature {
  return {
    files: {
      transform: {
        'xl/worksheets/sheet{id}.xml': {
          transform: (sheetXml) =>
            Object.entries(cells).reduce((out, [ref, { t, xml }]) => {
              const placeholder = new RegExp(`<c r="${ref}"( s="\\d+")?[^>]*?(?:/>|>.*?</c>)`);
              if (!placeholder.test(out)) throw new Error(`no placeholder cell at ${ref}`);
              return out.replace(placeholder, (_all, style: string | undefined) => `<c r="${ref}"${style ?? ''}${t ? ` t="${t}"` : ''}>${xml}</c>`);
            }, sheetXml),
        },
      },
    },
  };
}

async function workbook(sheets: Sheets, features: Feature[] = []): Promise<string> {
  const file = path.join(tempDir('liaison-xlsx-'), 'workbook.xlsx');
  await writeExcelFile(sheets, { features }).toFile(file);
  return file;
}

function fileWith(name: string, bytes: Buffer): string {
  const file = path.join(tempDir('liaison-xlsx-'), name);
  fs.writeFileSync(file, bytes);
  return file;
}

/** A real ZIP archive (stored, not compressed) holding the given files. */
function zipOf(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text, 'utf8');
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6); // version needed
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe('reading a workbook', () => {
  const twoSheets = () =>
    workbook([
      { sheet: 'Offices', data: [['Office name', 'City'], ['Riverside Family Medicine', 'Dayton']] },
      { sheet: 'People', data: [['First name', 'Last name'], ['Ann', 'Lee']] },
    ]);

  it('lists the sheets in workbook order and reads the first unless told which', async () => {
    const file = await twoSheets();
    expect(await listSheets(file)).toEqual(['Offices', 'People']);
    expect(await readSheet(file)).toEqual([
      ['Office name', 'City'],
      ['Riverside Family Medicine', 'Dayton'],
    ]);
    expect(await readSheet(file, 'People')).toEqual([
      ['First name', 'Last name'],
      ['Ann', 'Lee'],
    ]);
  });

  it('names the sheets there are when asked for one that is not', async () => {
    const file = await twoSheets();
    await expect(readSheet(file, 'Doctors')).rejects.toThrow(new Error('This workbook has no sheet named "Doctors". Its sheets are: Offices, People.'));
  });

  it('keeps accented text and spaces exactly as typed', async () => {
    const file = await workbook([
      { sheet: 'People', data: [['Name', 'City', 'Note'], ['María José Peña', 'Zürich', '  Suite 200 ']] },
    ]);
    expect(await readSheet(file)).toEqual([
      ['Name', 'City', 'Note'],
      ['María José Peña', 'Zürich', '  Suite 200 '],
    ]);
  });

  it('gives numbers typed as numbers as Excel shows them: a ZIP, a phone, an NPI in full, never as 6.31E+09 or 60607.0', async () => {
    const file = await workbook([
      {
        sheet: 'Offices',
        data: [
          ['ZIP', 'Phone', 'NPI', 'Share', 'Visits', 'Accepting'],
          [60607, 6305550177, 1234567893, 0.25, -3, true],
          [2134, 3125550100, 1588667638, 1.5, 0, false],
        ],
      },
    ]);
    expect(await readSheet(file)).toEqual([
      ['ZIP', 'Phone', 'NPI', 'Share', 'Visits', 'Accepting'],
      ['60607', '6305550177', '1234567893', '0.25', '-3', 'TRUE'],
      ['2134', '3125550100', '1588667638', '1.5', '0', 'FALSE'],
    ]);
  });

  it('gives a date cell as YYYY-MM-DD, whatever its display format, and a time alone as HH:MM', async () => {
    const file = await workbook([
      {
        sheet: 'Visits',
        data: [
          ['Office', 'Last visit', 'Next visit', 'Best time', 'Lunch ends'],
          [
            'Riverside',
            { type: Date, value: new Date(Date.UTC(2026, 2, 5)), format: 'mm/dd/yyyy' },
            { type: Date, value: new Date(Date.UTC(2026, 11, 31, 14, 30)), format: 'd mmm yyyy h:mm' },
            // Excel keeps a time as a fraction of a day: 13:30 is 0.5625.
            { type: Number, value: 0.5625, format: 'h:mm AM/PM' },
            { type: Number, value: 0.5625 + 15 / 86400, format: 'hh:mm:ss' },
          ],
        ],
      },
    ]);
    expect(await readSheet(file)).toEqual([
      ['Office', 'Last visit', 'Next visit', 'Best time', 'Lunch ends'],
      ['Riverside', '2026-03-05', '2026-12-31', '13:30', '13:30:15'],
    ]);
  });

  it('keeps cells in their columns around an empty one, and leaves out rows with nothing in them', async () => {
    const file = await workbook([
      {
        sheet: 'Offices',
        data: [
          ['Office name', 'Phone', 'City'],
          ['Riverside', null, 'Dayton'],
          [null, null, null],
          ['', '', ''],
          ['  ', null, '\u00a0'],
          ['Lakeside', '773-555-0100', null],
          [null, null, 'Chicago'],
        ],
      },
    ]);
    expect(await readSheet(file)).toEqual([
      ['Office name', 'Phone', 'City'],
      ['Riverside', '', 'Dayton'],
      ['Lakeside', '773-555-0100', ''],
      ['', '', 'Chicago'],
    ]);
  });

  it('gives a formula cell the result Excel saved with it, as Excel shows it', async () => {
    const placeholder = 'placeholder';
    const file = await workbook(
      [
        {
          sheet: 'Offices',
          data: [
            ['Office name', 'Visits', 'Visits x2', 'Label', 'Busy', 'Per visit', 'Next visit'],
            ['Riverside', 21, placeholder, placeholder, placeholder, placeholder, { type: Date, value: new Date(0), format: 'mm/dd/yyyy' }],
          ],
        },
      ],
      [
        excelCells({
          C2: { xml: '<f>B2*2</f><v>42</v>' },
          D2: { t: 'str', xml: '<f>A2&amp;" – "&amp;B2</f><v>Riverside – 21</v>' },
          E2: { t: 'b', xml: '<f>B2&gt;10</f><v>1</v>' },
          F2: { t: 'e', xml: '<f>1/0</f><v>#DIV/0!</v>' },
          // A date worked out by a formula, in a date format: 46086 is 2026-03-05.
          G2: { xml: '<f>DATE(2026,3,5)</f><v>46086</v>' },
        }),
      ],
    );
    expect(await readSheet(file)).toEqual([
      ['Office name', 'Visits', 'Visits x2', 'Label', 'Busy', 'Per visit', 'Next visit'],
      ['Riverside', '21', '42', 'Riverside – 21', 'TRUE', '#DIV/0!', '2026-03-05'],
    ]);
  });

  it('gives rich text its plain text, and a merged cell its text once, in its first column', async () => {
    const file = await workbook(
      [
        {
          sheet: 'Offices',
          data: [
            ['Office name', { value: 'Address', columnSpan: 2 }, null, 'Note'],
            ['Riverside', '1 Main St', 'Suite 200', 'placeholder'],
          ],
        },
      ],
      [excelCells({ D2: { t: 'inlineStr', xml: '<is><r><rPr><b/></rPr><t>Call </t></r><r><t xml:space="preserve">before noon</t></r></is>' } })],
    );
    expect(await readSheet(file)).toEqual([
      ['Office name', 'Address', '', 'Note'],
      ['Riverside', '1 Main St', 'Suite 200', 'Call before noon'],
    ]);
  });
});

describe('files that are not workbooks', () => {
  it.each([
    ['random bytes named .xlsx', () => fileWith('offices.xlsx', Buffer.from('this is not a spreadsheet at all, just some text\n'.repeat(20)))],
    ['an empty file', () => fileWith('offices.xlsx', Buffer.alloc(0))],
    ['a ZIP archive that is not a workbook', () => fileWith('offices.xlsx', zipOf({ 'readme.txt': 'Hello', 'data/offices.csv': 'Office name\nRiverside\n' }))],
    [
      'a password-protected workbook (an encrypted OLE file, as Excel saves one)',
      () => fileWith('offices.xlsx', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096, 0x2a)])),
    ],
  ])('%s gets a message a person can act on, for its sheets and its rows', async (_label, make) => {
    const file = make();
    await expect(listSheets(file)).rejects.toThrow(new Error(UNREADABLE));
    await expect(readSheet(file)).rejects.toThrow(new Error(UNREADABLE));
  });

  it('a workbook cut short (a download that stopped) gets the same message', async () => {
    const whole = await workbook([{ sheet: 'Offices', data: [['Office name'], ['Riverside']] }]);
    const bytes = fs.readFileSync(whole);
    const file = fileWith('cut.xlsx', bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(readSheet(file)).rejects.toThrow(new Error(UNREADABLE));
  });

  it('a workbook too large to read here is refused before reading, with the way round', async () => {
    const file = fileWith('huge.xlsx', Buffer.alloc(0));
    fs.truncateSync(file, MAX_WORKBOOK_BYTES + 1);
    const message = `This workbook is too large to read directly (20.0 MB; up to 20 MB can be). Save the sheet as CSV (in Excel: File → Save As → CSV UTF-8) and choose that file instead.`;
    await expect(listSheets(file)).rejects.toThrow(new Error(message));
    await expect(readSheet(file)).rejects.toThrow(new Error(message));
  });

  it('a file that is not there says so', async () => {
    const file = path.join(tempDir('liaison-xlsx-'), 'moved.xlsx');
    await expect(readSheet(file)).rejects.toThrow(/^This file could not be opened/);
    await expect(listSheets(file)).rejects.toThrow(/^This file could not be opened/);
  });
});
