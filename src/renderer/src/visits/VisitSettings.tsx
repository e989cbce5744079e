import { Alert, Badge, Button, Group, Input, Loader, NumberInput, Paper, SegmentedControl, Select, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { modals } from '@mantine/modals';
import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import { CadenceSettings } from '../../../shared/domain/cadence';
import { RouteStart, type TeamMember } from '../../../shared/domain/team';
import { DEFAULT_CADENCE, describeInterval, type CadenceSettings as Settings, type Interval } from '../../../shared/visits/cadence';
import { api } from '../api';
import { useChanges } from '../changes';
import { applyServerErrors } from '../formErrors';
import { notifyDone, notifyError, notifyWithUndo } from '../notify';
import { useMe } from '../team/me';
import { userZone } from './dates';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const numberOrNothing = (v: number | string) => (v === '' || v === null ? undefined : Number(v));
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

// ─── Cadence ────────────────────────────────────────────────────────────────────────────────────

type Unit = 'weeks' | 'months';
type IntervalField = { count: number | string; unit: Unit };
type CadenceValues = { A: IntervalField; B: IntervalField; C: IntervalField; none: IntervalField; newEvery: IntervalField; newMonths: number | string; dormant: IntervalField };

/** An error under a narrow number box runs on one line beneath the unit beside it, rather than wrapping word by word. */
const ONE_LINE_ERROR = { errorProps: { style: { whiteSpace: 'nowrap' as const } } };

const UNITS = [
  { value: 'weeks', label: 'weeks' },
  { value: 'months', label: 'months' },
];

const fieldOf = (i: Interval): IntervalField => ('weeks' in i ? { count: i.weeks, unit: 'weeks' } : { count: i.months, unit: 'months' });
const intervalOf = (f: IntervalField) => ({ [f.unit]: numberOrNothing(f.count) });

const cadenceValues = (s: Settings): CadenceValues => ({
  A: fieldOf(s.tiers.A),
  B: fieldOf(s.tiers.B),
  C: fieldOf(s.tiers.C),
  none: fieldOf(s.tiers.none),
  newEvery: fieldOf(s.newRelationship.every),
  newMonths: s.newRelationship.months,
  dormant: fieldOf(s.dormant),
});

/** The form's values in the shape CadenceSettings checks (and cadence.save takes). */
const settingsOf = (v: CadenceValues) => ({
  tiers: { A: intervalOf(v.A), B: intervalOf(v.B), C: intervalOf(v.C), none: intervalOf(v.none) },
  newRelationship: { every: intervalOf(v.newEvery), months: numberOrNothing(v.newMonths) },
  dormant: intervalOf(v.dormant),
});

type Issue = { path: PropertyKey[]; message: string; code?: string };

/** CadenceSettings issues → the form fields they are about, with words for a person where the schema has none. */
function cadenceErrors(issues: readonly Issue[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const [group, a, b] = issue.path.map(String);
    const field =
      group === 'tiers' ? `${a}.count` : group === 'dormant' ? 'dormant.count' : a === 'every' ? 'newEvery.count' : a === 'months' ? 'newMonths' : `${group}.${a}.${b}`;
    const message = issue.code === 'invalid_type' ? 'Give a whole number' : field === 'newMonths' && issue.code !== 'custom' ? 'From 1 to 24 months' : issue.message;
    errors[field] ??= message;
  }
  return errors;
}

/** Errors a server refusal put on dotted paths ("tiers.A.weeks"), as issues again. */
const asIssues = (errors: Record<string, string>): Issue[] => Object.entries(errors).map(([p, message]) => ({ path: p.split('.'), message }));

const defaultsInWords = () => {
  const d = DEFAULT_CADENCE;
  return `Tier A ${describeInterval(d.tiers.A)}, tier B ${describeInterval(d.tiers.B)}, tier C ${describeInterval(d.tiers.C)}, no tier ${describeInterval(d.tiers.none)}; new relationships ${describeInterval(d.newRelationship.every)} for their first ${d.newRelationship.months} months; dormant offices ${describeInterval(d.dormant)}.`;
};

function useCadenceForm() {
  return useForm<CadenceValues>({
    mode: 'controlled',
    initialValues: cadenceValues(DEFAULT_CADENCE),
    validate: (values) => {
      const r = CadenceSettings.safeParse(settingsOf(values));
      return r.success ? {} : cadenceErrors(r.error.issues);
    },
    validateInputOnBlur: true,
  });
}

/** One "every N weeks/months" rule: the number, its unit, and what it reads as. */
function IntervalRow({ name, label, form, extra }: { name: keyof CadenceValues; label: string; form: ReturnType<typeof useCadenceForm>; extra?: React.ReactNode }) {
  const value = form.getValues()[name] as IntervalField;
  const n = Number(value.count);
  const reads = Number.isInteger(n) && n > 0 ? describeInterval({ [value.unit]: n } as Interval) : '';
  return (
    <Group gap="xs" align="flex-start" wrap="nowrap">
      <Text size="sm" w={170} pt={6}>
        {label}
      </Text>
      <Text size="sm" pt={6}>
        every
      </Text>
      <NumberInput aria-label={`${label}: every how many`} min={1} allowDecimal={false} allowNegative={false} w={80} {...ONE_LINE_ERROR} {...form.getInputProps(`${name}.count`)} />
      <Select aria-label={`${label}: weeks or months`} data={UNITS} allowDeselect={false} w={110} {...form.getInputProps(`${name}.unit`)} comboboxProps={{ withinPortal: true }} />
      {extra}
      <Text size="sm" c="dimmed" pt={6}>
        {reads}
      </Text>
    </Group>
  );
}

/** Settings → the practice's cadence rules: how often offices are due by tier, when new and when dormant. */
export function CadenceSettingsSection() {
  const [saved, setSaved] = useState<{ settings: Settings; isDefault: boolean } | null>(null);
  /** what someone else saved while this form had unsaved changes */
  const [elsewhere, setElsewhere] = useState<Settings | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useCadenceForm();

  const take = (r: { settings: Settings; isDefault: boolean }) => {
    setSaved(r);
    setElsewhere(null);
    const values = cadenceValues(r.settings);
    form.setValues(values);
    form.resetDirty(values);
    form.clearErrors();
  };

  const load = (first: boolean) => {
    api['cadence.settings']({}).then(
      (r) => {
        // Typing in progress is never overwritten: the user is told, and chooses.
        if (!first && form.isDirty()) {
          setSaved(r);
          setElsewhere(same(cadenceValues(r.settings), form.getValues()) ? null : r.settings);
        } else take(r);
      },
      (e: unknown) => first && notifyError('Could not load the cadence rules', e),
    );
  };
  const loadFirst = useEffectEvent(() => load(true));
  useEffect(() => loadFirst(), []);
  useChanges(['settings'], () => load(false));

  async function save(settings: Settings, message: string) {
    setBusy(true);
    try {
      take(await api['cadence.save'](settings));
      notifyDone(message);
    } catch (e) {
      if (!applyServerErrors(e, (errs) => form.setErrors(cadenceErrors(asIssues(errs))))) notifyError('Could not save the cadence rules', e);
    } finally {
      setBusy(false);
    }
  }

  const confirmReset = () =>
    modals.openConfirmModal({
      title: 'Reset the cadence rules to the defaults?',
      children: (
        <Stack gap="xs">
          <Text size="sm">{defaultsInWords()}</Text>
          <Text size="sm">Every office’s next due date follows the new rules at once, for the whole team. Offices with their own cadence keep it.</Text>
        </Stack>
      ),
      labels: { confirm: 'Reset to defaults', cancel: 'Cancel' },
      onConfirm: () => void save(DEFAULT_CADENCE, 'Cadence rules reset to the defaults.'),
    });

  const atDefaults = saved !== null && (saved.isDefault || same(saved.settings, DEFAULT_CADENCE));

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="settings-cadence">
      <Group justify="space-between" mb="xs">
        <Group gap="sm">
          <Title order={3} size="h4" id="settings-cadence">
            Visit cadence
          </Title>
          {saved && (
            <Badge variant="light" color={atDefaults ? 'gray' : 'teal'}>
              {atDefaults ? 'Defaults' : 'Set for this practice'}
            </Badge>
          )}
        </Group>
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        How often each office should be touched. The whole team plans by these rules; an office’s own cadence, set on its page, comes first.
      </Text>
      {saved === null ? (
        <Loader size="sm" aria-label="Loading the cadence rules" />
      ) : (
        <form
          noValidate
          onSubmit={form.onSubmit((values) => void save(CadenceSettings.parse(settingsOf(values)), 'Cadence rules saved.'))}
        >
          {elsewhere && (
            <Alert color="yellow" mb="sm" title="Changed elsewhere while you were editing" role="alert">
              <Group justify="space-between">
                <Text size="sm">Someone saved other cadence rules. Saving yours replaces theirs.</Text>
                <Button size="xs" variant="default" onClick={() => take(saved)}>
                  Show their rules
                </Button>
              </Group>
            </Alert>
          )}
          <Stack gap="xs">
            <IntervalRow name="A" label="Tier A" form={form} />
            <IntervalRow name="B" label="Tier B" form={form} />
            <IntervalRow name="C" label="Tier C" form={form} />
            <IntervalRow name="none" label="No tier" form={form} />
            <IntervalRow
              name="newEvery"
              label="New relationship"
              form={form}
              extra={
                <>
                  <Text size="sm" pt={6} style={{ whiteSpace: 'nowrap' }}>
                    for the first
                  </Text>
                  <NumberInput aria-label="New relationship: for how many months" min={1} max={24} allowDecimal={false} allowNegative={false} w={80} {...ONE_LINE_ERROR} {...form.getInputProps('newMonths')} />
                  <Text size="sm" pt={6}>
                    months
                  </Text>
                </>
              }
            />
            <Text size="xs" c="dimmed" ml={170}>
              A new relationship is visited this often, or as often as its tier says if that is more often.
            </Text>
            <IntervalRow name="dormant" label="Dormant (re-engage)" form={form} />
          </Stack>
          <Group mt="md" gap="sm">
            <Button type="submit" loading={busy} disabled={!form.isDirty()}>
              Save cadence rules
            </Button>
            {form.isDirty() && (
              <Button variant="subtle" onClick={() => take(saved)}>
                Undo my changes
              </Button>
            )}
            {!atDefaults && (
              <Button variant="default" onClick={confirmReset} disabled={busy}>
                Reset to defaults
              </Button>
            )}
          </Group>
        </form>
      )}
    </Paper>
  );
}

// ─── Route start ────────────────────────────────────────────────────────────────────────────────

type StartValues = { label: string; by: 'zip' | 'coords'; zip: string; lat: number | string; lng: number | string; roundTrip: boolean };
type Start = NonNullable<TeamMember['routeStart']>;

const startValues = (s: Start | null): StartValues => ({
  label: s?.label ?? 'Home',
  by: s?.coords ? 'coords' : 'zip',
  zip: s?.zip ?? '',
  lat: s?.coords?.lat ?? '',
  lng: s?.coords?.lng ?? '',
  roundTrip: s?.roundTrip ?? true,
});

const startOf = (v: StartValues) => ({
  label: v.label,
  zip: v.by === 'zip' ? v.zip : null,
  coords: v.by === 'coords' ? { lat: numberOrNothing(v.lat), lng: numberOrNothing(v.lng) } : null,
  roundTrip: v.roundTrip,
});

/** A RouteStart issue (from the form or the server's `patch.routeStart.…`) → the field it is about. */
function startErrors(issues: readonly Issue[], by: StartValues['by']): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.path.map(String);
    const at = path[0] === 'patch' && path[1] === 'routeStart' ? path.slice(2) : path;
    let field = at[0] === 'coords' ? (at[1] === 'lng' ? 'lng' : 'lat') : (at[0] ?? 'label');
    // "Give a ZIP code or the coordinates" is about whichever the user chose to give.
    if (field === 'zip' && by === 'coords') field = 'lat';
    const message =
      issue.code === 'invalid_type' && (field === 'lat' || field === 'lng') ? (field === 'lat' ? 'Give the latitude, like 39.9612' : 'Give the longitude, like -82.9988') : issue.message;
    errors[field] ??= message;
  }
  return errors;
}

/** Settings → where my day's route starts (home or an office), by ZIP or coordinates, and whether it ends there. */
export function RouteStartSection() {
  const { me } = useMe();
  const current = me?.routeStart ?? null;
  const [busy, setBusy] = useState(false);
  const form = useForm<StartValues>({
    mode: 'controlled',
    initialValues: startValues(current),
    validate: (values) => {
      const r = RouteStart.safeParse(startOf(values));
      return r.success ? {} : startErrors(r.error.issues, values.by);
    },
    validateInputOnBlur: true,
  });
  // Saved here, in another window or by a sync: shown, unless the user is part-way through typing.
  const currentKey = JSON.stringify(current);
  const follow = useEffectEvent((key: string) => {
    if (form.isDirty()) return;
    const values = startValues(JSON.parse(key) as Start | null);
    form.setValues(values);
    form.resetDirty(values);
  });
  useEffect(() => follow(currentKey), [currentKey]);

  if (me === undefined) return <Section><Loader size="sm" aria-label="Loading" /></Section>;
  if (me === null) {
    return (
      <Section>
        <Text size="sm">Say who uses this computer first (under You, above): the start is kept with your name.</Text>
      </Section>
    );
  }
  const member = me;

  async function save(values: StartValues) {
    setBusy(true);
    try {
      const updated = await api['team.update']({ id: member.id, patch: { routeStart: RouteStart.parse(startOf(values)) } });
      const v = startValues(updated.routeStart);
      form.setValues(v);
      form.resetDirty(v);
      notifyDone('Route start saved.');
    } catch (e) {
      if (!applyServerErrors(e, (errs) => form.setErrors(startErrors(asIssues(errs), values.by)))) notifyError('Could not save where your day starts', e);
    } finally {
      setBusy(false);
    }
  }

  async function clear() {
    const before = current;
    setBusy(true);
    try {
      await api['team.update']({ id: member.id, patch: { routeStart: null } });
      const v = startValues(null);
      form.setValues(v);
      form.resetDirty(v);
      notifyWithUndo('Route start cleared.', () => {
        api['team.update']({ id: member.id, patch: { routeStart: before } }).then(
          () => notifyDone('Route start put back.'),
          (e: unknown) => notifyError('Could not put the route start back', e),
        );
      });
    } catch (e) {
      notifyError('Could not clear the route start', e);
    } finally {
      setBusy(false);
    }
  }

  const values = form.getValues();
  return (
    <Section>
      <Text size="sm" c="dimmed" mb="sm">
        Where your day’s drive starts: day routes put your visits in driving order from here. A ZIP code places it at the ZIP’s centre; coordinates place it exactly.
      </Text>
      {!current && (
        <Text size="sm" mb="sm">
          Not set yet: day routes cannot order your stops until it is.
        </Text>
      )}
      <form noValidate onSubmit={form.onSubmit((v) => void save(v))}>
        <Stack gap="xs" maw={560}>
          <TextInput label="Name of the start" description="Home, Office…" withAsterisk {...form.getInputProps('label')} />
          <div>
            <Input.Label id="route-start-by">Place it by</Input.Label>
            <SegmentedControl
              aria-labelledby="route-start-by"
              data={[
                { value: 'zip', label: 'ZIP code' },
                { value: 'coords', label: 'Latitude and longitude' },
              ]}
              {...form.getInputProps('by')}
            />
          </div>
          {values.by === 'zip' ? (
            <TextInput label="ZIP code" w={160} inputMode="numeric" autoComplete="postal-code" {...form.getInputProps('zip')} />
          ) : (
            <Group align="flex-start" gap="sm">
              <NumberInput label="Latitude" decimalScale={6} min={-90} max={90} w={160} {...form.getInputProps('lat')} />
              <NumberInput label="Longitude" decimalScale={6} min={-180} max={180} w={160} {...form.getInputProps('lng')} />
            </Group>
          )}
          <Switch
            label="Round trip"
            description={values.roundTrip ? 'Back to the start at the end of the day' : 'One way: the day ends at the last stop'}
            {...form.getInputProps('roundTrip', { type: 'checkbox' })}
          />
        </Stack>
        <Group mt="md" gap="sm">
          <Button type="submit" loading={busy} disabled={!form.isDirty() && current !== null}>
            Save route start
          </Button>
          {current && (
            <Button variant="default" color="red" onClick={() => void clear()} disabled={busy}>
              Clear route start
            </Button>
          )}
        </Group>
      </form>
    </Section>
  );
}

function Section({ children }: { children: React.ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="settings-route-start">
      <Title order={3} size="h4" id="settings-route-start" mb="xs">
        Route start
      </Title>
      {children}
    </Paper>
  );
}

// ─── Reminders ──────────────────────────────────────────────────────────────────────────────────

/** Settings → whether this computer reminds me of today's visits and overdue tasks. */
export function RemindersSection() {
  const [zone] = useState(userZone);
  const [today, setToday] = useState<{ enabled: boolean; visitsToday: unknown[]; overdueTasks: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => {
    api['reminders.today']({ zone }).then(setToday, (e: unknown) => notifyError('Could not load the reminder setting', e));
  }, [zone]);
  useEffect(load, [load]);
  // The counts beside the switch follow the day's visits and tasks.
  useChanges(['visits', 'tasks', 'team_members'], load);

  async function setEnabled(enabled: boolean) {
    setBusy(true);
    // The switch moves at once; put back if the setting could not be saved.
    setToday((t) => t && { ...t, enabled });
    try {
      await api['reminders.setEnabled']({ enabled });
      load();
      notifyDone(enabled ? 'Reminders on.' : 'Reminders off.');
    } catch (e) {
      notifyError('Could not change the reminders', e);
      load();
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="settings-reminders">
      <Title order={3} size="h4" id="settings-reminders" mb="xs">
        Reminders
      </Title>
      {today === null ? (
        <Loader size="sm" aria-label="Loading the reminder setting" />
      ) : (
        <Stack gap={6}>
          <Switch
            label="Remind me of today's visits and overdue tasks"
            description="Set for this computer only."
            checked={today.enabled}
            disabled={busy}
            onChange={(e) => void setEnabled(e.currentTarget.checked)}
          />
          {today.enabled && (
            <Text size="sm" c="dimmed">
              Today: {plural(today.visitsToday.length, 'visit', 'visits')} planned, {plural(today.overdueTasks, 'overdue task', 'overdue tasks')}.
            </Text>
          )}
        </Stack>
      )}
    </Paper>
  );
}
