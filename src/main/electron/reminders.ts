import { Notification } from 'electron';
import { dispatch } from '../dispatch';
import type { Runtime } from '../runtime';

/**
 * Electron's desktop notification for today's visits and overdue follow-ups, once a day (the
 * window shows the same in-app). Browser mode has only the in-app notice: a page cannot raise
 * desktop notifications without a permission prompt, and the app denies permissions.
 */
export function startDesktopReminders(core: Runtime): void {
  let saidOn = '';
  const check = async () => {
    if (!Notification.isSupported()) return;
    const r = await dispatch(core.handlers, 'reminders.today', {});
    if (!r.ok) return;
    const { enabled, visitsToday, overdueTasks, curesDue } = r.value as {
      enabled: boolean;
      visitsToday: { officeName: string; startsAt: string }[];
      overdueTasks: number;
      curesDue: { name: string; deadline: string }[];
    };
    const day = new Date().toDateString();
    if (!enabled || saidOn === day || (visitsToday.length === 0 && overdueTasks === 0 && curesDue.length === 0)) return;
    saidOn = day;
    const time = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
    const lines = visitsToday.slice(0, 4).map((v) => `${time.format(new Date(v.startsAt))} ${v.officeName}`);
    if (overdueTasks) lines.push(`${overdueTasks} overdue follow-up ${overdueTasks === 1 ? 'task' : 'tasks'}`);
    for (const c of curesDue.slice(0, 2)) lines.push(`${c.name}: gift limit repayment due by ${c.deadline}`);
    const title = visitsToday.length ? `Today: ${visitsToday.length} visits` : overdueTasks ? 'Follow-ups overdue' : 'Gift limit repayments due';
    new Notification({ title, body: lines.join('\n') }).show();
  };
  setTimeout(() => void check(), 5000).unref();
  setInterval(() => void check(), 15 * 60_000).unref();
}
