import { Badge, Button, Group, Menu, Modal, NumberInput, Paper, SegmentedControl, Select, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiOutput } from '../../../shared/api/contract';
import type { OfficeCadence } from '../../../shared/domain/cadence';
import type { Office } from '../../../shared/domain/office';
import { QUICK_TOUCH_KINDS, TOUCH_KIND_LABELS, VISIT_STATUS_LABELS, type Visit } from '../../../shared/domain/visit';
import { describeInterval } from '../../../shared/visits/cadence';
import { api, ApiError } from '../api';
import { useChanges } from '../changes';
import { notifyDone, notifyError, notifyWithUndo } from '../notify';
import { VisitDetailModal } from './VisitDetailModal';
import { VisitFormModal, type VisitDialog } from './VisitFormModal';
import { describeDay, describeSlot, formInstants, todayDay, userZone } from './visitTimes';

type Due = ApiOutput<'cadence.office'>;
type TaskRow = ApiOutput<'tasks.list'>[number];

function dueText(d: Due): string {
  if (d.state === 'paused' || d.due === null) return d.reason;
  const n = d.daysOverdue ?? 0;
  const when = n > 0 ? `${n} day${n === 1 ? '' : 's'} overdue` : n === 0 ? 'due today' : `due in ${-n} day${n === -1 ? '' : 's'}`;
  return `Next visit ${when} (${describeDay(d.due)}) · ${d.reason}`;
}

/**
 * An office's visits: when it is next due and why, its planned and past visits, open follow-ups,
 * and the ways to record contact — plan, log a visit, or a quick call, email or drop-off.
 */
export function OfficeVisitsSection({ office }: { office: Office }) {
  const [due, setDue] = useState<Due | null>(null);
  const [visits, setVisits] = useState<Visit[]>([]);
  const [tasks, setTasks] = useState<TaskRow[]>([]);
  const [dialog, setDialog] = useState<VisitDialog | null>(null);
  const [opened, setOpened] = useState<string | null>(null);
  const [touch, setTouch] = useState<(typeof QUICK_TOUCH_KINDS)[number] | null>(null);
  const [cadenceOpen, setCadenceOpen] = useState(false);
  const loads = useRef(0);
  const load = useCallback(() => {
    const mine = ++loads.current;
    const zone = userZone();
    Promise.all([
      api['cadence.office']({ officeId: office.id, zone }),
      api['visits.forOffice']({ officeId: office.id }),
      api['tasks.list']({ officeId: office.id, owner: 'all', state: 'open', zone }),
    ]).then(
      ([d, v, t]) => {
        if (mine !== loads.current) return;
        setDue(d);
        setVisits(v);
        setTasks(t);
      },
      (e: unknown) => notifyError('Could not load this office’s visits', e),
    );
  }, [office.id]);
  useEffect(() => load(), [load]);
  useChanges(['visits', 'touches', 'visit_feedback', 'tasks', 'settings'], load);
  useChanges(['offices'], load, [office.id]);

  async function toggleTask(t: TaskRow) {
    try {
      await api['tasks.done']({ id: t.id });
      notifyWithUndo(`“${t.title}” done.`, () => void api['tasks.reopen']({ id: t.id }).catch((e: unknown) => notifyError('Could not reopen the task', e)));
    } catch (e) {
      notifyError('Could not mark the task done', e);
    }
  }

  const now = new Date().toISOString();
  const upcoming = visits.filter((v) => v.status === 'planned').sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const past = visits.filter((v) => v.status !== 'planned').slice(0, 10);
  const archived = !!office.archivedAt;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="office-visits" aria-busy={due === null}>
      <Group justify="space-between" mb="xs" align="flex-start">
        <div>
          <Title order={3} size="h4" id="office-visits">
            Visits
          </Title>
          {due && (
            <Text size="sm" c={due.daysOverdue && due.daysOverdue > 0 ? 'red.8' : 'dimmed'} data-testid="office-next-due">
              {dueText(due)}
            </Text>
          )}
        </div>
        <Group gap="xs">
          <Button size="xs" disabled={archived} onClick={() => setDialog({ mode: 'plan', officeId: office.id })}>
            Plan visit
          </Button>
          <Button size="xs" variant="default" disabled={archived} onClick={() => setDialog({ mode: 'log', officeId: office.id })}>
            Log visit
          </Button>
          <Menu position="bottom-end">
            <Menu.Target>
              <Button size="xs" variant="default" disabled={archived}>
                Log call, email or drop-off
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {QUICK_TOUCH_KINDS.map((k) => (
                <Menu.Item key={k} onClick={() => setTouch(k)}>
                  {TOUCH_KIND_LABELS[k]}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
          <Button size="xs" variant="subtle" onClick={() => setCadenceOpen(true)}>
            Cadence…
          </Button>
        </Group>
      </Group>
      {upcoming.length === 0 && past.length === 0 ? (
        <Text size="sm" c="dimmed">
          No visits yet. Plan the first one, or log one you already made.
        </Text>
      ) : (
        <Table aria-label="Visits to this office" highlightOnHover>
          <Table.Tbody>
            {[...upcoming, ...past].map((v) => (
              <Table.Tr key={v.id} style={{ cursor: 'pointer' }} onClick={() => setOpened(v.id)}>
                <Table.Td>
                  <Button variant="subtle" size="compact-sm" onClick={() => setOpened(v.id)} aria-label={`Open the visit of ${describeSlot(v.startsAt, v.endsAt)}`}>
                    {describeSlot(v.startsAt, v.endsAt)}
                  </Button>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={v.status === 'planned' ? (v.startsAt < now ? 'orange' : 'blue') : v.status === 'completed' ? 'green' : v.status === 'missed' ? 'red' : 'gray'}>
                    {v.status === 'planned' && v.startsAt < now ? 'Planned, not logged' : VISIT_STATUS_LABELS[v.status]}
                  </Badge>
                </Table.Td>
                <Table.Td>{v.liaisonName ?? ''}</Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={1}>
                    {v.reason ?? v.notes ?? ''}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {tasks.length > 0 && (
        <Stack gap={4} mt="sm">
          <Text fw={500} size="sm">
            Open follow-ups
          </Text>
          {tasks.map((t) => (
            <Group key={t.id} gap="xs">
              <Button size="compact-xs" variant="light" onClick={() => void toggleTask(t)} aria-label={`Mark done: ${t.title}`}>
                Done
              </Button>
              <Text size="sm" c={t.overdue ? 'red.8' : undefined}>
                {t.title} — due {describeDay(t.dueDate)}
                {t.overdue ? ' (overdue)' : ''}
                {t.ownerName ? ` · ${t.ownerName}` : ''}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
      <VisitFormModal dialog={dialog} onClose={() => setDialog(null)} />
      <VisitDetailModal
        id={opened}
        onClose={() => setOpened(null)}
        onForm={(d) => {
          setOpened(null);
          setDialog(d);
        }}
      />
      <QuickTouchModal kind={touch} office={office} onClose={() => setTouch(null)} />
      <CadenceModal opened={cadenceOpen} office={office} onClose={() => setCadenceOpen(false)} />
    </Paper>
  );
}

/** A call, email or drop-off, logged in seconds: when (default now) and a note. */
function QuickTouchModal({ kind, office, onClose }: { kind: (typeof QUICK_TOUCH_KINDS)[number] | null; office: Office; onClose: () => void }) {
  const [date, setDate] = useState(todayDay());
  const [time, setTime] = useState('');
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [shown, setShown] = useState(kind);
  if (shown !== kind) {
    setShown(kind);
    setDate(todayDay());
    setTime(new Date().toTimeString().slice(0, 5));
    setNotes('');
    setError(null);
  }
  async function save() {
    // No time given: now, if the date is today; else midday, so the day is right in any zone.
    const at = formInstants(date, time || (date === todayDay() ? new Date().toTimeString().slice(0, 5) : '12:00'), 1);
    if (!at) return setError('Pick a date and time');
    setSaving(true);
    try {
      await api['touches.log']({ officeId: office.id, kind: kind!, at: at.startsAt, notes, zone: userZone() });
      notifyDone(`${TOUCH_KIND_LABELS[kind!]} logged for ${office.name}.`);
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.issues.length) setError(e.issues[0]!.message);
      else notifyError('Could not log it', e);
    } finally {
      setSaving(false);
    }
  }
  return (
    <Modal opened={kind !== null} onClose={onClose} title={<Title order={2} size="h4">Log a {kind ? TOUCH_KIND_LABELS[kind].toLowerCase() : ''}: {office.name}</Title>}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack gap="sm">
          <Group grow>
            <TextInput type="date" label="Date" value={date} onChange={(e) => setDate(e.currentTarget.value)} error={error} />
            <TextInput type="time" label="Time" value={time} onChange={(e) => setTime(e.currentTarget.value)} />
          </Group>
          <Textarea label="Notes" data-autofocus autosize minRows={2} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} />
          <Text size="xs" c="dimmed">
            Counts as a touch: the office's next visit is due from it.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={saving}>
              Log it
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The office's own cadence: follow the practice's rules, visit every so often, or pause. */
function CadenceModal({ opened, office, onClose }: { opened: boolean; office: Office; onClose: () => void }) {
  const current = office.cadence;
  const [mode, setMode] = useState<'rules' | 'every' | 'paused'>('rules');
  const [n, setN] = useState<number | string>(1);
  const [unit, setUnit] = useState<'weeks' | 'months'>('months');
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const [shown, setShown] = useState(false);
  if (shown !== opened) {
    setShown(opened);
    if (opened) {
      setMode(!current ? 'rules' : 'paused' in current ? 'paused' : 'every');
      if (current && 'every' in current) {
        const e = current.every;
        setN('weeks' in e ? e.weeks : e.months);
        setUnit('weeks' in e ? 'weeks' : 'months');
      }
      setReason(current && 'paused' in current ? (current.reason ?? '') : '');
    }
  }
  const count = Number(n);
  const valid = mode !== 'every' || (Number.isInteger(count) && count >= 1 && count <= (unit === 'weeks' ? 52 : 24));
  async function save() {
    const cadence: OfficeCadence | null =
      mode === 'rules' ? null : mode === 'paused' ? { paused: true, reason: reason || null } : { every: unit === 'weeks' ? { weeks: count } : { months: count } };
    setSaving(true);
    try {
      await api['offices.update']({ id: office.id, patch: { cadence } });
      notifyDone(mode === 'rules' ? 'Cadence follows the practice’s rules.' : mode === 'paused' ? 'Visits paused for this office.' : `Visit ${describeInterval(cadence && 'every' in cadence ? cadence.every : { months: 1 })}.`);
      onClose();
    } catch (e) {
      notifyError('Could not save the cadence', e);
    } finally {
      setSaving(false);
    }
  }
  return (
    <Modal opened={opened} onClose={onClose} title={<Title order={2} size="h4">Cadence: {office.name}</Title>}>
      <Stack gap="sm">
        <SegmentedControl
          aria-label="Cadence"
          value={mode}
          onChange={(v) => setMode(v as typeof mode)}
          data={[
            { value: 'rules', label: 'Practice rules' },
            { value: 'every', label: 'Its own' },
            { value: 'paused', label: 'Paused' },
          ]}
        />
        {mode === 'rules' && <Text size="sm">By its tier and stage, as set in Settings → Visit cadence.</Text>}
        {mode === 'every' && (
          <Group align="flex-end">
            <NumberInput label="Visit every" min={1} max={unit === 'weeks' ? 52 : 24} value={n} onChange={setN} w={120} error={valid ? null : `1 to ${unit === 'weeks' ? 52 : 24}`} />
            <Select aria-label="Unit" data={[{ value: 'weeks', label: 'weeks' }, { value: 'months', label: 'months' }]} value={unit} onChange={(v) => setUnit((v as 'weeks' | 'months') ?? 'months')} allowDeselect={false} w={120} />
          </Group>
        )}
        {mode === 'paused' && <TextInput label="Why (optional)" placeholder="Renovating until March" value={reason} onChange={(e) => setReason(e.currentTarget.value)} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => void save()} loading={saving} disabled={!valid}>
            Save
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
