import type { Selectable } from 'kysely';
import type { CalendarVisit, Feedback, Visit, VisitPurpose } from '../../shared/domain/visit';
import type { VisitFeedbackTable, VisitsTable } from '../db/schema';

export type VisitRow = Selectable<VisitsTable> & { office_name: string; liaison_name: string | null };

export function feedbackFromRow(r: Selectable<VisitFeedbackTable>): Feedback {
  return {
    id: r.id,
    visitId: r.visit_id,
    communication: r.communication,
    credibility: r.credibility,
    capacity: r.capacity,
    consistency: r.consistency,
    comment: r.comment,
    createdAt: r.created_at,
  };
}

export function visitFromRow(r: VisitRow, feedback: Feedback | null): Visit {
  return {
    id: r.id,
    officeId: r.office_id,
    officeName: r.office_name,
    liaisonId: r.liaison_id,
    liaisonName: r.liaison_name,
    status: r.status,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    pinned: r.pinned !== 0,
    purpose: r.purpose as VisitPurpose | null,
    seen: JSON.parse(r.seen) as string[],
    leftItems: JSON.parse(r.left_items) as string[],
    notes: r.notes,
    reason: r.reason,
    sequence: r.sequence,
    feedback,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** A visit as the calendar draws it, with its office's and liaison's names as the caller found them. */
export function calendarVisit(
  r: Pick<VisitsTable, 'id' | 'office_id' | 'liaison_id' | 'status' | 'starts_at' | 'ends_at' | 'pinned'>,
  officeName: string,
  liaisonName: string | null,
): CalendarVisit {
  return {
    id: r.id,
    officeId: r.office_id,
    officeName,
    liaisonId: r.liaison_id,
    liaisonName,
    status: r.status,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    pinned: r.pinned !== 0,
  };
}
