import { nppesHeaders } from '../../src/shared/nppes/headers';
import { npiWithCheckDigit } from '../../src/shared/npi';

/** One registry row as a test describes it; everything left out is an empty cell, as in CMS's file. */
export interface RegistryRow {
  npi: string;
  type?: 1 | 2 | '';
  org?: string;
  otherOrg?: string;
  last?: string;
  first?: string;
  middle?: string;
  suffix?: string;
  credential?: string;
  line1?: string;
  line2?: string;
  city?: string;
  state?: string;
  zip?: string;
  country?: string;
  phone?: string;
  fax?: string;
  /** taxonomy codes in slot order; `primary` is the index of the one switched Y (default 0) */
  taxonomies?: string[];
  primary?: number;
  licenses?: string[];
  enumerated?: string;
  updated?: string;
  deactivated?: string;
  reactivated?: string;
  sex?: string;
  /** a mailing address like the practice one, as most rows have */
  mailing?: boolean;
  /** any other cells, by header */
  extra?: Record<string, string>;
}

export const HEADERS = nppesHeaders();
const AT = new Map(HEADERS.map((h, i) => [h, i]));
const at = (h: string) => {
  const i = AT.get(h);
  if (i === undefined) throw new Error(`no NPPES column ${h}`);
  return i;
};
const P = 'Provider Business Practice Location Address';
const M = 'Provider Business Mailing Address';
const COL = {
  npi: at('NPI'), type: at('Entity Type Code'), org: at('Provider Organization Name (Legal Business Name)'), otherOrg: at('Provider Other Organization Name'),
  last: at('Provider Last Name (Legal Name)'), first: at('Provider First Name'), middle: at('Provider Middle Name'), suffix: at('Provider Name Suffix Text'),
  credential: at('Provider Credential Text'), line1: at('Provider First Line Business Practice Location Address'),
  line2: at('Provider Second Line Business Practice Location Address'), city: at(`${P} City Name`), state: at(`${P} State Name`), zip: at(`${P} Postal Code`),
  country: at(`${P} Country Code (If outside U.S.)`), phone: at(`${P} Telephone Number`), fax: at(`${P} Fax Number`),
  mLine1: at('Provider First Line Business Mailing Address'), mCity: at(`${M} City Name`), mState: at(`${M} State Name`), mZip: at(`${M} Postal Code`),
  mCountry: at(`${M} Country Code (If outside U.S.)`), mPhone: at(`${M} Telephone Number`),
  enumerated: at('Provider Enumeration Date'), updated: at('Last Update Date'), deactivated: at('NPI Deactivation Date'), reactivated: at('NPI Reactivation Date'),
  sex: at('Provider Sex Code'),
};

const quote = (v: string) => (v.includes('"') ? v.replace(/"/g, '""') : v);

/** One row as CMS writes it: every one of the 330 cells double-quoted, empty ones as "". */
export function registryLine(r: RegistryRow): string {
  const cells: string[] = new Array<string>(HEADERS.length).fill('');
  const set = (i: number, v: string | number | undefined) => {
    if (v !== undefined) cells[i] = String(v);
  };
  set(COL.npi, r.npi);
  set(COL.type, r.type ?? (r.deactivated && !r.reactivated ? '' : r.org ? 2 : 1));
  set(COL.org, r.org);
  set(COL.otherOrg, r.otherOrg);
  set(COL.last, r.last);
  set(COL.first, r.first);
  set(COL.middle, r.middle);
  set(COL.suffix, r.suffix);
  set(COL.credential, r.credential);
  set(COL.line1, r.line1);
  set(COL.line2, r.line2);
  set(COL.city, r.city);
  set(COL.state, r.state);
  set(COL.zip, r.zip);
  set(COL.country, r.country ?? (r.line1 ? 'US' : undefined));
  set(COL.phone, r.phone);
  set(COL.fax, r.fax);
  if (r.mailing) {
    set(COL.mLine1, r.line1);
    set(COL.mCity, r.city);
    set(COL.mState, r.state);
    set(COL.mZip, r.zip);
    set(COL.mCountry, 'US');
    set(COL.mPhone, r.phone);
  }
  set(COL.enumerated, r.enumerated);
  set(COL.updated, r.updated);
  set(COL.deactivated, r.deactivated);
  set(COL.reactivated, r.reactivated);
  set(COL.sex, r.sex);
  if (r.extra) for (const [h, v] of Object.entries(r.extra)) cells[at(h)] = v;
  (r.taxonomies ?? []).forEach((code, i) => {
    const slot = i * 4 + at('Healthcare Provider Taxonomy Code_1');
    cells[slot] = code;
    cells[slot + 1] = r.licenses?.[i] ?? '';
    cells[slot + 2] = r.licenses?.[i] ? (r.state ?? '') : '';
    cells[slot + 3] = i === (r.primary ?? 0) ? 'Y' : 'N';
  });
  return `"${cells.map(quote).join('","')}"`;
}

export const registryHeaderLine = () => `"${HEADERS.join('","')}"`;

/** A whole registry file (CRLF, as CMS writes it). */
export const registryFile = (rows: readonly RegistryRow[]) => [registryHeaderLine(), ...rows.map(registryLine)].join('\r\n') + '\r\n';

/** A valid NPI from a small number (1 → 100000001 + check digit): readable in tests, never clashing. */
export const npi = (n: number) => npiWithCheckDigit(String(100_000_000 + n));
