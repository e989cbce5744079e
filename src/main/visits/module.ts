import type { visitsContract } from '../../shared/visits/contract';
import { dayBounds, dayOf, systemZone } from '../../shared/visits/time';
import type { AppCore, DomainModule } from '../domain';
import { curesDue } from '../gifts/spend';
import { isManager } from '../../shared/domain/team';
import { readMe } from '../team/me';
import { requireMember } from '../team/service';
import { exportIcs } from './icsExport';
import { applyDayRoute, dayRoute, mileageCsv } from './route';
import { readCadenceSettings, remindersEnabled, saveCadenceSettings, setRemindersEnabled } from './settings';
import {
  calendarOfLiaison,
  changeVisit,
  closeVisit,
  completeVisit,
  logTouch,
  logVisit,
  planVisit,
  reopenVisit,
  requireVisit,
  visitsForOffice,
  visitsInRange,
  visitsTimeline,
} from './service';
import { countOverdueTasks, createTask, listTasks, setTaskDone, updateTask } from './tasks';
import { worklist } from './worklist';

export function visitsModule({ ctx }: AppCore): DomainModule<typeof visitsContract> {
  const today = (zone?: string) => dayOf(ctx.now(), zone ?? systemZone());
  /** 'me' → my id (null when no one has said who they are), 'all' → null filter */
  const whose = (liaison: string): string | null | undefined => (liaison === 'all' ? undefined : liaison === 'me' ? (readMe(ctx)?.id ?? null) : liaison);
  return {
    handlers: {
      'visits.plan': (input) => planVisit(ctx, input),
      'visits.change': (input) => changeVisit(ctx, input),
      'visits.complete': (input) => completeVisit(ctx, input),
      'visits.log': (input) => logVisit(ctx, input),
      'visits.close': (input) => closeVisit(ctx, input),
      'visits.reopen': ({ id }) => reopenVisit(ctx, id),
      'visits.get': ({ id }) => requireVisit(ctx, id),
      'visits.range': ({ from, to, liaison }) => {
        const who = whose(liaison);
        if (who === null) return [];
        return who === undefined ? visitsInRange(ctx, from, to, null) : calendarOfLiaison(ctx, from, to, who);
      },
      'visits.forOffice': ({ officeId }) => visitsForOffice(ctx, officeId),
      'visits.ics': ({ from, to, liaison, zone }) => exportIcs(ctx, { from, to, liaison: whose(liaison), zone }),
      'touches.log': (input) => logTouch(ctx, input),
      'worklist.query': (q) => {
        const day = today(q.zone);
        return { ...worklist(ctx).query(q, day, readMe(ctx)?.id ?? null), today: day };
      },
      'cadence.settings': () => readCadenceSettings(ctx),
      'cadence.save': (settings) => saveCadenceSettings(ctx, settings),
      'cadence.office': ({ officeId, zone }) => {
        const day = today(zone);
        const hit = worklist(ctx).office(officeId, day);
        if (!hit) return { state: 'paused' as const, due: null, reason: 'Archived: not on the worklist', daysOverdue: null, lastTouch: null };
        const e = hit.entry;
        if (e.due === null) return { state: 'paused' as const, due: null, reason: e.reason, daysOverdue: null, lastTouch: e.last };
        return { state: 'due' as const, due: e.dueNow ? day : e.due, reason: e.reason, daysOverdue: hit.late, lastTouch: e.last };
      },
      'tasks.create': (input) => createTask(ctx, input),
      'tasks.update': (input) => updateTask(ctx, input),
      'tasks.done': ({ id }) => setTaskDone(ctx, id, true),
      'tasks.reopen': ({ id }) => setTaskDone(ctx, id, false),
      'tasks.list': (q) => listTasks(ctx, q),
      'route.day': (q) => dayRoute(ctx, q),
      'route.apply': (q) => applyDayRoute(ctx, q),
      'route.mileageCsv': (q) => mileageCsv(ctx, q),
      'reminders.today': ({ zone }) => {
        const enabled = remindersEnabled(ctx);
        const me = readMe(ctx);
        if (!enabled || !me) return { enabled, visitsToday: [], overdueTasks: 0, curesDue: [] };
        const z = zone ?? systemZone();
        const day = today(z);
        const { start, end } = dayBounds(day, z);
        return {
          enabled,
          visitsToday: visitsInRange(ctx, start, end, me.id, { activeOfficesOnly: true }).filter((v) => v.status === 'planned'),
          overdueTasks: countOverdueTasks(ctx, requireMember(ctx, me.id).id, day),
          // A cure has a legal deadline: a manager is told every day until it is repaid or lapses.
          curesDue:
            isManager(me.role)
              ? curesDue(ctx, Number(day.slice(0, 4)))
                  .filter((c) => c.eligible && c.deadline !== null && c.deadline >= day)
                  .map((c) => ({ personId: c.personId, name: c.name, deadline: c.deadline!, excessCents: c.excessCents }))
              : [],
        };
      },
      'reminders.setEnabled': ({ enabled }) => setRemindersEnabled(ctx, enabled),
    },
    timeline: visitsTimeline,
    // The worklist's first load reads every office's touches: done after the first screen, not during it.
    start: () => {
      setTimeout(() => {
        // The app may have closed since (a quick exit, a test): nothing to warm then.
        if (!ctx.store.sqlite.open) return;
        // The first worklist request reads it again and says what is wrong; warming is only a head start.
        worklist(ctx)
          .warm()
          .catch((e: unknown) => console.error('[worklist] could not load ahead of time:', e));
      }, 4000).unref();
    },
  };
}
