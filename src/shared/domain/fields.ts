import { z } from 'zod';
import { isValidNpi } from '../npi';

/** Optional free text: trimmed, '' and null both mean "not set" and are stored as null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Keep this under ${max} characters`)
    .nullish()
    .transform((s) => (s ? s : null));

/** An extension written after the number: "x204", "ext. 204", "extension 204", "#204". */
const EXTENSION = /\s*(?:,|;)?\s*(?:x|ext\.?|extn\.?|extension|#)\s*(\d{1,6})\s*$/i;

/**
 * US phone or fax: any punctuation, 10 digits (a leading 1 is dropped), and an extension kept;
 * stored as (555) 555-0100 or (555) 555-0100 x204.
 */
export const phoneNumber = z
  .string()
  .trim()
  .nullish()
  .transform((s, ctx) => {
    if (!s) return null;
    const ext = EXTENSION.exec(s);
    const main = ext ? s.slice(0, ext.index) : s;
    let digits = main.replace(/\D/g, '');
    if (digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1);
    if (digits.length !== 10) {
      ctx.addIssue({ code: 'custom', message: 'Enter a 10-digit phone number, like (555) 555-0100 (an extension may follow: x204)' });
      return z.NEVER;
    }
    return `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}${ext ? ` x${ext[1]}` : ''}`;
  });

const emailFormat = z.email();

export const emailAddress = z
  .string()
  .trim()
  .nullish()
  .transform((s, ctx) => {
    if (!s) return null;
    if (!emailFormat.safeParse(s).success) {
      ctx.addIssue({ code: 'custom', message: 'Enter an email address like name@example.com' });
      return z.NEVER;
    }
    return s.toLowerCase();
  });

export const websiteUrl = z
  .string()
  .trim()
  .nullish()
  .transform((s, ctx) => {
    if (!s) return null;
    const withScheme = /^https?:\/\//i.test(s) ? s : `https://${s}`;
    try {
      const url = new URL(withScheme);
      if (!url.hostname.includes('.')) throw new Error('no dot');
      return url.toString();
    } catch {
      ctx.addIssue({ code: 'custom', message: 'Enter a web address like example.com' });
      return z.NEVER;
    }
  });

export const npiNumber = z
  .string()
  .trim()
  .nullish()
  .transform((s, ctx) => {
    if (!s) return null;
    const digits = s.replace(/[\s-]/g, '');
    if (!/^\d{10}$/.test(digits)) {
      ctx.addIssue({ code: 'custom', message: 'An NPI has exactly 10 digits' });
      return z.NEVER;
    }
    if (!isValidNpi(digits)) {
      ctx.addIssue({ code: 'custom', message: 'This NPI fails its check digit; check for a typo' });
      return z.NEVER;
    }
    return digits;
  });

/** A list of short labels; also accepts "a; b, c" as typed in a spreadsheet cell. */
export const labelList = z
  .union([z.array(z.string()), z.string()])
  .nullish()
  .transform((v) => {
    const items = v == null ? [] : Array.isArray(v) ? v : v.split(/[;,|]/);
    const seen = new Set<string>();
    const out: string[] = [];
    for (const raw of items) {
      const item = raw.trim();
      if (item && !seen.has(item.toLowerCase())) {
        seen.add(item.toLowerCase());
        out.push(item);
      }
    }
    return out;
  })
  .pipe(z.array(z.string().max(60, 'Keep each label under 60 characters')).max(30, 'At most 30 labels'));

export const recordId = z.uuid({ message: 'Not a record id' });
export const isoInstant = z.string();
