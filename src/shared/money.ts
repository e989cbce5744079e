import { z } from 'zod';

/**
 * Money is integer cents end to end. Typed amounts are read as text ("$1,234.5", "18", "18.00")
 * digit by digit, never through a float, and shown by Intl from an exact decimal string.
 */
const MAX_CENTS = 100_000_000_00; // $100 million: no gift log entry comes near it; a typo does.

export type MoneyRead = { cents: number } | { error: string };

export function readDollars(text: string): MoneyRead {
  const raw = text.trim().replace(/^\$\s*/, '').replace(/^USD\s*/i, '').trim();
  if (raw === '') return { error: 'Enter an amount, like 18.50' };
  // Commas (or spaces) only as thousands separators: "18,5" is a decimal comma, and reading it as
  // $185 would be a silent tenfold error; "18 50" is not $1,850 either.
  if (/[, ]/.test(raw) && !/^-?\d{1,3}([, ]\d{3})+(\.\d*)?$/.test(raw)) {
    return /^\d+,\d{1,2}$/.test(raw) ? { error: 'Use a point for cents, like 18.50' } : { error: `“${raw}” is not an amount. Use digits, like 1,234.50` };
  }
  const t = raw.replaceAll(',', '').replaceAll(' ', '');
  if (t.startsWith('-') || t.startsWith('(')) return { error: 'An amount cannot be negative' };
  const m = /^(\d*)(?:\.(\d{0,2}))?$/.exec(t);
  if (!m || (m[1] === '' && !m[2])) {
    if (/^\d*\.\d{3,}$/.test(t)) return { error: 'Use at most two digits after the point (cents)' };
    return { error: `“${text.trim()}” is not an amount. Use digits, like 18.50` };
  }
  const dollars = m[1] === '' ? 0 : Number(m[1]);
  const cents = dollars * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(cents) || cents > MAX_CENTS) return { error: 'That amount is too large: check it' };
  return { cents };
}

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/** "$1,234.50"; negative "-$12.00". Formatted from the exact decimal string, not a float. */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const text = `${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  return sign + usd.format(text as unknown as number);
}

/** "1234.50": for CSV cells, which spreadsheets read as numbers. */
export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** An amount in cents at a boundary: a whole, non-negative number of cents. */
export const centsField = z
  .number({ error: 'Enter an amount, like 18.50' })
  .int('Amounts are whole cents')
  .min(0, 'An amount cannot be negative')
  .max(MAX_CENTS, 'That amount is too large: check it');

/** An amount typed as text (forms), read to cents. */
export const dollarsText = z.string().transform((s, ctx) => {
  const r = readDollars(s);
  if ('error' in r) {
    ctx.addIssue({ code: 'custom', message: r.error });
    return z.NEVER;
  }
  return r.cents;
});
