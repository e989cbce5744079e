import Papa from 'papaparse';
import { neutraliseCell } from '../../shared/csvCells';

/**
 * Every CSV the app writes goes through here (a lint rule refuses Papa.unparse elsewhere), so no
 * exported cell can run as a formula when the file is opened in a spreadsheet.
 */
export function toCsv(headers: string[], rows: unknown[][]): string {
  const cell = (v: unknown) => (typeof v === 'string' ? neutraliseCell(v) : v);
  // BOM so Excel opens accented names as UTF-8; CRLF as RFC 4180 says.
  return '\uFEFF' + Papa.unparse({ fields: headers.map(neutraliseCell), data: rows.map((r) => r.map(cell)) }, { newline: '\r\n' });
}
