/**
 * CSV cells a spreadsheet would run as formulas (OWASP's CSV-injection rule: a cell starting with
 * =, +, -, @, a tab or a carriage return), and how this app writes and reads them.
 *
 * Written: such a cell gets one leading apostrophe, which Excel and LibreOffice show as text.
 * A plain number (-12.50, +3) is left alone so it stays a number. A cell that already starts with
 * apostrophes before one of those characters gets one more, so reading undoes exactly one.
 * Read: a cell of apostrophes followed by one of those characters loses one apostrophe, so a file
 * this app exported imports back to the values it held.
 */
const RISKY = /^'*[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

export function neutraliseCell(value: string): string {
  return RISKY.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

export function restoreCell(value: string): string {
  return value.startsWith("'") && RISKY.test(value) && !PLAIN_NUMBER.test(value.slice(1)) ? value.slice(1) : value;
}
