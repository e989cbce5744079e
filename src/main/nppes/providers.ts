import type { ImportField } from '../../shared/imports/fields';
import type { RowError } from '../../shared/imports/contract';
import type { NppesChoice } from '../../shared/nppes/summary';
import { isDeactivated, taxonomyCodesOf, type NppesLayout } from '../../shared/nppes/headers';
import { addressOfficeName, phoneDigits, practiceKey, tidyCase } from '../../shared/nppes/practice';
import { officeKindOf, providerAsPerson, specialtiesOf } from '../../shared/nppes/provider';
import type { TaxonomyTable } from '../../shared/nppes/taxonomy';
import { OfficeFields } from '../../shared/domain/office';
import { CellResults, parseOfficeCells, parsePersonCells, type OfficeInput, type PersonInput, type PlannedOffice } from '../imports/plan';
import type { Directory } from './directory';

interface Located {
  npi: string;
  /** practiceKey: normalised street line 1 + ZIP5 ('' when the row lacks either) */
  practice: string;
  /** the practice phone's ten digits ('' when none) */
  phone: string;
  codes: string[];
  primary: string | null;
}

/** One registry row, read: an organisation as an office, an individual as a person (and the office their address would make). */
export type Provider =
  | { type: 'deactivated' }
  | { type: 'error'; message: string }
  | (Located & { type: 'org'; office: OfficeInput })
  | (Located & { type: 'individual'; person: PersonInput; display: string; address: string; atAddress: OfficeInput });

const cell = (record: readonly string[], i: number) => (i >= 0 ? (record[i] ?? '').trim() : '');

/**
 * A registry row checked by the same field rules as the forms and the spreadsheet import (so its
 * problems read the same: "ZIP: A ZIP code is 5 digits…"). Names and addresses the registry writes
 * in capitals are written as people write them; the organisation's name is kept as registered.
 */
export function readProvider(record: readonly string[], layout: NppesLayout, table: TaxonomyTable, cells: CellResults): Provider {
  const { col } = layout;
  const get = (i: number) => cell(record, i);
  if (isDeactivated(get(col.deactivated), get(col.reactivated))) return { type: 'deactivated' };
  const entity = get(col.entityType);
  if (entity !== '1' && entity !== '2') {
    return { type: 'error', message: `Entity Type Code: expected 1 (an individual) or 2 (an organization), not "${entity}"` };
  }
  const country = get(col.country).toUpperCase();
  if (country && country !== 'US') return { type: 'error', message: `Practice location: outside the US (country ${country})` };
  const { codes, primary } = taxonomyCodesOf(record, layout);
  const line1 = get(col.line1);
  const zip = get(col.zip);
  const located: Located = { npi: get(col.npi), practice: practiceKey(line1, zip), phone: phoneDigits(get(col.phone)), codes, primary };
  const address: Partial<Record<ImportField, string>> = {
    address1: tidyCase(line1, 'address'), address2: tidyCase(get(col.line2), 'address'), city: tidyCase(get(col.city), 'address'),
    state: get(col.state), zip, phone: get(col.phone), fax: get(col.fax),
  };
  const kind = officeKindOf(table, codes, primary);
  const specialties = specialtiesOf(table, codes, primary);

  if (entity === '2') {
    const office = parseOfficeCells({ ...address, name: get(col.orgName) || get(col.otherOrgName), npi: located.npi }, cells);
    if (!office.success) return { type: 'error', message: office.message };
    return { ...located, type: 'org', office: withTaxonomy(office.data, kind, specialties) };
  }

  if (!line1) return { type: 'error', message: 'Address: the practice location has no street address, so this provider cannot be placed at an office' };
  const who = providerAsPerson(table, codes, primary, get(col.credential));
  const suffix = get(col.suffix);
  const person = parsePersonCells(
    {
      personFirstName: tidyCase(get(col.firstName)), personLastName: tidyCase([get(col.lastName), suffix].filter(Boolean).join(' ')),
      personKind: who.kind, personCredentials: who.credentials ?? '', personSpecialty: who.specialty ?? '', personNpi: located.npi, personPhone: get(col.phone),
    },
    cells,
  );
  // The office this individual's address makes if no organisation of the file is there, checked now so a bad address is this row's problem.
  const name = addressOfficeName(line1, get(col.city), get(col.state));
  const atAddress = parseOfficeCells({ ...address, name }, cells);
  if (!person.success || !atAddress.success) {
    return { type: 'error', message: [person, atAddress].flatMap((r) => (r.success ? [] : [r.message])).join('; ') };
  }
  const p = person.data;
  return {
    ...located, type: 'individual', person: p, display: `${p.firstName} ${p.lastName}${p.credentials ? `, ${p.credentials}` : ''}`,
    address: name, atAddress: withTaxonomy(atAddress.data, kind, specialties.slice(0, 1)),
  };
}

function withTaxonomy(office: OfficeInput, kind: OfficeInput['kind'], specialties: string[]): OfficeInput {
  const checked = OfficeFields.shape.specialties.safeParse(specialties);
  return { ...office, kind, specialties: checked.success ? checked.data : [] };
}

export interface Grouped {
  offices: PlannedOffice[];
  errors: RowError[];
  organisations: number;
  individuals: number;
  deactivated: number;
  attachedByAddress: number;
  attachedByPhone: number;
  newOfficesForIndividuals: number;
  ambiguous: NppesChoice[];
}

type Org = Extract<Provider, { type: 'org' }> & { planned: PlannedOffice };

const orgLabel = (o: Org) => `${o.office.name} — ${[o.office.address.line1, o.office.address.city].filter(Boolean).join(', ')} (NPI ${o.npi})`;

function addTo(map: Map<string, Org[]>, key: string, org: Org): void {
  if (!key) return;
  const list = map.get(key);
  if (list) list.push(org);
  else map.set(key, [org]);
}

/**
 * Individuals name no employer, so each joins the organisation of the file at the same practice
 * location: same street line 1 and ZIP5 (narrowed by phone when several are there), else the same
 * phone. Several matches: the first in file order, unless the user chose (`chosen`); all are listed.
 * No match: with `toDirectory`, the directory's office at that address; else an office named for
 * the address, one per address, holding everyone there.
 */
export function groupProviders(
  rows: readonly { row: number; provider: Provider }[],
  directory: Directory,
  chosen: (row: number) => string | undefined = () => undefined,
  toDirectory = false,
): Grouped {
  const g: Grouped = {
    offices: [], errors: [], organisations: 0, individuals: 0, deactivated: 0, attachedByAddress: 0, attachedByPhone: 0, newOfficesForIndividuals: 0, ambiguous: [],
  };
  const byPlace = new Map<string, Org[]>();
  const byPhone = new Map<string, Org[]>();
  for (const { row, provider: p } of rows) {
    if (p.type === 'deactivated') g.deactivated++;
    else if (p.type === 'error') g.errors.push({ row, message: p.message });
    else if (p.type === 'org') {
      // The action for a match with the directory is set by the plan from the user's choices.
      const planned: PlannedOffice = { row, office: p.office, people: [], existing: directory.office(p.office.npi, p.office.name, p.office.address.zip), action: 'skip' };
      const org: Org = { ...p, planned };
      g.offices.push(planned);
      g.organisations++;
      addTo(byPlace, p.practice, org);
      addTo(byPhone, p.phone, org);
    }
  }
  const atAddress = new Map<string, PlannedOffice>();
  for (const { row, provider: p } of rows) {
    if (p.type !== 'individual') continue;
    g.individuals++;
    let by: NppesChoice['by'] = 'address';
    let candidates = (p.practice && byPlace.get(p.practice)) || [];
    if (candidates.length > 1 && p.phone) {
      const samePhone = candidates.filter((o) => o.phone === p.phone);
      if (samePhone.length > 0) candidates = samePhone;
    }
    if (candidates.length === 0) [by, candidates] = ['phone', (p.phone && byPhone.get(p.phone)) || []];
    let office: PlannedOffice;
    if (candidates.length > 0) {
      const pick = chosen(row);
      const org = candidates.find((o) => o.npi === pick) ?? candidates[0]!;
      office = org.planned;
      if (by === 'address') g.attachedByAddress++;
      else g.attachedByPhone++;
      if (candidates.length > 1) {
        g.ambiguous.push({ row, person: p.display, address: p.address, candidates: candidates.map((o) => ({ key: o.npi, label: orgLabel(o) })), chosen: org.npi, by });
      }
    } else {
      const key = p.practice || `phone:${p.phone}`;
      let made = atAddress.get(key);
      if (!made) {
        const there = toDirectory ? directory.officeAt(p.practice) : null;
        made = { row, office: p.atAddress, people: [], existing: there ?? directory.office(null, p.atAddress.name, p.atAddress.address.zip), action: 'skip' };
        atAddress.set(key, made);
        g.offices.push(made);
        g.newOfficesForIndividuals++;
      } else if (p.atAddress.specialties[0] && !made.office.specialties.includes(p.atAddress.specialties[0]) && made.office.specialties.length < 30) {
        made.office.specialties.push(p.atAddress.specialties[0]);
      }
      office = made;
    }
    // The practice's phone is the office's; a person keeps theirs only when it is another number.
    office.people.push(p.person.phone && p.person.phone === office.office.phone ? { ...p.person, phone: null } : p.person);
  }
  g.offices.sort((a, b) => a.row - b.row);
  return g;
}
