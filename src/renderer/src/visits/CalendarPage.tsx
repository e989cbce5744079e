import { Button, Group, Select, Stack, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CalendarVisit as ApiCalendarVisit } from '../../../shared/domain/visit';
import { api, ApiError } from '../api';
import { useChanges } from '../changes';
import { downloadFile } from '../downloadFile';
import { useStoredState } from '../hooks/useStoredState';
import { notifyDone, notifyError } from '../notify';
import { useMe } from '../team/me';
import { useTeam } from '../team/useTeam';
import type { CalendarView } from '../../../shared/visits/calendarTime';
import { VisitCalendar } from './VisitCalendar';
import { VisitDetailModal } from './VisitDetailModal';
import { VisitFormModal, type VisitDialog } from './VisitFormModal';
import { addDays, dayOf } from '../../../shared/visits/time';
import { formInstants, userZone } from './visitTimes';

/** A move outside the office's best times asks before it is saved, as planning does. */
function confirmOutside(warning: string): Promise<boolean> {
  return new Promise((resolve) =>
    modals.openConfirmModal({
      title: "Outside this office's best times",
      children: <Text size="sm">{warning}. Move it there anyway?</Text>,
      labels: { confirm: 'Move anyway', cancel: 'Put it back' },
      cancelProps: { 'data-autofocus': true },
      onConfirm: () => resolve(true),
      onCancel: () => resolve(false),
      onClose: () => resolve(false),
    }),
  );
}

/**
 * Planned and completed visits on a calendar, for me, a teammate or the whole team: click an empty
 * slot to plan, drag to move, drag an edge to change the length, click a visit to open it, or
 * focus one and press M to move it by keyboard. Times are in this computer's zone.
 */
export function CalendarPage() {
  const zone = useMemo(() => userZone(), []);
  const { me } = useMe();
  const { members } = useTeam();
  const [liaison, setLiaison] = useStoredState<string>('calendar-liaison', 'me');
  const [view, setView] = useStoredState<CalendarView>('calendar-view', 'week');
  const [range, setRange] = useState<{ from: string; to: string } | null>(null);
  const [visits, setVisits] = useState<ApiCalendarVisit[]>([]);
  const [opened, setOpened] = useState<string | null>(null);
  const [dialog, setDialog] = useState<VisitDialog | null>(null);
  const loads = useRef(0);
  const load = useCallback(() => {
    if (!range) return;
    const mine = ++loads.current;
    api['visits.range']({ ...range, liaison }).then(
      (v) => mine === loads.current && setVisits(v),
      (e: unknown) => notifyError('Could not load the calendar', e),
    );
  }, [range, liaison]);
  // Loads whenever the range or the liaison changes, and whenever a visit changes anywhere.
  useEffect(() => load(), [load]);
  useChanges(['visits', 'offices', 'team_members'], load);

  const events = useMemo(
    () =>
      visits.map((v) => ({
        id: v.id,
        title: v.officeName,
        start: v.startsAt,
        end: v.endsAt,
        status: v.status,
        liaisonName: liaison === 'all' ? v.liaisonName : null,
      })),
    [visits, liaison],
  );

  async function move(id: string, startsAt: string, endsAt: string, revert: () => void, what: string) {
    try {
      let r = await api['visits.change']({ id, patch: { startsAt, endsAt }, zone });
      if (!r.saved) {
        if (!(await confirmOutside(r.warning))) {
          revert();
          // Rejected, so a keyboard move's dialog says it did not move rather than announcing a move.
          throw new Error('Not moved: the new time is outside the office’s best times.');
        }
        r = await api['visits.change']({ id, patch: { startsAt, endsAt }, zone, outsideHoursOk: true });
      }
      if (r.saved) notifyDone(`${r.visit.officeName}: ${what}.`);
    } catch (e) {
      revert();
      if (e instanceof ApiError) notifyError('Could not move the visit', e);
      throw e;
    }
  }

  async function exportIcs() {
    if (!range) return;
    const from = dayOf(range.from, zone);
    // The range ends at a midnight that belongs to the next view: its last day is the day before.
    const to = addDays(dayOf(range.to, zone), -1);
    try {
      const r = await api['visits.ics']({ from, to, liaison, zone });
      downloadFile(r.fileName, r.text, 'text/calendar;charset=utf-8');
      notifyDone(`Exported ${r.count} ${r.count === 1 ? 'visit' : 'visits'} for Outlook or Google Calendar.`);
    } catch (e) {
      notifyError('Could not export the calendar', e);
    }
  }

  const liaisonOptions = [
    { value: 'me', label: me ? `Me (${me.name})` : 'Me' },
    { value: 'all', label: 'The whole team' },
    ...(members ?? []).filter((m) => m.id !== me?.id && m.active).map((m) => ({ value: m.id, label: m.name })),
  ];

  return (
    <Stack gap="sm" style={{ flex: 1, minHeight: 0 }}>
      <Group justify="space-between">
        <Title order={2} size="h3">
          Calendar
        </Title>
        <Group gap="sm" align="flex-end">
          <Select aria-label="Whose visits" data={liaisonOptions} value={liaison} onChange={(v) => setLiaison(v ?? 'me')} allowDeselect={false} w={220} />
          <Button variant="default" onClick={() => setDialog({ mode: 'plan' })}>
            Plan a visit
          </Button>
          <Button variant="default" onClick={() => void exportIcs()} disabled={!range}>
            Export .ics
          </Button>
        </Group>
      </Group>
      <VisitCalendar
          events={events}
          timeZone={zone}
          view={view}
          onViewChange={setView}
          onRangeChange={(from, to) => setRange({ from, to })}
          onSelectSlot={(startsAt, endsAt, allDay) => {
            if (!allDay) return setDialog({ mode: 'plan', startsAt, endsAt });
            // A whole day picked in the month view: 9:00 for half an hour, changed in the form.
            const slot = formInstants(dayOf(startsAt, zone), '09:00', 30);
            if (slot) setDialog({ mode: 'plan', ...slot });
          }}
          onMove={(id, s, e, revert) => move(id, s, e, revert, 'moved')}
          onResize={(id, s, e, revert) => void move(id, s, e, revert, 'length changed').catch(() => {})}
          onOpen={setOpened}
        />
      <VisitDetailModal
        id={opened}
        onClose={() => setOpened(null)}
        onForm={(d) => {
          setOpened(null);
          setDialog(d);
        }}
      />
      <VisitFormModal dialog={dialog} onClose={() => setDialog(null)} />
    </Stack>
  );
}
