import { zip5 } from '../../shared/domain/zip';
import { IMPORT_FIELDS, type ImportField } from '../../shared/imports/fields';
import { matchDetail, nearNames, normaliseOfficeName, normaliseStreet, phoneKey, type MatchReason } from '../../shared/imports/matching';
import type { OfficeInput } from './plan';

/** What an office is recognised by, worked out once per office. */
/**
 * A name with a typo or two keeps its first or its last three letters (one edit cannot change
 * both ends; two rarely do), so near names are only compared among those: a medical building's
 * hundred practices are not each compared with every other.
 */
export interface MatchKeys {
  npi: string;
  name: string;
  /** name and ZIP5 together */
  nameZip: string;
  zip: string;
  phone: string;
  /**
   * normalised street line + ZIP5 + the name's first or last three letters: only offices at one
   * address whose names share an end are compared by near names
   */
  street: readonly [string, string] | null;
}

export function matchKeys(o: { name: string; npi?: string | null; phone?: string | null; address: { line1?: string | null; zip?: string | null } }): MatchKeys {
  const zip = zip5(o.address.zip);
  const street = normaliseStreet(o.address.line1);
  const name = normaliseOfficeName(o.name);
  const at = street && zip && name ? `${street}|${zip}|` : '';
  return {
    npi: o.npi ?? '', name, nameZip: name ? `${name}|${zip}` : '', zip, phone: phoneKey(o.phone),
    street: at ? [`${at}<${name.slice(0, 3)}`, `${at}>${name.slice(-3)}`] : null,
  };
}

export interface Match<T> {
  ref: T;
  reason: MatchReason;
  /** why, in words ("Same address; the names differ by 1 letter") */
  detail: string;
}

/**
 * Offices to match against, keyed every way an office is recognised: the app's live offices, or
 * the offices met so far in the file. The first office under a key keeps it.
 */
interface Entry<T> {
  ref: T;
  keys: MatchKeys;
}

export class OfficeIndex<T> {
  private readonly npi = new Map<string, Entry<T>>();
  private readonly nameZip = new Map<string, Entry<T>>();
  private readonly phone = new Map<string, Entry<T>>();
  /** by street address and one end of the name (MatchKeys.street); one entry, or several */
  private readonly street = new Map<string, Entry<T> | Entry<T>[]>();

  add(keys: MatchKeys, ref: T): void {
    const e = { ref, keys };
    if (keys.npi && !this.npi.has(keys.npi)) this.npi.set(keys.npi, e);
    if (keys.nameZip && !this.nameZip.has(keys.nameZip)) this.nameZip.set(keys.nameZip, e);
    if (keys.phone && !this.phone.has(keys.phone)) this.phone.set(keys.phone, e);
    for (const key of keys.street ?? []) {
      const there = this.street.get(key);
      if (!there) this.street.set(key, e);
      else if (Array.isArray(there)) there.push(e);
      else this.street.set(key, [there, e]);
    }
  }

  /** The strongest match: NPI, then name + ZIP, then near names at one street address, then phone. */
  find(k: MatchKeys): Match<T> | null {
    const byNpi = k.npi ? this.npi.get(k.npi) : undefined;
    if (byNpi) return { ref: byNpi.ref, reason: 'npi', detail: matchDetail('npi') };
    // Two offices with different NPIs are different offices, whatever else they share.
    const other = (e: Entry<T> | undefined) => e && !(k.npi && e.keys.npi && k.npi !== e.keys.npi);
    const byName = k.nameZip ? this.nameZip.get(k.nameZip) : undefined;
    if (other(byName)) return { ref: byName!.ref, reason: 'nameZip', detail: matchDetail('nameZip') };
    for (const key of k.street ?? []) {
      const there = this.street.get(key);
      for (const e of there === undefined ? [] : Array.isArray(there) ? there : [there]) {
        const near = other(e) ? nearNames(k.name, e.keys.name) : null;
        if (near) return { ref: e.ref, reason: 'nameStreet', detail: matchDetail('nameStreet', near) };
      }
    }
    const byPhone = k.phone ? this.phone.get(k.phone) : undefined;
    if (other(byPhone)) return { ref: byPhone!.ref, reason: 'phone', detail: matchDetail('phone') };
    return null;
  }
}

const label = new Map<string, string>(IMPORT_FIELDS.map((f) => [f.key, f.label]));

type Cell = readonly [ImportField, (o: OfficeInput) => unknown, (o: OfficeInput, v: never) => void];
const CELLS: readonly Cell[] = [
  ['name', (o) => o.name, (o, v) => (o.name = v)],
  ['kind', (o) => o.kind, (o, v) => (o.kind = v)],
  ['specialties', (o) => (o.specialties.length ? o.specialties.join('\u0000') : null), (o, v) => (o.specialties = (v as string).split('\u0000'))],
  ['address1', (o) => o.address.line1, (o, v) => (o.address.line1 = v)],
  ['address2', (o) => o.address.line2, (o, v) => (o.address.line2 = v)],
  ['city', (o) => o.address.city, (o, v) => (o.address.city = v)],
  ['state', (o) => o.address.state, (o, v) => (o.address.state = v)],
  ['zip', (o) => o.address.zip, (o, v) => (o.address.zip = v)],
  ['phone', (o) => o.phone, (o, v) => (o.phone = v)],
  ['fax', (o) => o.fax, (o, v) => (o.fax = v)],
  ['email', (o) => o.email, (o, v) => (o.email = v)],
  ['website', (o) => o.website, (o, v) => (o.website = v)],
  ['npi', (o) => o.npi, (o, v) => (o.npi = v)],
  ['tier', (o) => o.tier, (o, v) => (o.tier = v)],
  ['stage', (o) => o.stage, (o, v) => (o.stage = v)],
  ['owner', (o) => o.ownerName, (o, v) => (o.ownerName = v)],
  ['tags', (o) => (o.tags.length ? o.tags.join('\u0000') : null), (o, v) => (o.tags = (v as string).split('\u0000'))],
  ['notes', (o) => o.notes, (o, v) => (o.notes = v)],
  ['bestTime', (o) => o.bestTime, (o, v) => (o.bestTime = v)],
  ['lunchPrefs', (o) => o.lunchPrefs, (o, v) => (o.lunchPrefs = v)],
];

const ADDRESS = new Set<ImportField>(['address1', 'address2', 'city', 'state', 'zip']);
const empty = (v: unknown) => v === null || v === undefined || v === '';

/**
 * The fields (as the user knows them) where a later row of the file says something else than the
 * row it repeats. ZIP 60607 and 60607-1234 do not disagree. Only mapped columns count: a default
 * the schema filled in is not the file's word.
 */
export function conflicts(first: OfficeInput, later: OfficeInput, mapped: ReadonlySet<ImportField>): string[] {
  const out: string[] = [];
  for (const [field, get] of CELLS) {
    if (!mapped.has(field)) continue;
    const a = get(first);
    const b = get(later);
    if (empty(a) || empty(b) || a === b) continue;
    if (field === 'zip' && zip5(a as string) === zip5(b as string)) continue;
    out.push(label.get(field)!);
  }
  return out;
}

/** Whether a later row leaves the fields an office is matched by as the first row had them (one row per person), so its keys still hold. */
export function sameMatchFields(first: OfficeInput, later: OfficeInput): boolean {
  return first.npi === later.npi && first.phone === later.phone && first.address.line1 === later.address.line1 && first.address.zip === later.address.zip && first.name === later.name;
}

/** Fills what the first row left blank from a later row of the same office: nothing the file says is lost by merging. */
export function fillBlanks(first: OfficeInput, later: OfficeInput, mapped: ReadonlySet<ImportField>): void {
  // An address is one place: parts of another street's address never complete this one.
  const sameStreet = !first.address.line1 || !later.address.line1 || normaliseStreet(first.address.line1) === normaliseStreet(later.address.line1);
  for (const [field, get, set] of CELLS) {
    if (!mapped.has(field)) continue;
    if (ADDRESS.has(field) && !sameStreet) continue;
    const a = get(first);
    const b = get(later);
    // The longer ZIP (ZIP+4) says more about the same place.
    if (field === 'zip' && !empty(a) && !empty(b) && zip5(a as string) === zip5(b as string) && (b as string).length > (a as string).length) set(first, b as never);
    if (empty(a) && !empty(b)) set(first, b as never);
  }
}
