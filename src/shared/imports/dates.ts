/**
 * Calendar dates as practice-management exports and spreadsheets write them, read as YYYY-MM-DD:
 * 2026-03-04, 3/4/2026, 03/04/26, 3-4-2026, 2026/3/4, "Mar 4, 2026", "4 March 2026", "04-Mar-26",
 * "Wed, Mar 4, 2026", a time after any of them ("3/4/2026 10:15 AM"), and Excel's own day numbers
 * (46085) from a date cell saved without its format. Slashed dates are US order (month first):
 * these reports come from US practice systems. Null when the text is no date that exists.
 */
export function readDay(written: string): string | null {
  const s = written
    .trim()
    .replace(/^(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+/i, '')
    .replace(/(\d)(st|nd|rd|th)\b/gi, '$1');
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s].*)?$/.exec(s);
  if (m) return day(+m[1]!, +m[2]!, +m[3]!);
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})(?:\s.*)?$/.exec(s);
  if (m) return day(fullYear(m[3]!), +m[1]!, +m[2]!);
  // "Mar 4, 2026", "March 4 2026"
  m = /^([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{2}|\d{4})(?:\s.*)?$/i.exec(s);
  if (m) return day(fullYear(m[3]!), month(m[1]!), +m[2]!);
  // "4 March 2026", "04-Mar-26", "4-Mar-2026"
  m = /^(\d{1,2})[\s-]([a-z]{3,9})\.?[\s,-]+(\d{2}|\d{4})(?:\s.*)?$/i.exec(s);
  if (m) return day(fullYear(m[3]!), month(m[2]!), +m[1]!);
  // Excel's serial day (1 = 1900-01-01, with its phantom 1900-02-29): 1990 to 2100 only, so a stray number is no date.
  m = /^(\d{5})(?:\.\d+)?$/.exec(s);
  if (m && +m[1]! >= 32874 && +m[1]! <= 73051) return new Date(Date.UTC(1899, 11, 30) + +m[1]! * 86_400_000).toISOString().slice(0, 10);
  return null;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function month(name: string): number {
  const n = name.toLowerCase();
  // "Sept" is September too; a word that is no month gives 0, which no date has.
  const i = MONTHS.findIndex((m) => n.startsWith(m) && (n.length === 3 || 'january february march april may june july august september october november december sept'.split(' ').includes(n)));
  return i + 1;
}

/** A two-digit year is this century's: a referral report's dates are recent, and birth dates are never read. */
const fullYear = (y: string) => (y.length === 2 ? 2000 + +y : +y);

function day(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2199) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null;
  return date.toISOString().slice(0, 10);
}
