import { STATUS_DATE, STATUS_LABELS } from '../../../shared/domain/referral';
import type { ReferralsTable } from '../../db/schema';
import type { ReferralCells } from './cells';

type Row = ReferralsTable;
const STEP_COLUMNS = ['received_on', 'contacted_on', 'scheduled_on', 'appointment_on', 'seen_on', 'note_sent_on', 'closed_on', 'lost_on'] as const;

/**
 * What a report's status word adds to the dates: a practice system says "Seen" or "Cancelled"
 * more often than it dates the step. The dates decide the status (the service's rule); the word
 * only dates a step the row leaves undated:
 * - Seen: on the appointment day, once it has passed. The days-to-appointment and loop measures
 *   read the seen and note dates, so they are never guessed: without one the row says so.
 * - Contacted, scheduled, closed, lost: on the latest day the row knows (at least the day it
 *   arrived): the step happened by then, and no measure reads those days.
 * - A status other than lost puts back a loss the app had recorded (the patient was rebooked).
 * Returns the problem, if any; changes `row` in place.
 */
export function applyStatus(row: Row, cells: ReferralCells, asOf: string): string | null {
  if (!cells.status) return null;
  const { status, lostReason } = cells.status;
  if (status !== 'lost' && row.lost_on && !cells.dates.lostOn) {
    row.lost_on = null;
    row.lost_reason = null;
  }
  if (status === 'lost' && !row.lost_reason) row.lost_reason = cells.lostReason ?? lostReason;
  if (status === 'received') return null;
  const col = STATUS_DATE[status];
  if (row[col] || (status === 'scheduled' && row.appointment_on)) return null;
  if (status === 'seen') {
    if (row.appointment_on && row.appointment_on <= asOf) row.seen_on = row.appointment_on;
    else return `Status: “${STATUS_LABELS.seen}” needs the day the patient was seen (map the seen or appointment date column)`;
  } else if (status === 'note_sent') {
    return `Status: “${STATUS_LABELS.note_sent}” needs the day the note went back (map the note sent date column)`;
  } else {
    row[col] = STEP_COLUMNS.map((c) => row[c]).reduce<string>((latest, d) => (d && d <= asOf && d > latest ? d : latest), row.received_on);
  }
  return null;
}
