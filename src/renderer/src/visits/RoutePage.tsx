import { Alert, Anchor, Badge, Button, Grid, Group, List, Loader, Paper, Select, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { href, Link } from 'react-router';
import type { DayRoute } from '../../../shared/visits/contract';
import { DEFAULT_ROAD_FACTOR, formatMiles } from '../../../shared/visits/route';
import { ApiError, api } from '../api';
import { useChanges } from '../changes';
import { EmptyState } from '../components/EmptyState';
import { downloadFile } from '../downloadFile';
import { applyServerErrors } from '../formErrors';
import { notifyDone, notifyError } from '../notify';
import { useMe } from '../team/me';
import { useTeam } from '../team/useTeam';
import { addDays, firstOfMonth, formatLongDay, formatTimeRange, isDay, todayIn, userZone } from './dates';
import { RouteDrawing } from './RouteDrawing';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const LOCATED: Record<DayRoute['stops'][number]['located'], string> = { office: 'office coordinates', zip: 'ZIP centre' };

type Stop = DayRoute['stops'][number];
/** A stop the suggested order would move to another time (a pinned one keeps its time). */
const moves = (s: Stop) => !s.pinned && (Date.parse(s.suggestedStartsAt) !== Date.parse(s.startsAt) || Date.parse(s.suggestedEndsAt) !== Date.parse(s.endsAt));

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * A liaison's day: the planned visits in a short driving order from where the day starts, with
 * the times that order gives, a sketch of the drive, and the miles. "Re-order and re-time the day"
 * saves those times; the mileage log exports the estimated miles for expense claims.
 */
export function RoutePage() {
  const [zone] = useState(userZone);
  const today = todayIn(zone);
  const { me } = useMe();
  const { members } = useTeam();
  const [day, setDay] = useState(today);
  /** a member's id; null: me */
  const [liaison, setLiaison] = useState<string | null>(null);
  /** null: the liaison's own setting, which the API uses when none is sent */
  const [roundTrip, setRoundTrip] = useState<boolean | null>(null);
  const [dayStart, setDayStart] = useState('08:30');
  const [result, setResult] = useState<{ key: string; route: DayRoute | null; error: string | null } | null>(null);
  const [applying, setApplying] = useState(false);

  const query = useMemo(
    () => ({ day, liaison: liaison ?? 'me', dayStart, zone, ...(roundTrip === null ? {} : { roundTrip }) }),
    [day, liaison, dayStart, zone, roundTrip],
  );
  const key = JSON.stringify(query);
  const valid = isDay(day) && HHMM.test(dayStart);
  const calls = useRef(0);

  const load = useCallback(() => {
    if (!valid) return;
    // Answers can cross (the user steps through days quickly): only the latest call's is shown.
    const mine = ++calls.current;
    api['route.day'](query).then(
      (route) => mine === calls.current && setResult({ key, route, error: null }),
      (e: unknown) => {
        if (mine !== calls.current) return;
        if (!(e instanceof ApiError)) console.error(e);
        setResult({ key, route: null, error: e instanceof ApiError ? e.message : 'Something unexpected went wrong loading the route.' });
      },
    );
  }, [query, key, valid]);
  useEffect(load, [load]);
  // A visit planned, moved or completed, an office's coordinates, a changed start point: all show here.
  useChanges(['visits', 'offices', 'team_members'], load);

  const route = result?.route ?? null;
  const loading = valid && result?.key !== key;
  const memberOptions = (members ?? [])
    .filter((m) => m.active || m.id === (liaison ?? me?.id))
    .map((m) => ({ value: m.id, label: m.id === me?.id ? `${m.name} (me)` : m.name }));
  const changing = route && !route.problem ? route.stops.filter(moves) : [];

  async function apply() {
    setApplying(true);
    try {
      const done = await api['route.apply'](query);
      setResult({ key, route: done, error: null });
      notifyDone(changing.length ? `Day re-ordered: ${plural(changing.length, 'visit', 'visits')} re-timed.` : 'The day already ran in this order.');
    } catch (e) {
      notifyError('Could not re-time the day', e);
    } finally {
      setApplying(false);
    }
  }

  function confirmApply() {
    if (!route) return;
    modals.openConfirmModal({
      title: `Re-time ${plural(changing.length, 'visit', 'visits')}?`,
      children: (
        <Stack gap="xs">
          <Text size="sm">
            {plural(changing.length, 'visit', 'visits')} on {formatLongDay(route.day)} will move to the suggested {changing.length === 1 ? 'time' : 'times'}. Pinned visits keep theirs.
          </Text>
          <List size="sm">
            {changing.map((s) => (
              <List.Item key={s.visitId}>
                {s.officeName}: {formatTimeRange(s.startsAt, s.endsAt, zone)} → {formatTimeRange(s.suggestedStartsAt, s.suggestedEndsAt, zone)}
              </List.Item>
            ))}
          </List>
        </Stack>
      ),
      labels: { confirm: 'Re-time the visits', cancel: 'Cancel' },
      onConfirm: () => void apply(),
    });
  }

  const switchChecked = roundTrip ?? route?.roundTrip ?? true;

  return (
    <Stack gap="md" style={{ overflow: 'auto' }}>
      <Group justify="space-between" align="baseline">
        <Title order={2} size="h3">
          Day route
        </Title>
        <Text c="dimmed" aria-live="polite">
          {isDay(day) ? formatLongDay(day) : ''}
          {loading && <Loader size="xs" ml="xs" aria-label="Loading the route" />}
        </Text>
      </Group>

      <Group align="flex-end" gap="md">
        <Group align="flex-end" gap={4} wrap="nowrap">
          <Button variant="default" aria-label="Previous day" onClick={() => isDay(day) && setDay(addDays(day, -1))} disabled={!isDay(day)}>
            ‹ Previous
          </Button>
          <TextInput type="date" label="Day" value={day} onChange={(e) => setDay(e.currentTarget.value)} error={isDay(day) ? undefined : 'Choose a day'} w={160} />
          <Button variant="default" aria-label="Next day" onClick={() => isDay(day) && setDay(addDays(day, 1))} disabled={!isDay(day)}>
            Next ›
          </Button>
          <Button variant="subtle" onClick={() => setDay(today)} disabled={day === today}>
            Today
          </Button>
        </Group>
        <Select
          label="Liaison"
          data={memberOptions}
          value={liaison ?? me?.id ?? null}
          onChange={(v) => {
            setLiaison(v);
            // Another liaison's day starts from their own setting.
            setRoundTrip(null);
          }}
          placeholder={me === null ? 'Say who you are in Settings' : 'Choose a liaison'}
          allowDeselect={false}
          searchable
          w={200}
        />
        <TextInput
          type="time"
          label="Day starts at"
          value={dayStart}
          onChange={(e) => setDayStart(e.currentTarget.value)}
          error={HHMM.test(dayStart) ? undefined : 'Use a time like 08:30'}
          w={140}
        />
        <Switch
          label="Round trip"
          description={switchChecked ? 'Ends back at the start' : 'One way: ends at the last stop'}
          checked={switchChecked}
          onChange={(e) => setRoundTrip(e.currentTarget.checked)}
          mb={4}
        />
      </Group>

      {result?.error && !loading && (
        <Alert color="red" title="Could not work out the route" role="alert">
          {result.error}
        </Alert>
      )}

      {route?.problem && (
        <Alert color="yellow" title="The stops cannot be put in driving order yet" role="alert">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{route.problem}</Text>
            <Button component={Link} to={href('/settings')} size="xs" variant="default">
              Open Settings
            </Button>
          </Stack>
        </Alert>
      )}

      {route && route.stops.length === 0 && route.unlocated.length === 0 && (
        <EmptyState
          title="No visits planned for this day"
          body="Plan visits from the worklist or the calendar, then come back here to put the day in driving order. Completed, missed and cancelled visits are not routed."
          actions={
            <>
              <Button component={Link} to={href('/worklist')}>
                Open the worklist
              </Button>
              <Button variant="default" component={Link} to={href('/calendar')}>
                Open the calendar
              </Button>
            </>
          }
        />
      )}

      {route && (route.stops.length > 0 || route.unlocated.length > 0) && (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <Stack gap="sm">
              {route.stops.length > 0 && <StopsTable route={route} zone={zone} />}
              {route.unlocated.length > 0 && (
                <Alert color="orange" title={`Not on the route: ${plural(route.unlocated.length, 'visit', 'visits')} with no location`}>
                  <List size="sm" aria-label="Visits not on the route">
                    {route.unlocated.map((u) => (
                      <List.Item key={u.visitId}>
                        <b>{u.officeName}</b>: {u.why}
                      </List.Item>
                    ))}
                  </List>
                </Alert>
              )}
              {!route.problem && route.stops.length > 0 && (
                <Group gap="sm">
                  <Button onClick={() => (changing.length ? confirmApply() : void apply())} loading={applying} disabled={changing.length === 0}>
                    Re-order and re-time the day
                  </Button>
                  <Text size="sm" c="dimmed">
                    {changing.length === 0
                      ? 'The day already runs in this order at these times.'
                      : `${plural(changing.length, 'visit', 'visits')} would move. Pinned visits keep their times.`}
                  </Text>
                </Group>
              )}
              {route.legs.length > 0 && <LegsTable route={route} />}
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <Stack gap="xs">
              {route.stops.length > 0 && <RouteDrawing route={route} />}
              <Miles route={route} />
            </Stack>
          </Grid.Col>
        </Grid>
      )}

      <MileageLog zone={zone} today={today} liaison={liaison ?? 'me'} />
    </Stack>
  );
}

function Miles({ route }: { route: DayRoute }) {
  if (route.stops.length === 0) return null;
  if (route.problem) {
    return (
      <Text size="sm" c="dimmed">
        Between the stops as planned: {formatMiles(route.currentMiles)}, not counting the drive from and to the start.
      </Text>
    );
  }
  const saves = route.currentMiles - route.totalMiles;
  return (
    <Stack gap={2}>
      <Group gap="md" align="baseline">
        <Text fw={700} size="lg" data-testid="route-total">
          ≈ {formatMiles(route.totalMiles)} estimated
        </Text>
        <Text c="dimmed">as planned now: {formatMiles(route.currentMiles)}</Text>
      </Group>
      <Text size="xs" c="dimmed">
        {saves >= 0.05 ? `This order saves about ${formatMiles(saves)}. ` : ''}
        {route.roundTrip ? 'Round trip, back to the start. ' : 'One way, ending at the last stop. '}
        Straight-line distance × {DEFAULT_ROAD_FACTOR}: there is no road map offline.
      </Text>
    </Stack>
  );
}

function StopsTable({ route, zone }: { route: DayRoute; zone: string }) {
  const suggested = !route.problem;
  return (
    <Table aria-label="Stops in driving order" striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={32}>#</Table.Th>
          <Table.Th>Office</Table.Th>
          <Table.Th>Planned now</Table.Th>
          {suggested && <Table.Th>Suggested</Table.Th>}
          <Table.Th style={{ whiteSpace: 'nowrap' }}>Located by</Table.Th>
          <Table.Th>Notes</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {route.stops.map((s, i) => (
          <Table.Tr key={s.visitId}>
            <Table.Td>{i + 1}</Table.Td>
            <Table.Td>
              <Anchor component={Link} to={href('/offices/:id', { id: s.officeId })}>
                {s.officeName}
              </Anchor>
            </Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatTimeRange(s.startsAt, s.endsAt, zone)}</Table.Td>
            {suggested && (
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {moves(s) ? (
                  <Text span fw={600} size="sm">
                    {formatTimeRange(s.suggestedStartsAt, s.suggestedEndsAt, zone)}
                  </Text>
                ) : (
                  <Text span c="dimmed" size="sm">
                    {s.pinned ? 'kept (pinned)' : 'no change'}
                  </Text>
                )}
              </Table.Td>
            )}
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{LOCATED[s.located]}</Table.Td>
            <Table.Td>
              <Group gap={6}>
                {s.pinned && (
                  <Badge size="sm" variant="light" color="gray">
                    Pinned
                  </Badge>
                )}
                {s.flag && (
                  <Text span size="sm" c="orange.8">
                    {s.flag}
                  </Text>
                )}
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function LegsTable({ route }: { route: DayRoute }) {
  return (
    <Table aria-label="Legs of the drive" withRowBorders={false} verticalSpacing={4} maw={520}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Drive</Table.Th>
          <Table.Th ta="right">Miles</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {route.legs.map((l, i) => (
          <Table.Tr key={i}>
            <Table.Td>
              {l.from} → {l.to}
            </Table.Td>
            <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
              {formatMiles(l.miles)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The estimated miles of each day in a range, as a CSV for an expense claim. */
function MileageLog({ zone, today, liaison }: { zone: string; today: string; liaison: string }) {
  const [from, setFrom] = useState(() => firstOfMonth(today));
  const [to, setTo] = useState(today);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function exportCsv() {
    const missing = { ...(isDay(from) ? {} : { from: 'Choose the first day' }), ...(isDay(to) ? {} : { to: 'Choose the last day' }) };
    setErrors(missing);
    if (Object.keys(missing).length) return;
    setBusy(true);
    try {
      const r = await api['route.mileageCsv']({ from, to, liaison, zone });
      downloadFile(r.fileName, r.csv);
      notifyDone(r.days ? `Exported ${plural(r.days, 'day', 'days')} of driving, ≈ ${formatMiles(r.miles)}.` : 'Exported the mileage log; there were no visits in those days.');
    } catch (e) {
      if (!applyServerErrors(e, setErrors)) notifyError('Could not export the mileage log', e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="route-mileage">
      <Title order={3} size="h4" id="route-mileage" mb={4}>
        Mileage log
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Estimated miles for each day with visits, completed or planned, in the order they were made, from where the day starts. For expense claims.
      </Text>
      <Group align="flex-start" gap="sm">
        <TextInput type="date" label="From" value={from} onChange={(e) => setFrom(e.currentTarget.value)} error={errors.from} w={160} />
        <TextInput type="date" label="To" value={to} onChange={(e) => setTo(e.currentTarget.value)} error={errors.to} w={160} />
        <Button variant="default" mt={25} onClick={() => void exportCsv()} loading={busy}>
          Export mileage CSV
        </Button>
      </Group>
    </Paper>
  );
}
