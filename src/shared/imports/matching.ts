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

/** An office name as compared: accents folded, case and punctuation gone, "LLC", "Inc", "PC", "PLLC", "Group"… dropped. */
export function normaliseOfficeName(name: string): string {
  // "P.C." and "O'Brien" are one word each: dots and apostrophes join, every other mark separates.
  return words(fold(name), true)
    .filter((w) => !LEGAL_WORDS.has(w))
    .join(' ');
}

/**
 * The runs of letters and digits in already-folded text, in one pass (an import runs this twice
 * per row: a chain of regular expressions made it a third of the import's matching cost).
 */
function words(folded: string, joinDots: boolean): string[] {
  const out: string[] = [];
  let word = '';
  for (let i = 0; i < folded.length; i++) {
    const c = folded.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) word += folded[i];
    else if (joinDots && (c === 46 || c === 39)) continue;
    else if (word) {
      out.push(word);
      word = '';
    }
  }
  if (word) out.push(word);
  return out;
}

const STREET_WORDS = new Map<string, string>(Object.entries({
  street: 'st', avenue: 'ave', av: 'ave', road: 'rd', boulevard: 'blvd', drive: 'dr', lane: 'ln', court: 'ct', place: 'pl',
  parkway: 'pkwy', highway: 'hwy', suite: 'ste', north: 'n', south: 's', east: 'e', west: 'w', northeast: 'ne', northwest: 'nw',
  southeast: 'se', southwest: 'sw', circle: 'cir', terrace: 'ter', square: 'sq', building: 'bldg', floor: 'fl',
}));

/** A street line as compared: "1200 W. Harrison Street" and "1200 W HARRISON ST" are the same. */
export function normaliseStreet(line: string | null | undefined): string {
  return line
    ? words(fold(line), false)
        .map((w) => STREET_WORDS.get(w) ?? w)
        .join(' ')
    : '';
}

/** A phone's ten digits, its extension left out: two offices behind one switchboard share the number, not the extension. */
export function phoneKey(phone: string | null | undefined): string {
  if (!phone) return '';
  // Digits up to an extension's letter ("x204", "ext. 204"): the extension is not the number.
  let digits = '';
  for (let i = 0; i < phone.length; i++) {
    const c = phone.charCodeAt(i);
    if (c >= 48 && c <= 57) digits += phone[i];
    else if ((c | 32) === 120 || (c | 32) === 101) break;
  }
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

/** Whether `short` abbreviates `long` as people do: its first letter, then its other letters in order ("Med", "Peds", "Fam"). */
function abbreviates(short: string, long: string): boolean {
  if (short.length < 3 || short.length >= long.length || short[0] !== long[0]) return false;
  let i = 1;
  for (let j = 1; j < long.length && i < short.length; j++) if (long[j] === short[i]) i++;
  return i === short.length;
}

/** A report's word against an office's: the same, an abbreviation of it ("Med" for "Medicine"), or one typo in a long word. */
function sameWord(report: string, office: string): boolean {
  if (report === office || abbreviates(report, office)) return true;
  return report.length >= 5 && office.length >= 5 && Math.abs(report.length - office.length) <= 1 && distance(report, office) <= 1;
}

/**
 * Whether a name a referral report writes ("Hiltop Internal Med") is likely an office the app has
 * at the same ZIP ("Hilltop Internal Medicine"): each of the report's words, in order, is one of the
 * office's words, abbreviated or with one typo, the first word among them. Only ever a suggestion
 * for the user to accept: "Lakeside Ortho" and "Lakeside Orthodontics" pass too.
 */
export function likelySameOffice(reportName: string, officeName: string): boolean {
  const r = normaliseOfficeName(reportName).split(' ').filter(Boolean);
  const o = normaliseOfficeName(officeName).split(' ').filter(Boolean);
  if (r.length === 0 || o.length === 0 || !sameWord(r[0]!, o[0]!)) return false;
  let j = 1;
  for (const w of r.slice(1)) {
    while (j < o.length && !sameWord(w, o[j]!)) j++;
    if (j === o.length) return false;
    j++;
  }
  return true;
}
