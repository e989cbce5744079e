import { AppError } from '../../shared/errors';
import { dayBounds, systemZone } from '../../shared/visits/time';
import type { Ctx } from '../context';
import { visitsToIcs } from './ics';
import { requireVisit, visitsInRange } from './service';

/**
 * Planned and cancelled visits between two days as an .ics file for Outlook or Google Calendar
 * (a cancelled one tells their copy to drop it). `liaison`: an id, null for nobody yet (no "me"),
 * undefined for the whole team. An archived office's visits are left out.
 */
export function exportIcs(ctx: Ctx, q: { from: string; to: string; liaison: string | null | undefined; zone?: string }) {
  const zone = q.zone ?? systemZone();
  if (q.to < q.from) throw new AppError('invalid_input', 'The end date is before the start date.', [{ path: ['to'], message: 'The end date is before the start date.' }]);
  const visits = q.liaison === null ? [] : visitsInRange(ctx, dayBounds(q.from, zone).start, dayBounds(q.to, zone).end, q.liaison ?? null, { activeOfficesOnly: true });
  const full = visits.filter((v) => v.status === 'planned' || v.status === 'cancelled').map((v) => requireVisit(ctx, v.id));
  const addressOf = (officeId: string) => {
    const o = ctx.store.first(ctx.store.q.selectFrom('offices').select('address').where('id', '=', officeId));
    const a = o ? (JSON.parse(o.address) as Record<string, string | null>) : {};
    return [a.line1, a.line2, a.city, [a.state, a.zip].filter(Boolean).join(' ')].filter(Boolean).join(', ') || null;
  };
  const text = visitsToIcs(
    full.map((v) => ({
      id: v.id,
      title: `Visit: ${v.officeName}`,
      location: addressOf(v.officeId),
      description:
        [v.liaisonName ? `Liaison: ${v.liaisonName}` : null, v.notes, v.status === 'cancelled' && v.reason ? `Cancelled: ${v.reason}` : null].filter(Boolean).join('\n') ||
        null,
      startsAt: v.startsAt,
      endsAt: v.endsAt,
      status: v.status,
      sequence: v.sequence,
      createdAt: v.createdAt,
      updatedAt: v.updatedAt,
    })),
    { zone, calendarName: 'Liaison visits', now: ctx.now() },
  );
  return { fileName: `visits-${q.from}-to-${q.to}.ics`, text, count: full.length };
}
