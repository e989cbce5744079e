import type { z } from 'zod';
import type { ReferralCreate, ReferralUpdate, SourceKind } from '../../../shared/domain/referral';
import { AppError } from '../../../shared/errors';
import type { OfficeChoice, RowError } from '../../../shared/imports/contract';
import type { ReferralField } from '../../../shared/imports/referralFields';
import type { Ctx } from '../../context';
import type { ReferralsTable } from '../../db/schema';
import { checkDates, STEP_FIELDS, statusOf, today } from '../../referrals/service';
import { OfficeIndex } from '../duplicates';
import { rowNumber, strayCells, type ParsedCsv } from '../parse';
import type { Mapping } from '../spec';
import { parseReferralCells, referralFieldLabel, type ReferralCells } from './cells';
import { applyStatus } from './dates';
import { ReferralOffices, referralOfficeKeys, type FoundOffice } from './offices';

type Row = ReferralsTable;
export type ReferralInput = Omit<z.output<typeof ReferralCreate>, 'officeId'>;
export type ReferralPatch = z.output<typeof ReferralUpdate>['patch'];

/** Rows naming one office the app does not have (by name and ZIP, or NPI), and what the user chose for them. */
export interface OfficeGroup {
  key: string;
  name: string;
  zip: string | null;
  npi: string | null;
  /** what kind of office to create: the first row's kind of source */
  sourceKind: SourceKind | null;
  rows: number;
  choice: OfficeChoice | null;
  /** for a link: the office chosen */
  linked: { id: string; name: string } | null;
  /** the one office at its ZIP whose name it likely is ("Hiltop Internal Med"), offered to link in one click */
  suggested: { id: string; name: string } | null;
}

export type Does = 'add' | 'update' | 'unchanged' | 'wait' | 'skip';

export interface PlannedReferral {
  row: number;
  cells: ReferralCells;
  /** the app's office the row was matched to, or the group of an office the app does not have */
  office: { found: FoundOffice } | { group: OfficeGroup };
  does: Does;
  /** a new referral (its office set at commit) */
  input: ReferralInput | null;
  /** an update of the live referral with the row's source id: only the cells that differ (a created office's id is added at commit) */
  update: { id: string; officeId: string; personId: string | null; patch: ReferralPatch } | null;
}

export interface ReferralPlan {
  rowCount: number;
  errors: RowError[];
  referrals: PlannedReferral[];
  groups: OfficeGroup[];
  /** rows naming a physician nobody at their office is (the referral is kept without one) */
  physiciansNotFound: number;
  /** rows written with no source id: importing the file again adds them again */
  withoutSourceId: number;
}

const REQUIRED: ReferralField[] = ['receivedOn', 'serviceLine'];

/**
 * A referral report as referrals, checked by the referral service's own rules, each matched to an
 * office of the app (or grouped under an office it lacks, waiting for the user's choice) and to a
 * live referral by its source id (an update, only of the cells that differ). Writes nothing.
 */
export function planReferrals(ctx: Ctx, csv: ParsedCsv, mapping: Mapping, choices: Record<string, OfficeChoice>): ReferralPlan {
  const plan: ReferralPlan = { rowCount: csv.records.length, errors: [], referrals: [], groups: [], physiciansNotFound: 0, withoutSourceId: 0 };
  const missing = [...REQUIRED.filter((f) => !mapping.includes(f)).map(referralFieldLabel)];
  if (!['officeName', 'officeNpi', 'physicianNpi'].some((f) => mapping.includes(f))) missing.push('Referring office (or an NPI)');
  if (missing.length) {
    plan.errors.push({ row: 1, message: missing.map((m) => `No column is mapped to "${m}"; map one to import.`).join('; ') });
    return plan;
  }
  const offices = new ReferralOffices(ctx);
  const unknown = new OfficeIndex<OfficeGroup>();
  const live = liveBySourceId(ctx);
  const inFile = new Set<string>();
  const asOf = today(ctx);

  csv.records.forEach((record, i) => {
    const row = rowNumber(i);
    const stray = strayCells(record, csv.headers.length);
    if (stray) return void plan.errors.push({ row, message: stray });
    const v: Partial<Record<ReferralField, string>> = {};
    mapping.forEach((field, col) => {
      if (field) v[field as ReferralField] = (record[col] ?? '').trim();
    });
    const parsed = parseReferralCells(v);
    if (!parsed.success) return void plan.errors.push({ row, message: parsed.message });
    const cells = parsed.data;
    const sourceKey = cells.sourceId ? `${cells.direction}\0${cells.sourceId}` : null;
    if (sourceKey && inFile.has(sourceKey)) {
      return void plan.errors.push({ row, message: `${referralFieldLabel('sourceId')}: An earlier row of the file has the same id (each referral is imported once)` });
    }
    if (sourceKey) inFile.add(sourceKey);

    const existing = sourceKey ? (live.get(sourceKey) ?? null) : null;
    const keys = referralOfficeKeys(cells.office);
    // An office linked by hand in an earlier import is not asked about again; a referral the app
    // has keeps its office when the report names one the app does not know.
    const found = offices.find(cells, keys) ?? offices.linked(keys) ?? (existing ? offices.current(existing) : null);
    let office: PlannedReferral['office'];
    if (found) {
      if (offices.isArchived(found.id)) return void plan.errors.push({ row, message: `${referralFieldLabel('officeName')}: ${found.name} is archived. Restore it before recording its referrals` });
      office = { found };
    } else {
      if (!cells.office.name) return void plan.errors.push({ row, message: `${referralFieldLabel('officeName')}: No office in the app has this NPI, and the row names no office to add` });
      let group = unknown.find(keys)?.ref;
      if (!group) {
        group = { key: `${keys.nameZip}|${keys.npi}`, name: cells.office.name, zip: keys.zip || null, npi: cells.office.npi, sourceKind: cells.sourceKind, rows: 0, choice: null, linked: null, suggested: null };
        plan.groups.push(group);
      }
      // Every row's keys, not only the first's: a later row with the NPI a joining row brought finds this group, so no two created offices share an NPI.
      unknown.add(keys, group);
      group.npi ??= cells.office.npi;
      office = { group };
    }

    const p: PlannedReferral = { row, cells, office, does: 'add', input: null, update: null };
    const problem = existing ? planUpdate(p, existing, asOf) : planNew(p, asOf);
    if (problem) return void plan.errors.push({ row, message: problem });
    if ('group' in office) office.group.rows++;
    plan.referrals.push(p);
  });

  for (const g of plan.groups) {
    applyChoice(ctx, g, choices[g.key] ?? null);
    g.suggested = g.zip ? offices.suggest(g.name, g.zip) : null;
  }
  for (const p of plan.referrals) settle(p, offices, plan);
  plan.errors.sort((a, b) => a.row - b.row);
  return plan;
}

/** Every live referral with a source id, by direction and id: a re-imported report finds its rows here. */
function liveBySourceId(ctx: Ctx): Map<string, Row> {
  const rows = ctx.store.read('SELECT * FROM referrals WHERE source_id IS NOT NULL AND deleted_at IS NULL').all() as Row[];
  return new Map(rows.map((r) => [`${r.direction}\0${r.source_id}`, r]));
}

/** The service's own check of a referral's dates, its field error said as a row problem. */
function check(row: Row, asOf: string): string | null {
  row.status = statusOf(row);
  try {
    checkDates(row, asOf);
    return null;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const field = e.issues?.[0]?.path[0];
    return `${typeof field === 'string' ? referralFieldLabel(field) : 'Dates'}: ${e.message}`;
  }
}

function planNew(p: PlannedReferral, asOf: string): string | null {
  const c = p.cells;
  const row: Row = {
    id: '', direction: c.direction, received_on: c.receivedOn, office_id: '', person_id: null, source_kind: c.sourceKind ?? 'physician_office',
    service_line: c.serviceLine ?? '', referral_code: c.referralCode, source_id: c.sourceId, status: 'received',
    contacted_on: null, scheduled_on: null, appointment_on: null, seen_on: null, note_sent_on: null, closed_on: null, lost_on: null,
    lost_reason: c.lostReason, liaison_id: null, notes: c.notes, created_at: '', updated_at: '', deleted_at: null,
  };
  for (const [field, col] of STEP_FIELDS) row[col] = c.dates[field] ?? null;
  const problem = applyStatus(row, c, asOf) ?? check(row, asOf);
  if (problem) return problem;
  p.input = {
    direction: c.direction, receivedOn: row.received_on, sourceKind: row.source_kind as SourceKind, serviceLine: row.service_line, referralCode: row.referral_code,
    sourceId: row.source_id, lostReason: row.lost_reason as ReferralInput['lostReason'], notes: row.notes, personId: null,
    ...Object.fromEntries(STEP_FIELDS.map(([field, col]) => [field, row[col]])),
  };
  return null;
}

/**
 * The live referral as the row would leave it: only cells the row fills and that differ (a blank
 * cell never wipes what the app knows), checked whole by the service's rules.
 */
function planUpdate(p: PlannedReferral, existing: Row, asOf: string): string | null {
  const c = p.cells;
  const next: Row = { ...existing };
  const put = <C extends keyof Row>(col: C, value: Row[C] | null) => value !== null && value !== undefined && (next[col] = value);
  put('received_on', c.receivedOn);
  put('source_kind', c.sourceKind);
  put('service_line', c.serviceLine);
  put('referral_code', c.referralCode);
  put('lost_reason', c.lostReason);
  put('notes', c.notes);
  for (const [field, col] of STEP_FIELDS) put(col, c.dates[field] ?? null);
  const problem = applyStatus(next, c, asOf) ?? check(next, asOf);
  if (problem) return problem;
  const patch: ReferralPatch = {};
  const CHANGED: (readonly [keyof ReferralPatch, keyof Row])[] = [
    ['receivedOn', 'received_on'], ['sourceKind', 'source_kind'], ['serviceLine', 'service_line'], ['referralCode', 'referral_code'],
    ['lostReason', 'lost_reason'], ['notes', 'notes'], ...STEP_FIELDS,
  ];
  for (const [field, col] of CHANGED) if (next[col] !== existing[col]) (patch as Record<string, unknown>)[field] = next[col];
  p.update = { id: existing.id, officeId: existing.office_id, personId: existing.person_id, patch };
  p.does = 'update';
  return null;
}

function applyChoice(ctx: Ctx, g: OfficeGroup, choice: OfficeChoice | null): void {
  g.choice = choice;
  if (choice?.action !== 'link') return;
  const office = ctx.store.read('SELECT id, name, archived_at FROM offices WHERE id = ? AND deleted_at IS NULL').get(choice.officeId) as
    | { id: string; name: string; archived_at: string | null }
    | undefined;
  if (!office) throw new AppError('invalid_input', `The office chosen for “${g.name}” no longer exists. Choose another.`);
  if (office.archived_at) throw new AppError('invalid_input', `${office.name}, chosen for “${g.name}”, is archived. Restore it or choose another.`);
  g.linked = { id: office.id, name: office.name };
}

/** Once every office is known (or waits): the row's physician at its office, and whether an update changes anything. */
function settle(p: PlannedReferral, offices: ReferralOffices, plan: ReferralPlan): void {
  let officeId: string | null;
  let personId: string | null = null;
  if ('found' in p.office) {
    officeId = p.office.found.id;
    personId = p.office.found.personId;
  } else {
    const { choice, linked } = p.office.group;
    if (!choice) return void (p.does = 'wait');
    if (choice.action === 'skip') return void (p.does = 'skip');
    officeId = linked?.id ?? null;
  }
  const physician = p.cells.physician;
  personId ??= officeId ? offices.physicianAt(officeId, physician) : null;
  if ((physician.name || physician.npi) && !personId) plan.physiciansNotFound++;
  if (p.input) {
    p.input.personId = personId;
    if (!p.cells.sourceId) plan.withoutSourceId++;
    return;
  }
  const u = p.update!;
  // The office (and with it the physician) moves only when the report names another one; an office created at commit is always another.
  if (officeId !== u.officeId && officeId !== null) u.patch.officeId = officeId;
  if (personId && personId !== u.personId) u.patch.personId = personId;
  const moves = officeId === null; // the group's office is created by the commit
  p.does = moves || Object.keys(u.patch).length ? 'update' : 'unchanged';
}
