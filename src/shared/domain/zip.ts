import { z } from 'zod';

/**
 * A ZIP as people have it, stored one way: 12345 or 12345-6789. ZIP+4 comes with a dash, a space
 * or nothing between (registry files write 606071234); spreadsheets drop leading zeros, from a
 * ZIP (2134 → 02134) and from a nine-digit ZIP+4 alike. Null when it is not a ZIP.
 */
export function zipCode(written: string): string | null {
  const s = written.trim();
  let m = /^(\d{3,5})$/.exec(s);
  if (m) return m[1]!.padStart(5, '0');
  m = /^(\d{3,5})[\s-]?(\d{4})$/.exec(s);
  if (m && (s.includes('-') || s.includes(' ') || s.length >= 9)) return `${m[1]!.padStart(5, '0')}-${m[2]}`;
  m = /^(\d{7,8})$/.exec(s);
  if (m) {
    const nine = m[1]!.padStart(9, '0');
    return `${nine.slice(0, 5)}-${nine.slice(5)}`;
  }
  return null;
}

/** The five digits two addresses are matched by: 60607 and 60607-1234 are the same place. */
export const zip5 = (zip: string | null | undefined): string => (zip ?? '').slice(0, 5);

/**
 * The stored ZIPs a prefix of digits covers, as a range an index can answer ("43" → 43… up to but
 * not 44…; ZIP+4s included): `zip >= from AND zip < to`. LIKE 'x%' cannot use the index.
 */
export function zipPrefixRange(prefix: string): { from: string; to: string } {
  return { from: prefix, to: prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1) };
}

/** A ZIP field as forms and files send it: blank is null, anything not a ZIP is refused in words. */
export const zipField = z
  .string()
  .trim()
  .nullish()
  .transform((s, ctx) => {
    if (!s) return null;
    const zip = zipCode(s);
    if (!zip) {
      ctx.addIssue({ code: 'custom', message: 'A ZIP code is 5 digits (or ZIP+4: 12345-6789)' });
      return z.NEVER;
    }
    return zip;
  });
