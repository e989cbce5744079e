import { Anchor, Badge, Button, Checkbox, Group, Kbd, Loader, SegmentedControl, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { href, Link } from 'react-router';
import type { Task } from '../../../shared/domain/task';
import { ApiError, api } from '../api';
import { GiftEntryModal, type GiftDialog } from '../gifts/GiftEntryModal';
import { useChanges } from '../changes';
import { EmptyState } from '../components/EmptyState';
import { notifyDone, notifyError, notifyWithUndo } from '../notify';
import { useMe } from '../team/me';
import { useTeam } from '../team/useTeam';
import { AddTaskModal } from './AddTaskModal';
import { formatShortDay, todayIn, userZone } from './dates';

type Whose = 'me' | 'all' | 'member';
type State = 'open' | 'done' | 'all';

const WHOSE = [
  { value: 'me', label: 'Mine' },
  { value: 'all', label: 'Everyone' },
  { value: 'member', label: 'One person' },
];
const STATES = [
  { value: 'open', label: 'Open' },
  { value: 'done', label: 'Done' },
  { value: 'all', label: 'All' },
];

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Follow-ups: what to do for which office by when. A task is ticked off with its checkbox, or from
 * the keyboard: arrows move between tasks, D or Space marks the focused one done (or open again).
 */
export function TasksPage() {
  const [zone] = useState(userZone);
  const today = todayIn(zone);
  const { me } = useMe();
  const { members } = useTeam();
  const [whose, setWhose] = useState<Whose>('me');
  const [member, setMember] = useState<string | null>(null);
  const [state, setState] = useState<State>('open');
  const [adding, setAdding] = useState(false);
  const [note, setNote] = useState<GiftDialog | null>(null);
  const [result, setResult] = useState<{ key: string; tasks: Task[] | null; error: string | null } | null>(null);

  const owner = whose === 'member' ? member : whose;
  const query = useMemo(() => (owner ? { owner, state, zone } : null), [owner, state, zone]);
  const key = JSON.stringify(query);
  const calls = useRef(0);
  const load = useCallback(() => {
    if (!query) return;
    const mine = ++calls.current;
    api['tasks.list'](query).then(
      (tasks) => mine === calls.current && setResult({ key, tasks, error: null }),
      (e: unknown) => {
        if (mine !== calls.current) return;
        if (!(e instanceof ApiError)) console.error(e);
        setResult({ key, tasks: null, error: e instanceof ApiError ? e.message : 'Something unexpected went wrong loading the tasks.' });
      },
    );
  }, [query, key]);
  useEffect(load, [load]);
  useChanges(['tasks', 'offices', 'team_members'], load);

  const tasks = result?.key === key ? result.tasks : null;
  const loading = query !== null && result?.key !== key;

  // The keyboard stays in the list: after a task leaves it (marked done under "Open"), the row now
  // in its place takes the focus.
  const rows = useRef<(HTMLTableRowElement | null)[]>([]);
  const refocus = useRef<number | null>(null);
  useEffect(() => {
    if (refocus.current === null || !tasks) return;
    const at = Math.min(refocus.current, tasks.length - 1);
    refocus.current = null;
    if (at >= 0) rows.current[at]?.focus();
  }, [tasks]);

  async function toggle(t: Task, index: number | null) {
    // Shown ticked (or unticked) at once; the list as saved follows when the call returns.
    const flipped = (x: Task): Task => (x.id === t.id ? { ...x, doneAt: t.doneAt ? null : new Date().toISOString(), overdue: t.doneAt ? x.overdue : false } : x);
    setResult((r) => r && { ...r, tasks: r.tasks?.map(flipped) ?? null });
    try {
      if (t.doneAt) {
        await api['tasks.reopen']({ id: t.id });
        notifyDone(`Reopened: ${t.title}`);
      } else {
        await api['tasks.done']({ id: t.id });
        notifyWithUndo(`Marked done: ${t.title}`, () => {
          api['tasks.reopen']({ id: t.id }).then(load, (e: unknown) => notifyError('Could not reopen the task', e));
        });
      }
      refocus.current = index;
      load();
    } catch (e) {
      notifyError(t.doneAt ? 'Could not reopen the task' : 'Could not mark the task done', e);
      load();
    }
  }

  function onRowKey(e: KeyboardEvent<HTMLTableRowElement>, t: Task, i: number) {
    // Keys pressed on the checkbox or the office link inside the row are theirs.
    if (e.target !== e.currentTarget) return;
    const go = (j: number) => {
      e.preventDefault();
      rows.current[j]?.focus();
    };
    if (e.key === 'ArrowDown') go(Math.min(i + 1, (tasks?.length ?? 1) - 1));
    else if (e.key === 'ArrowUp') go(Math.max(i - 1, 0));
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go((tasks?.length ?? 1) - 1);
    else if (e.key === 'd' || e.key === 'D' || e.key === ' ') {
      e.preventDefault();
      void toggle(t, i);
    }
  }

  const memberOptions = (members ?? []).filter((m) => m.active || m.id === member).map((m) => ({ value: m.id, label: m.id === me?.id ? `${m.name} (me)` : m.name }));
  const open = tasks?.filter((t) => !t.doneAt).length ?? 0;
  const overdue = tasks?.filter((t) => t.overdue).length ?? 0;

  return (
    <Stack gap="md" style={{ overflow: 'auto' }}>
      <Group justify="space-between" wrap="nowrap">
        <Group gap="sm" align="baseline">
          <Title order={2} size="h3">
            Tasks
          </Title>
          <Text c="dimmed" size="sm" aria-live="polite">
            {tasks === null ? (loading ? 'Loading…' : '') : countText(tasks.length, open, overdue, state)}
          </Text>
        </Group>
        <Button onClick={() => setAdding(true)}>Add task</Button>
      </Group>

      <Group gap="md" align="flex-end">
        <SegmentedControl aria-label="Whose tasks" data={WHOSE} value={whose} onChange={(v) => setWhose(v as Whose)} />
        {whose === 'member' && (
          <Select aria-label="Team member" placeholder="Choose a team member" data={memberOptions} value={member} onChange={setMember} searchable allowDeselect={false} w={220} />
        )}
        <SegmentedControl aria-label="Which tasks" data={STATES} value={state} onChange={(v) => setState(v as State)} />
      </Group>

      {result?.error && result.key === key && (
        <Text c="red" role="alert">
          {result.error}
        </Text>
      )}
      {loading && tasks === null && <Loader size="sm" aria-label="Loading tasks" />}
      {whose === 'member' && !member && <Text c="dimmed">Choose whose tasks to show.</Text>}

      {tasks && tasks.length === 0 && <NoTasks whose={whose} state={state} hasMe={Boolean(me)} onAdd={() => setAdding(true)} />}

      {tasks && tasks.length > 0 && (
        <>
          <Text size="xs" c="dimmed" id="tasks-keys">
            <Kbd size="xs">↑</Kbd> <Kbd size="xs">↓</Kbd> move between tasks; <Kbd size="xs">D</Kbd> or <Kbd size="xs">Space</Kbd> marks the task done, or open again.
          </Text>
          <Table aria-label="Tasks" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={56}>Done</Table.Th>
                <Table.Th>Task</Table.Th>
                <Table.Th>Office</Table.Th>
                <Table.Th>Due</Table.Th>
                <Table.Th>Owner</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tasks.map((t, i) => (
                <Table.Tr
                  key={t.id}
                  ref={(el) => {
                    rows.current[i] = el;
                  }}
                  tabIndex={0}
                  aria-describedby="tasks-keys"
                  onKeyDown={(e) => onRowKey(e, t, i)}
                  style={{ outlineOffset: -2 }}
                >
                  <Table.Td>
                    <Checkbox aria-label={`Done: ${t.title}`} checked={Boolean(t.doneAt)} onChange={() => void toggle(t, i)} />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      {t.kind === 'thank_you' && (
                        <Badge color="pink" variant="light" size="sm" style={{ flexShrink: 0 }}>
                          Thank-you
                        </Badge>
                      )}
                      <Text size="sm" td={t.doneAt ? 'line-through' : undefined} c={t.doneAt ? 'dimmed' : undefined}>
                        {t.title}
                      </Text>
                    </Group>
                    {t.kind === 'thank_you' && !t.doneAt && (
                      <Button
                        size="compact-xs"
                        variant="light"
                        mt={4}
                        aria-label={`Log thank-you note for ${t.officeName}`}
                        onClick={() => setNote({ officeId: t.officeId, kind: 'thank_you_note', description: `Thank-you note: ${t.title.replace(/^Thank-you due: /, '')}` })}
                      >
                        Log thank-you note
                      </Button>
                    )}
                    {t.notes && t.kind !== 'thank_you' && (
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        {t.notes}
                      </Text>
                    )}
                    {t.visitId && (
                      <Text size="xs" c="dimmed" fs="italic">
                        from visit
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={href('/offices/:id', { id: t.officeId })} size="sm">
                      {t.officeName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Due task={t} today={today} zone={zone} />
                  </Table.Td>
                  <Table.Td>{t.ownerName ?? <Text span size="sm" c="dimmed">Nobody</Text>}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}

      {/* Logging the note closes the office's thank-you tasks (the gift log does it, in the note's transaction). */}
      <GiftEntryModal dialog={note} onClose={() => setNote(null)} onSaved={load} />

      <AddTaskModal
        opened={adding}
        onClose={() => setAdding(false)}
        onSaved={(t) => {
          setAdding(false);
          notifyDone(`Task added for ${t.officeName}.`);
          load();
        }}
      />
    </Stack>
  );
}

/** "3 open, 1 overdue"; "2 done"; "5 tasks, 3 open" */
function countText(total: number, open: number, overdue: number, state: State): string {
  const late = overdue ? `, ${overdue} overdue` : '';
  if (state === 'open') return `${open} open${late}`;
  if (state === 'done') return `${total} done`;
  return `${plural(total, 'task', 'tasks')}, ${open} open${late}`;
}

function Due({ task, today, zone }: { task: Task; today: string; zone: string }) {
  const due = task.dueDate === today ? 'Today' : formatShortDay(task.dueDate, today);
  if (task.doneAt) {
    const done = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: zone }).format(new Date(task.doneAt));
    return (
      <Text size="sm" c="dimmed">
        {due} · done {done}
      </Text>
    );
  }
  if (!task.overdue) return <Text size="sm">{due}</Text>;
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" c="red.7" fw={600}>
        {due}
      </Text>
      <Badge color="red" variant="light" size="sm">
        Overdue
      </Badge>
    </Group>
  );
}

function NoTasks({ whose, state, hasMe, onAdd }: { whose: Whose; state: State; hasMe: boolean; onAdd: () => void }) {
  if (whose === 'me' && !hasMe) {
    return <EmptyState title="Whose tasks?" body="Say who uses this computer (Settings → You) to see your tasks, or choose Everyone." />;
  }
  const add = <Button onClick={onAdd}>Add task</Button>;
  if (state === 'done') return <EmptyState title="No done tasks" body="Tasks ticked off here, or from a visit, appear here." />;
  if (state === 'all') return <EmptyState title="No tasks yet" body="Follow-ups you add when logging a visit appear here. You can add one for any office too." actions={add} />;
  return (
    <EmptyState
      title="No open tasks"
      body="Follow-ups you add when logging a visit appear here. You can add one for any office too."
      actions={add}
    />
  );
}
