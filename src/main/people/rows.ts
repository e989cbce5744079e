import type { Person } from '../../shared/domain/person';
import type { Insertable, Selectable } from 'kysely';
import type { PeopleTable } from '../db/schema';

type PersonFieldsOut = Omit<Person, 'id' | 'officeId' | 'createdAt' | 'updatedAt' | 'archivedAt'>;

export function personCells(f: Partial<PersonFieldsOut>): Partial<PeopleTable> {
  const c: Partial<PeopleTable> = {};
  if (f.kind !== undefined) c.kind = f.kind;
  if (f.firstName !== undefined) c.first_name = f.firstName;
  if (f.lastName !== undefined) c.last_name = f.lastName;
  if (f.credentials !== undefined) c.credentials = f.credentials;
  if (f.specialty !== undefined) c.specialty = f.specialty;
  if (f.npi !== undefined) c.npi = f.npi;
  if (f.role !== undefined) c.role = f.role;
  if (f.phone !== undefined) c.phone = f.phone;
  if (f.email !== undefined) c.email = f.email;
  if (f.notes !== undefined) c.notes = f.notes;
  return c;
}

type PersonRecordFields = Partial<PersonFieldsOut> & Pick<PersonFieldsOut, 'kind' | 'firstName' | 'lastName'>;

/** The stored row of a new person at an office, as insertRow writes it (unset fields as null). */
export function personRecord(id: string, officeId: string, f: PersonRecordFields, now: string): Insertable<PeopleTable> & { id: string } {
  // One literal with every column (no spread): see officeRecord.
  return {
    id, office_id: officeId, kind: f.kind, first_name: f.firstName, last_name: f.lastName, credentials: f.credentials ?? null,
    specialty: f.specialty ?? null, npi: f.npi ?? null, role: f.role ?? null, phone: f.phone ?? null, email: f.email ?? null,
    notes: f.notes ?? null, created_at: now, updated_at: now, archived_at: null, deleted_at: null,
  };
}

export function personFromRow(r: Selectable<PeopleTable>): Person {
  return {
    id: r.id,
    officeId: r.office_id,
    kind: r.kind as Person['kind'],
    firstName: r.first_name,
    lastName: r.last_name,
    credentials: r.credentials,
    specialty: r.specialty,
    npi: r.npi,
    role: r.role as Person['role'],
    phone: r.phone,
    email: r.email,
    notes: r.notes,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    archivedAt: r.archived_at,
  };
}
