import { distance } from 'fastest-levenshtein';
import { fold } from '../officeSearch';

/**
 * How an office in a file is recognised as one already in the app (or earlier in the same file),
 * strongest first. Each reason is said to the user, since "same phone" deserves a second look
 * that "same NPI" does not.
 */
export const MATCH_REASONS = ['npi', 'nameZip', 'nameStreet', 'phone'] as const;
export type MatchReason = (typeof MATCH_REASONS)[number];

export const MATCH_REASON_LABELS: Record<MatchReason, string> = {
  npi: 'Same NPI',
  nameZip: 'Same name and ZIP',
  nameStreet: 'Nearly the same name at the same street address',
  phone: 'Same phone number',
};

/** What to do with an office the app already has: skip the row, update the office with its non-empty cells, or add it as another office. */
export const EXISTING_ACTIONS = ['skip', 'update', 'keep'] as const;
export type ExistingAction = (typeof EXISTING_ACTIONS)[number];
/** What to do with a row repeating an earlier row's office with different details: one office, or two. */
export const REPEAT_ACTIONS = ['merge', 'keep'] as const;
export type RepeatAction = (typeof REPEAT_ACTIONS)[number];

/**
 * Until the user says otherwise: strong matches follow the import's choice for offices already
 * in the app; a shared phone alone (one switchboard, several practices) keeps both.
 */
export function defaultExistingAction(reason: MatchReason, mode: ExistingAction): ExistingAction {
  return reason === 'phone' ? 'keep' : mode;
}
/** Repeats by NPI or name + ZIP are the same office written twice; by phone or a near name at one address, perhaps two. */
export const defaultRepeatAction = (reason: MatchReason): RepeatAction => (reason === 'npi' || reason === 'nameZip' ? 'merge' : 'keep');

// Words that name a business's legal form, not the business: "Northside Urgent Care, LLC" is "Northside Urgent Care".
// "&" is not a word character, so "Smith & Jones" and "Smith and Jones" both lose it.
const LEGAL_WORDS = new Set(['llc', 'inc', 'incorporated', 'pc', 'pllc', 'pa', 'sc', 'ltd', 'limited', 'corp', 'corporation', 'co', 'company', 'group', 'the', 'and']);

/**
 * Names and streets repeat down a sheet (one row per person), and one import compares each
 * twice (within the file, then with the app): each distinct spelling is worked out once.
 */
function remembered(fn: (s: string) => string): (s: string) => string {
  let seen = new Map<string, string>();
  return (s) => {
    let r = seen.get(s);
    if (r === undefined) {
      if (seen.size >= 100_000) seen = new Map();
      seen.set(s, (r = fn(s)));
    }
    return r;
  };
}

/** An office name as compared: accents folded, case and punctuation gone, "LLC", "Inc", "PC", "PLLC", "Group"… dropped. */
export const normaliseOfficeName = remembered((name) => {
  const words = fold(name).replace(/[.']/g, '').match(/[a-z0-9]+/g) ?? [];
  return words.filter((w) => !LEGAL_WORDS.has(w)).join(' ');
});

const STREET_WORDS: Record<string, string> = {
  street: 'st', avenue: 'ave', av: 'ave', road: 'rd', boulevard: 'blvd', drive: 'dr', lane: 'ln', court: 'ct', place: 'pl',
  parkway: 'pkwy', highway: 'hwy', suite: 'ste', north: 'n', south: 's', east: 'e', west: 'w', northeast: 'ne', northwest: 'nw',
  southeast: 'se', southwest: 'sw', circle: 'cir', terrace: 'ter', square: 'sq', building: 'bldg', floor: 'fl',
};

/** A street line as compared: "1200 W. Harrison Street" and "1200 W HARRISON ST" are the same. */
export function normaliseStreet(line: string | null | undefined): string {
  return line ? street(line) : '';
}
const street = remembered((line) => (fold(line).match(/[a-z0-9]+/g) ?? []).map((w) => STREET_WORDS[w] ?? w).join(' '));

/** A phone's ten digits, its extension left out: two offices behind one switchboard share the number, not the extension. */
export function phoneKey(phone: string | null | undefined): string {
  const digits = (phone ?? '').replace(/\s*(x|ext\.?|extension)\s*\d+$/i, '').replace(/\D/g, '');
  const ten = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
  return ten.length === 10 ? ten : '';
}

/**
 * How far apart two normalised names may be and still be taken for the same office at one
 * address: a typo or two ("Nortside"), never a different practice ("Lakeside" vs "Lakeview").
 */
export function nearNames(a: string, b: string): { equal: boolean; distance: number } | null {
  if (!a || !b) return null;
  if (a === b) return { equal: true, distance: 0 };
  const shorter = Math.min(a.length, b.length);
  const allowed = shorter >= 12 ? 2 : shorter >= 6 ? 1 : 0;
  if (allowed === 0 || Math.abs(a.length - b.length) > allowed) return null;
  const d = distance(a, b);
  return d <= allowed ? { equal: false, distance: d } : null;
}

/** The words shown beside a match, so the user sees why two offices were taken for one. */
export function matchDetail(reason: MatchReason, near?: { equal: boolean; distance: number }): string {
  if (reason !== 'nameStreet' || !near) return MATCH_REASON_LABELS[reason];
  return near.equal
    ? 'Same address; the names are the same once punctuation and words like “LLC” are left out'
    : `Same address; the names differ by ${near.distance} ${near.distance === 1 ? 'letter' : 'letters'}`;
}
