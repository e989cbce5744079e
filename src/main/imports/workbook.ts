import fs from 'node:fs';
import type { Cell, CellValue, Workbook } from 'exceljs';

/**
 * Excel workbooks (.xlsx) for the import: each cell as the text a person sees in Excel, so a
 * workbook gives the same header row + records a CSV does (src/main/imports/parse.ts).
 *
 * ExcelJS reads the whole file into memory and builds every sheet's cells. Measured on two cores
 * (10 filled columns a row): 5 MB, 82,000 rows: 7 s and 0.65 GB at the peak; 25 MB: 28 s, 2.1 GB;
 * 60 MB: 2½ min, 4.3 GB. The event loop is held for stretches of up to 2 s, 9 s and 44 s.
 * Larger workbooks are refused up front with the way round: save the sheet as CSV.
 */

/**
 * The largest workbook read directly: ExcelJS needs about 80 bytes of memory per byte of workbook
 * and holds the process for seconds per MB, so past ~300,000 rows (measured: 25 MB, 2.1 GB, 28 s)
 * saving the sheet as CSV is the better way, and the message says so.
 */
export const MAX_WORKBOOK_BYTES = 20 * 1024 * 1024;

const SAVE_AS_CSV = 'Save the sheet as CSV (in Excel: File → Save As → CSV UTF-8) and choose that file instead.';
const UNREADABLE =
  'This file could not be read as an Excel workbook (it may be damaged or password-protected). Open it in Excel and save it as .xlsx or CSV.';
const UNOPENABLE = 'This file could not be opened: it may have been moved, renamed or deleted, or you may not have permission to read it.';
const MB = 1024 * 1024;
const tooLarge = (bytes: number) =>
  `This workbook is too large to read directly (${(bytes / MB).toFixed(1)} MB; up to ${MAX_WORKBOOK_BYTES / MB} MB can be). ${SAVE_AS_CSV}`;

/**
 * Parts of a sheet the import never uses, left unread. Merged cells are among them: ExcelJS gives
 * every cell of a merged range the first one's value, where Excel shows it once (and saves it
 * once to CSV); unread, the other cells of the range stay empty.
 */
const UNUSED_PARTS = ['mergeCells', 'hyperlinks', 'dataValidations', 'conditionalFormatting', 'extLst', 'drawing', 'picture'];

/** Sheet names in workbook order (the tabs along the bottom in Excel, left to right). */
export async function listSheets(path: string): Promise<string[]> {
  const book = await load(path, [...UNUSED_PARTS, 'sheetData']);
  return book.worksheets.map((s) => s.name);
}

/**
 * One sheet (by name; the first when none is given) as rows of text, the header row first.
 * Cells keep their columns (an empty cell is ""), every row as wide as the widest, as Excel's
 * own CSV has them; rows with nothing in them but spaces are left out.
 */
export async function readSheet(path: string, sheet?: string): Promise<string[][]> {
  const book = await load(path, UNUSED_PARTS);
  const sheets = book.worksheets;
  const chosen = sheet === undefined ? sheets[0] : sheets.find((s) => s.name === sheet);
  if (!chosen) throw new Error(`This workbook has no sheet named "${sheet}". Its sheets are: ${sheets.map((s) => s.name).join(', ')}.`);
  const rows: string[][] = [];
  let width = 0;
  chosen.eachRow((row) => {
    const cells: string[] = [];
    row.eachCell((cell, column) => {
      const text = cellText(cell);
      if (text === '') return;
      while (cells.length < column - 1) cells.push('');
      cells.push(text);
    });
    // A row a person sees as empty (nothing, or only spaces) is left out, as blank lines of a CSV are.
    if (cells.every((c) => c.trim() === '')) return;
    rows.push(cells);
    width = Math.max(width, cells.length);
  });
  for (const cells of rows) while (cells.length < width) cells.push('');
  return rows;
}

/** A cell as Excel shows it by default. */
function cellText(cell: Cell): string {
  return valueText(cell.value);
}

/** 1899-12-31: Excel's day 1 (1900-01-01) as ExcelJS dates it; anything before is a time alone. */
const EXCEL_DAY_ONE = Date.UTC(1899, 11, 31);

function valueText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  // String() writes every integer below 1e21 in full: 6305550177, never 6.31E+09 or 6305550177.0.
  if (typeof value === 'number') return String(value);
  if (value instanceof Date) {
    // ExcelJS gives a number in a date or time format as a Date: UTC midnight of its day plus
    // the time of day, on Excel's day 0 (1899-12-30) for a time alone. To the second, as Excel
    // shows times (a day's fraction can land a hair before one).
    const ms = Math.round(value.getTime() / 1000) * 1000;
    if (Number.isNaN(ms)) return '';
    const iso = new Date(ms).toISOString(); // 2026-03-05T13:30:00.000Z
    if (ms < EXCEL_DAY_ONE) return iso.endsWith(':00.000Z') ? iso.slice(11, 16) : iso.slice(11, 19);
    return iso.slice(0, 10);
  }
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  // A formula: the result Excel saved with it (dates among them, as above).
  if ('formula' in value || 'sharedFormula' in value) return valueText(value.result ?? null);
  if ('error' in value) return value.error;
  // A hyperlink (when its part is read): the text shown, itself perhaps rich text.
  if ('hyperlink' in value) return valueText(value.text as CellValue);
  return '';
}

/**
 * The workbook at `path`, its sheets without the parts `skip` names. Problems with the file come
 * back in words a person can act on; the library's own error is kept as `cause`.
 */
async function load(path: string, skip: string[]): Promise<Workbook> {
  const bytes = await readWhole(path);
  // Loaded when first needed: the library takes ~0.3 s to load and most runs never read a workbook.
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  try {
    // ExcelJS's typings name their own Buffer (an ArrayBuffer); at run time it takes Node's.
    await book.xlsx.load(bytes as unknown as Parameters<Workbook['xlsx']['load']>[0], { ignoreNodes: skip });
  } catch (err) {
    throw new Error(UNREADABLE, { cause: err });
  }
  // A ZIP archive without a workbook in it loads as a workbook with no sheets: Excel has at least one.
  if (book.worksheets.length === 0) throw new Error(UNREADABLE);
  return book;
}

/** The file's bytes, unless it cannot be read or is larger than a workbook read here may be. */
async function readWhole(path: string): Promise<Buffer> {
  let size: number;
  let bytes: Buffer | null = null;
  try {
    const handle = await fs.promises.open(path, 'r');
    try {
      size = (await handle.stat()).size;
      // Not even read when too large. (A folder opens, but fails here to be read.)
      if (size <= MAX_WORKBOOK_BYTES) bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (err) {
    throw new Error(UNOPENABLE, { cause: err });
  }
  if (!bytes) throw new Error(tooLarge(size));
  return bytes;
}
