import fs from 'node:fs';
import Papa from 'papaparse';
import { AppError } from '../../shared/errors';
import { milesBetween, type LatLng } from '../../shared/geo/distance';
import { isDeactivated, isNppesHeaders, nppesLayout, taxonomyCodesOf, type NppesLayout } from '../../shared/nppes/headers';
import { addressOfficeName, tidyCase } from '../../shared/nppes/practice';
import { taxonomyName, type TaxonomyTable } from '../../shared/nppes/taxonomy';
import type { TargetEntity, TargetMatch } from '../../shared/targets/contract';
import type { ZipCentroids } from '../geo/zipCentroids';
import { nameZipKey } from '../nppes/directory';

/** The criteria as the filter uses them: codes as a set, the centre as a point, the state as its code. */
export interface Filter {
  codes: ReadonlySet<string>;
  entity: TargetEntity;
  near: { centre: LatLng; miles: number; zips: ZipCentroids } | null;
  state: string | null;
  /** the directory to leave out; null: leave nothing out */
  directory: { hasNpi(npi: string): boolean; officeByNameZip: ReadonlyMap<string, unknown> } | null;
}

/** A kept match: what the list shows, and the row's cells the app reads (the other 280-odd are dropped at once). */
export interface Kept {
  view: Omit<TargetMatch, 'id' | 'added'>;
  record: string[];
}

export interface FilterResult {
  rowsRead: number;
  count: number;
  kept: Kept[];
  /** how to read a kept record: the registry layout over the kept columns only */
  layout: NppesLayout;
}

/** Reads are this big: the size papaparse is fastest at here (npm run bench measured 16 KB–1 MB). */
const READ_BYTES = 64 * 1024;

/**
 * A copy of a cell that does not hold on to what it was cut from. The parser's cells are slices of
 * the 64 KB read they came in (V8 keeps the whole read alive for a slice of 13 characters or more):
 * 5,000 kept rows would pin some 300 MB of the file. Measured by npm run bench.
 */
const own = (s: string) => (s.length < 13 ? s : Buffer.from(s, 'utf8').toString('utf8'));

/** The file's columns the app reads, and the layout that reads a record cut down to them. */
function projection(layout: NppesLayout): { columns: number[]; layout: NppesLayout } {
  const columns: number[] = [];
  const keep = (i: number) => (i < 0 ? -1 : columns.push(i) - 1);
  const col = Object.fromEntries(Object.entries(layout.col).map(([k, i]) => [k, keep(i)])) as NppesLayout['col'];
  const taxonomy = layout.taxonomy.map(([c, s]) => [keep(c), keep(s)] as [number, number]);
  return { columns, layout: { col, taxonomy } };
}

/**
 * Streams an NPI registry file (the national one is several GB) and keeps the providers that fit:
 * memory stays bounded (the reads in flight and at most `cap` kept rows, each cut to the columns
 * the app reads) and the count stays exact past the cap. Each row looks only at the cells its
 * tests need, cheapest first. The file is read in slices between which the app answers others.
 */
export function filterRegistry(
  path: string,
  filter: Filter,
  table: TaxonomyTable,
  opts: { cap: number; onProgress?: (bytesRead: number, rowsRead: number, count: number) => void; signal?: AbortSignal },
): Promise<FilterResult> {
  return new Promise((resolve, reject) => {
    const stream = fs.createReadStream(path, { encoding: 'utf8', highWaterMark: READ_BYTES });
    let layout: NppesLayout | null = null;
    let cut: ReturnType<typeof projection> | null = null;
    let rowsRead = 0;
    let count = 0;
    const kept: Kept[] = [];
    const milesTo = new Map<string, number>();
    let failed = false;
    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      stream.destroy();
      reject(e);
    };
    opts.signal?.addEventListener('abort', () => fail(new AppError('conflict', 'The search was stopped.')), { once: true });

    const distance = (zip: string): number => {
      const five = zip.slice(0, 5);
      let d = milesTo.get(five);
      if (d === undefined) {
        const p = filter.near!.zips.place(five);
        d = p ? milesBetween(filter.near!.centre, p) : Infinity;
        milesTo.set(five, d);
      }
      return d;
    };

    Papa.parse<string[]>(stream, {
      skipEmptyLines: true,
      chunk: (results, parser) => {
        if (failed) return parser.abort();
        let rows = results.data;
        if (!layout) {
          const headers = (rows[0] ?? []).map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h));
          if (!isNppesHeaders(headers)) {
            // Failed first: aborting completes the parse at once.
            fail(new AppError('invalid_input', 'This is not an NPI registry file: target lists read the NPPES download from CMS (its header row starts NPI, Entity Type Code, …).'));
            return parser.abort();
          }
          layout = nppesLayout(headers);
          cut = projection(layout);
          rows = rows.slice(1);
        }
        const { col, taxonomy } = layout;
        for (const r of rows) {
          rowsRead++;
          const type = r[col.entityType];
          if (type !== '1' && type !== '2') continue;
          if (filter.entity !== 'both' && (type === '2') !== (filter.entity === 'organisations')) continue;
          if (filter.state && r[col.state] !== filter.state && r[col.state]?.trim().toUpperCase() !== filter.state) continue;
          if (filter.codes.size > 0 && !taxonomy.some(([c]) => filter.codes.has(r[c]!))) continue;
          const zip = r[col.zip] ?? '';
          const miles = filter.near ? distance(zip) : null;
          if (miles !== null && miles > filter.near!.miles) continue;
          if (r[col.deactivated] && isDeactivated(r[col.deactivated], r[col.reactivated])) continue;
          const npi = r[col.npi] ?? '';
          if (filter.directory) {
            if (filter.directory.hasNpi(npi)) continue;
            if (type === '2' && filter.directory.officeByNameZip.has(nameZipKey((r[col.orgName] || r[col.otherOrgName] || '').trim(), zip))) continue;
          }
          count++;
          if (kept.length < opts.cap) kept.push({ view: viewOf(r, layout, table, miles), record: cut!.columns.map((i) => own(r[i] ?? '')) });
        }
        opts.onProgress?.(stream.bytesRead, rowsRead, count);
      },
      complete: () => {
        if (failed) return;
        if (!layout) return fail(new AppError('invalid_input', 'The file is empty.'));
        resolve({ rowsRead, count, kept, layout: cut!.layout });
      },
      error: (e: Error) => fail(new AppError('invalid_input', `The file could not be read: ${e.message}`)),
    });
    stream.on('error', (e) => fail(new AppError('not_found', `The file could not be read: ${e.message}`)));
  });
}

function viewOf(r: readonly string[], layout: NppesLayout, table: TaxonomyTable, miles: number | null): Kept['view'] {
  const { col } = layout;
  const get = (i: number) => (i >= 0 ? (r[i] ?? '').trim() : '');
  const org = get(col.entityType) === '2';
  const { primary } = taxonomyCodesOf(r, layout);
  const credential = get(col.credential);
  const phone = get(col.phone);
  return {
    npi: own(get(col.npi)),
    entity: org ? 'organisation' : 'individual',
    name: own(
      org
        ? get(col.orgName) || get(col.otherOrgName)
        : `${tidyCase(get(col.firstName))} ${tidyCase(get(col.lastName))}${credential ? `, ${credential.replace(/\./g, '')}` : ''}`,
    ),
    specialty: primary ? own(taxonomyName(table, primary)) : null,
    address: own(`${addressOfficeName(get(col.line1), get(col.city), get(col.state))} ${get(col.zip).slice(0, 5)}`.trim()),
    phone: phone.length === 10 ? `(${phone.slice(0, 3)}) ${phone.slice(3, 6)}-${phone.slice(6)}` : own(phone) || null,
    miles: miles === null ? null : Math.round(miles * 10) / 10,
  };
}
