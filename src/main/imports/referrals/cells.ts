import type { z } from 'zod';
import { npiNumber } from '../../../shared/domain/fields';
import { OfficeFields } from '../../../shared/domain/office';
import { ReferralFields, serviceLine, type Direction, type LostReason, type ReferralStatus, type SourceKind } from '../../../shared/domain/referral';
import { referralCode } from '../../../shared/domain/gift';
import { zipField } from '../../../shared/domain/zip';
import { readDay } from '../../../shared/imports/dates';
import { REFERRAL_FIELDS, type ReferralField } from '../../../shared/imports/referralFields';
import { readDirection, readLostReason, readSourceKind, readStatus, type Read } from '../../../shared/imports/referralWords';

/** The step dates a report may carry, as the referral service names them. */
export const STEP_DATES = ['contactedOn', 'scheduledOn', 'appointmentOn', 'seenOn', 'noteSentOn', 'closedOn', 'lostOn'] as const;
export type StepDate = (typeof STEP_DATES)[number];

/** One row of a referral report as the app reads it, before its office is found. Null: the row leaves it blank. */
export interface ReferralCells {
  direction: Direction;
  receivedOn: string;
  sourceKind: SourceKind | null;
  serviceLine: string | null;
  referralCode: string | null;
  sourceId: string | null;
  /** the step dates the row gives */
  dates: Partial<Record<StepDate, string>>;
  status: { status: ReferralStatus; lostReason: LostReason | null } | null;
  lostReason: LostReason | null;
  notes: string | null;
  office: { name: string | null; npi: string | null; zip: string | null };
  physician: { name: string | null; npi: string | null };
}

const LABEL = new Map<string, string>(REFERRAL_FIELDS.map((f) => [f.key, f.label]));
export const referralFieldLabel = (k: string) => LABEL.get(k) ?? k;

const UNREADABLE_DATE = 'Not a date we can read (use 2026-03-04, 3/4/2026 or Mar 4, 2026)';

/**
 * One row's cells, each read by the rule of its field: the domain's own schemas (service line,
 * referral code, NPI, ZIP, notes) and the words a practice system writes (source, status, reason,
 * direction). Every problem of the row is listed, never the cell's text: a message stays the same
 * for every row with the problem (so problems group), and a report's cells are not repeated back.
 */
export function parseReferralCells(v: Partial<Record<ReferralField, string>>): { success: true; data: ReferralCells } | { success: false; message: string } {
  const problems: string[] = [];
  const fail = (field: ReferralField, message: string) => problems.push(`${referralFieldLabel(field)}: ${message}`);
  const schema = <T,>(field: ReferralField, s: z.ZodType<T>): T | null => {
    const raw = v[field];
    if (!raw) return null;
    const r = s.safeParse(raw);
    if (r.success) return r.data;
    fail(field, r.error.issues[0]!.message);
    return null;
  };
  const words = <T,>(field: ReferralField, read: (s: string) => Read<T>): T | null => {
    const raw = v[field];
    if (!raw) return null;
    const r = read(raw);
    if (r.ok) return r.value;
    fail(field, r.message);
    return null;
  };
  const date = (field: ReferralField): string | null => {
    const raw = v[field];
    if (!raw) return null;
    const d = readDay(raw);
    if (!d) fail(field, UNREADABLE_DATE);
    return d;
  };

  const receivedOn = date('receivedOn');
  if (!v.receivedOn) fail('receivedOn', 'Every referral needs the day it arrived');
  const dates: ReferralCells['dates'] = {};
  for (const f of STEP_DATES) {
    const d = date(f);
    if (d) dates[f] = d;
  }
  if (v.serviceLine === '') fail('serviceLine', serviceLine.safeParse('').error!.issues[0]!.message);
  const cells = {
    direction: words('direction', readDirection) ?? 'in',
    sourceKind: words('sourceKind', readSourceKind),
    serviceLine: schema('serviceLine', serviceLine),
    referralCode: schema('referralCode', referralCode),
    sourceId: schema('sourceId', ReferralFields.shape.sourceId.unwrap().unwrap()),
    status: words('status', readStatus),
    lostReason: words('lostReason', readLostReason),
    notes: schema('notes', ReferralFields.shape.notes),
    office: { name: schema('officeName', OfficeFields.shape.name), npi: schema('officeNpi', npiNumber), zip: schema('officeZip', zipField) },
    physician: { name: v.physicianName || null, npi: schema('physicianNpi', npiNumber) },
  };
  if (!cells.office.name && !cells.office.npi && !cells.physician.npi && !v.officeName && !v.officeNpi && !v.physicianNpi) {
    fail('officeName', 'The row names no referring office (an office name, office NPI or physician NPI)');
  }
  if (problems.length || !receivedOn) return { success: false, message: problems.join('; ') };
  return { success: true, data: { ...cells, receivedOn, dates } };
}
