import type { z } from 'zod';
import type { Office, OfficeCreate, OfficeFields, OfficeRow } from '../../shared/domain/office';
import type { Insertable, Selectable } from 'kysely';
import type { OfficesTable } from '../db/schema';

type OfficeCells = Partial<Omit<OfficesTable, 'id' | 'city' | 'state' | 'zip'>>;

/** Fixed key order, so an unchanged address compares equal as text. */
function addressCell(a: Partial<Office['address']>): string {
  return JSON.stringify({ line1: a.line1 ?? null, line2: a.line2 ?? null, city: a.city ?? null, state: a.state ?? null, zip: a.zip ?? null });
}

/** None is stored as null (as old rows have it), so clearing the windows compares equal to never having set them. */
function visitHoursCell(h: Office['visitHours']): string | null {
  return h.length ? JSON.stringify(h.map((w) => ({ days: w.days, from: w.from, to: w.to }))) : null;
}

function cadenceCell(c: Office['cadence']): string | null {
  if (!c) return null;
  return JSON.stringify('paused' in c ? { paused: true, reason: c.reason ?? null } : { every: c.every });
}

/** Domain fields → stored cells. Only the keys present in `fields` appear in the result. */
export function officeCells(fields: Partial<OfficeFields>): OfficeCells {
  const c: OfficeCells = {};
  if (fields.name !== undefined) c.name = fields.name;
  if (fields.kind !== undefined) c.kind = fields.kind;
  if (fields.specialties !== undefined) c.specialties = JSON.stringify(fields.specialties);
  if (fields.address !== undefined) c.address = addressCell(fields.address);
  if (fields.phone !== undefined) c.phone = fields.phone;
  if (fields.fax !== undefined) c.fax = fields.fax;
  if (fields.email !== undefined) c.email = fields.email;
  if (fields.website !== undefined) c.website = fields.website;
  if (fields.npi !== undefined) c.npi = fields.npi;
  if (fields.tier !== undefined) c.tier = fields.tier;
  if (fields.stage !== undefined) c.stage = fields.stage;
  // ownerName is resolved to ownerId by the service (it may add a team member); only the id is stored.
  if (fields.ownerId !== undefined) c.owner_id = fields.ownerId;
  if (fields.tags !== undefined) c.tags = JSON.stringify(fields.tags);
  if (fields.notes !== undefined) c.notes = fields.notes;
  if (fields.bestTime !== undefined) c.best_time = fields.bestTime;
  if (fields.lunchPrefs !== undefined) c.lunch_prefs = fields.lunchPrefs;
  if (fields.visitHours !== undefined) c.visit_hours = visitHoursCell(fields.visitHours);
  if (fields.coords !== undefined) c.coords = fields.coords ? JSON.stringify({ lat: fields.coords.lat, lng: fields.coords.lng }) : null;
  if (fields.cadence !== undefined) c.cadence = cadenceCell(fields.cadence);
  return c;
}

/** A new office as the domain sees it: validated input, blanks as null, not archived; `ownerName` is the owner's name as stored. */
export function newOffice(id: string, f: z.output<typeof OfficeCreate>, now: string, ownerName: string | null = null): Office {
  const a = f.address;
  return {
    id,
    name: f.name,
    kind: f.kind,
    specialties: f.specialties,
    address: { line1: a.line1 ?? null, line2: a.line2 ?? null, city: a.city ?? null, state: a.state ?? null, zip: a.zip ?? null },
    phone: f.phone ?? null,
    fax: f.fax ?? null,
    email: f.email ?? null,
    website: f.website ?? null,
    npi: f.npi ?? null,
    tier: f.tier ?? null,
    stage: f.stage,
    ownerId: f.ownerId ?? null,
    ownerName: f.ownerId ? ownerName : null,
    tags: f.tags,
    notes: f.notes ?? null,
    bestTime: f.bestTime ?? null,
    visitHours: f.visitHours,
    coords: f.coords ?? null,
    cadence: f.cadence ?? null,
    lunchPrefs: f.lunchPrefs ?? null,
    createdAt: now,
    updatedAt: now,
    archivedAt: null,
  };
}

/** The stored row of a new office, as insertRow writes it. */
// One literal with every column: imports build 50,000 of these, and a spread-then-override object
// turns slow (a dictionary) for everything that reads it after.
export function officeRecord(o: Office): Insertable<OfficesTable> & { id: string } {
  return {
    id: o.id, name: o.name, kind: o.kind, specialties: JSON.stringify(o.specialties), address: addressCell(o.address), phone: o.phone,
    fax: o.fax, email: o.email, website: o.website, npi: o.npi, tier: o.tier, stage: o.stage, owner_id: o.ownerId, tags: JSON.stringify(o.tags),
    notes: o.notes, best_time: o.bestTime, lunch_prefs: o.lunchPrefs,
    visit_hours: visitHoursCell(o.visitHours), coords: o.coords ? JSON.stringify(o.coords) : null, cadence: cadenceCell(o.cadence), created_at: o.createdAt, updated_at: o.updatedAt,
    archived_at: o.archivedAt, deleted_at: null,
  };
}

/** An office as read: its row and its owner's name now (joined, or from the list model's map). */
export function officeFromRow(r: Selectable<OfficesTable>, ownerName: string | null): Office {
  const address = JSON.parse(r.address) as Office['address'];
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as Office['kind'],
    specialties: JSON.parse(r.specialties) as string[],
    address: { line1: address.line1 ?? null, line2: address.line2 ?? null, city: address.city ?? null, state: address.state ?? null, zip: address.zip ?? null },
    phone: r.phone,
    fax: r.fax,
    email: r.email,
    website: r.website,
    npi: r.npi,
    tier: r.tier as Office['tier'],
    stage: r.stage as Office['stage'],
    ownerId: r.owner_id,
    ownerName: r.owner_id ? ownerName : null,
    tags: JSON.parse(r.tags) as string[],
    notes: r.notes,
    bestTime: r.best_time,
    visitHours: r.visit_hours ? (JSON.parse(r.visit_hours) as Office['visitHours']) : [],
    coords: r.coords ? (JSON.parse(r.coords) as Office['coords']) : null,
    cadence: r.cadence ? (JSON.parse(r.cadence) as Office['cadence']) : null,
    lunchPrefs: r.lunch_prefs,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    archivedAt: r.archived_at,
  };
}

export type OfficeListRecord = Pick<
  Selectable<OfficesTable>,
  'id' | 'name' | 'kind' | 'specialties' | 'phone' | 'npi' | 'tier' | 'stage' | 'owner_id' | 'tags' | 'updated_at' | 'archived_at' | 'city' | 'state' | 'zip'
>;

export function officeRowFromRecord(r: OfficeListRecord, nameOf: (memberId: string) => string | null): OfficeRow {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as OfficeRow['kind'],
    specialties: JSON.parse(r.specialties) as string[],
    phone: r.phone,
    npi: r.npi,
    tier: r.tier as OfficeRow['tier'],
    stage: r.stage as OfficeRow['stage'],
    ownerId: r.owner_id,
    ownerName: r.owner_id ? nameOf(r.owner_id) : null,
    tags: JSON.parse(r.tags) as string[],
    updatedAt: r.updated_at,
    archivedAt: r.archived_at,
    city: r.city,
    state: r.state,
    zip: r.zip,
  };
}
