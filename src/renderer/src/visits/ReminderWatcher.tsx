import { Anchor, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { href } from 'react-router';
import { formatCents } from '../../../shared/money';
import { api } from '../api';
import { todayDay, userZone } from './visitTimes';

const CHECK_MS = 15 * 60_000;
const REMINDED = 'liaison-reminded-day';
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });

/**
 * Today's visits and overdue follow-ups, said once a day when the app is opened (and checked again
 * every 15 minutes, for a day that turns while it stays open). Off in Settings → Reminders.
 */
export function ReminderWatcher() {
  useEffect(() => {
    let stopped = false;
    const check = () => {
      const day = todayDay();
      if (stopped || localStorage.getItem(REMINDED) === day) return;
      api['reminders.today']({ zone: userZone() }).then(
        (r) => {
          if (stopped || !r.enabled || localStorage.getItem(REMINDED) === day) return;
          localStorage.setItem(REMINDED, day);
          const visits = r.visitsToday;
          if (visits.length === 0 && r.overdueTasks === 0 && r.curesDue.length === 0) return;
          notifications.show({
            id: 'reminders',
            color: 'blue',
            title: visits.length ? `Today: ${visits.length} ${visits.length === 1 ? 'visit' : 'visits'}` : r.overdueTasks ? 'Follow-ups overdue' : 'Gift limit repayments due',
            autoClose: false,
            message: (
              <Stack gap={2}>
                {visits.slice(0, 5).map((v) => (
                  <Text key={v.id} size="sm">
                    {timeFormat.format(new Date(v.startsAt))} · {v.officeName}
                  </Text>
                ))}
                {visits.length > 5 && <Text size="sm">and {visits.length - 5} more</Text>}
                {r.overdueTasks > 0 && (
                  <Text size="sm" c="red.8">
                    {r.overdueTasks} overdue follow-up {r.overdueTasks === 1 ? 'task' : 'tasks'}
                  </Text>
                )}
                {r.curesDue.slice(0, 3).map((c) => (
                  <Text key={c.personId} size="sm" c="orange.9">
                    {c.name} is {formatCents(c.excessCents)} over the gift limit: repayment due by {c.deadline}
                  </Text>
                ))}
                {/* A plain link: notifications render outside the router, where <Link> cannot work. */}
                <Anchor
                  href={`#${href(visits.length ? '/calendar' : r.overdueTasks ? '/tasks' : '/gifts')}`}
                  size="sm"
                  onClick={() => notifications.hide('reminders')}
                >
                  {visits.length ? 'Open the calendar' : r.overdueTasks ? 'Open your tasks' : 'Open gifts and meals'}
                </Anchor>
              </Stack>
            ),
          });
        },
        () => {},
      );
    };
    // After the first screen, which it must not slow.
    const first = setTimeout(check, 2500);
    const every = setInterval(check, CHECK_MS);
    return () => {
      stopped = true;
      clearTimeout(first);
      clearInterval(every);
    };
  }, []);
  return null;
}
