import Papa from 'papaparse';
import { restoreCell } from '../../shared/csvCells';

export interface ParsedCsv {
  headers: string[];
  /** Data records (not lines: a quoted cell may hold newlines). records[i] is spreadsheet row i + 2. */
  records: string[][];
}

/** RFC 4180 CSV as spreadsheets write it: UTF-8 with or without BOM, CRLF or LF, quoted commas and newlines. */
export function parseCsv(text: string): ParsedCsv {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const result = Papa.parse<string[]>(body, { header: false, skipEmptyLines: 'greedy' });
  return tableFromRows(result.data.map((r) => r.map(restoreCell)));
}

/** A header row and records from rows of cells (a parsed CSV, a workbook's sheet). */
export function tableFromRows(rows: string[][]): ParsedCsv {
  const [headerRow = [], ...records] = rows;
  return { headers: distinctHeaders(headerRow.map((h) => h.trim())), records };
}

/** Spreadsheet row number of a data record (the header is row 1). */
export const rowNumber = (recordIndex: number) => recordIndex + 2;

/** Two columns both headed "Phone" stay two columns: the second is shown as "Phone (2)", never dropped. */
function distinctHeaders(headers: string[]): string[] {
  const seen = new Map<string, number>();
  return headers.map((h) => {
    if (!h) return h;
    const key = h.toLowerCase();
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n === 1 ? h : `${h} (${n})`;
  });
}

/**
 * More filled cells than the header has columns: a stray delimiter shifted the row, and what
 * lies past the last column would be lost. (Fewer cells is a row that ends early: blanks.)
 */
export function strayCells(record: readonly string[], columns: number): string | null {
  const extra = record.length > columns ? record.slice(columns).filter((c) => c.trim() !== '').length : 0;
  return extra > 0 ? `This row has ${record.length} cells but the header has ${columns} columns (a stray comma or semicolon?), so its values may be in the wrong columns` : null;
}
