import { zip5 } from '../../shared/domain/zip';
import { practiceKey } from '../../shared/nppes/practice';
import type { Ctx } from '../context';

export interface KnownOffice {
  id: string;
  name: string;
}

/** How an office is recognised as one the directory has when it has no NPI: the same name at the same five-digit ZIP (plan.ts's rule). */
export const nameZipKey = (name: string, zip: string | null | undefined) => `${name.toLowerCase()}|${zip5(zip)}`;

/**
 * What the directory already holds, read once per import or target list rather than per row: live
 * offices by NPI and by name + ZIP, and the NPIs of live people.
 */
export class Directory {
  readonly officeByNpi = new Map<string, KnownOffice>();
  readonly officeByNameZip = new Map<string, KnownOffice>();
  readonly personNpis = new Set<string>();

  constructor(private readonly ctx: Ctx) {
    const offices = ctx.store.all(ctx.store.q.selectFrom('offices').select(['id', 'name', 'npi', 'zip']).where('deleted_at', 'is', null).orderBy('created_at'));
    for (const o of offices) {
      const hit = { id: o.id, name: o.name };
      if (o.npi && !this.officeByNpi.has(o.npi)) this.officeByNpi.set(o.npi, hit);
      const nz = nameZipKey(o.name, o.zip);
      if (!this.officeByNameZip.has(nz)) this.officeByNameZip.set(nz, hit);
    }
    const people = ctx.store.all(ctx.store.q.selectFrom('people').select('npi').where('deleted_at', 'is', null).where('npi', 'is not', null));
    for (const p of people) this.personNpis.add(p.npi!);
  }

  /** The live office an office of a file is: by NPI, else by name + ZIP. */
  office(npi: string | null | undefined, name: string, zip: string | null | undefined): KnownOffice | null {
    return (npi ? this.officeByNpi.get(npi) : undefined) ?? this.officeByNameZip.get(nameZipKey(name, zip)) ?? null;
  }

  private places: Map<string, KnownOffice> | null = null;

  /** The live office at a practice location (street line 1 + ZIP5, as registry rows are matched), read on first use. */
  officeAt(practice: string): KnownOffice | null {
    if (!this.places) {
      this.places = new Map();
      const rows = this.ctx.store.all(
        this.ctx.store.q.selectFrom('offices').select(['id', 'name', 'address']).where('deleted_at', 'is', null).where('archived_at', 'is', null).orderBy('created_at'),
      );
      for (const r of rows) {
        const a = JSON.parse(r.address) as { line1?: string | null; zip?: string | null };
        const key = practiceKey(a.line1 ?? '', a.zip ?? '');
        if (key && !this.places.has(key)) this.places.set(key, { id: r.id, name: r.name });
      }
    }
    return (practice && this.places.get(practice)) || null;
  }

  /** Anyone or any office with this NPI is in the directory. */
  hasNpi(npi: string): boolean {
    return this.personNpis.has(npi) || this.officeByNpi.has(npi);
  }
}
