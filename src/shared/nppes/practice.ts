import { zip5, zipCode } from '../domain/zip';
import { fold } from '../officeSearch';

/**
 * Street words as the USPS abbreviates them, so "1200 West Harrison Street" and "1200 W. HARRISON
 * ST" are one place. Only what changes a match: directions and the common street types.
 */
const ABBREVIATIONS: Record<string, string> = {
  north: 'n', south: 's', east: 'e', west: 'w', northeast: 'ne', northwest: 'nw', southeast: 'se', southwest: 'sw',
  street: 'st', str: 'st', avenue: 'ave', av: 'ave', avn: 'ave', road: 'rd', drive: 'dr', boulevard: 'blvd', lane: 'ln',
  court: 'ct', place: 'pl', parkway: 'pkwy', pky: 'pkwy', highway: 'hwy', terrace: 'ter', circle: 'cir', square: 'sq',
  expressway: 'expy', freeway: 'fwy', trail: 'trl', center: 'ctr', centre: 'ctr', plaza: 'plz', suite: 'ste', building: 'bldg',
  floor: 'fl', room: 'rm', apartment: 'apt', first: '1st', second: '2nd', third: '3rd',
};
/** What follows the street in line 1 ("STE 200", "#4", "FL 3"): rooms of one building, not another place. */
const UNIT = /\s(ste|unit|fl|rm|bldg|apt|dept|#)\s*[\w-]*$/;

/** Line 1 of a street address reduced to what identifies the building: lower case, no punctuation, USPS abbreviations, no suite. */
export function normaliseStreet(line1: string): string {
  let s = fold(line1).replace(/#/g, ' # ').replace(/[.,;:'"()]/g, ' ').replace(/\s+/g, ' ').trim();
  s = s.split(' ').map((w) => ABBREVIATIONS[w] ?? w).join(' ');
  for (let prev = ''; prev !== s; ) [prev, s] = [s, s.replace(UNIT, '')];
  return s;
}

/** The key two registry rows are at the same practice location by: street line 1 and the ZIP's five digits. Empty when either is missing. */
export function practiceKey(line1: string, zip: string): string {
  const street = normaliseStreet(line1);
  const five = zip5(zipCode(zip) ?? '');
  return street && five ? `${street}|${five}` : '';
}

/** The ten digits of a US phone number (a leading 1 dropped); empty when it is not one. */
export function phoneDigits(phone: string): string {
  let d = phone.replace(/\D/g, '');
  if (d.length === 11 && d.startsWith('1')) d = d.slice(1);
  return d.length === 10 ? d : '';
}

const ADDRESS_UPPER = new Set(['n', 's', 'e', 'w', 'ne', 'nw', 'se', 'sw', 'po']);
const NAME_UPPER = new Set(['ii', 'iii', 'iv']);

/**
 * The registry writes names and addresses in capitals ("1200 W HARRISON ST", "O'BRIEN"): as people
 * write them ("1200 W Harrison St", "O'Brien"). Text that already has lower case is left alone.
 */
export function tidyCase(text: string, kind: 'address' | 'name' = 'name'): string {
  if (/\p{Ll}/u.test(text)) return text;
  const upper = kind === 'address' ? ADDRESS_UPPER : NAME_UPPER;
  return text
    .toLowerCase()
    .split(' ')
    .map((w) => (upper.has(w.replace(/\.$/, '')) || w.length === 1 ? w.toUpperCase() : /^\d/.test(w) ? w : w.replace(/(^|[-'’])(\p{L})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase())))
    .join(' ');
}

/** The name of an office made for individuals no organisation in the file is at: "1200 W Harrison St, Chicago IL". */
export function addressOfficeName(line1: string, city: string, state: string): string {
  const place = [tidyCase(city.trim(), 'address'), state.trim().toUpperCase()].filter(Boolean).join(' ');
  return [tidyCase(line1.trim().replace(/\s+/g, ' '), 'address'), place].filter(Boolean).join(', ');
}

/** The registry's free-text credential as the person form keeps it: "M.D." → "MD", "PT, DPT" as is. */
export function registryCredential(text: string): string | null {
  const s = text.replace(/\./g, '').replace(/\s+/g, ' ').trim();
  return s || null;
}
