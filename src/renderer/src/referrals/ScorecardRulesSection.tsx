import { ActionIcon, Alert, Badge, Button, Group, Loader, NumberInput, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useEffectEvent, useState } from 'react';
import { isManager } from '../../../shared/domain/team';
import { centsToDecimal, readDollars } from '../../../shared/money';
import { FOUR_CS, type FourC } from '../../../shared/referrals/scorecard';
import { DEFAULT_REFERRAL_SETTINGS, MEASURE_KEYS, MEASURE_LABELS, ReferralSettings, type MeasureKey } from '../../../shared/referrals/settings';
import { api, ApiError } from '../api';
import { useChanges } from '../changes';
import { notifyDone, notifyError } from '../notify';
import { useMe } from '../team/me';

type Num = number | string;
interface Values {
  loopDays: Num;
  /** in the units a person reads: shares as percentages */
  ranges: Record<MeasureKey, { poor: Num; good: Num }>;
  weights: Record<FourC, Num>;
  atRisk: { dropPercent: Num; minPerMonth: Num; trailingMonths: Num };
  thankYouEveryDays: Num;
  /** one row per service line: the priced ones, then the ones in use with no price yet */
  prices: { line: string; dollars: string }[];
}
type Errors = Record<string, string>;

const C_LABELS: Record<FourC, string> = { communication: 'Communication', credibility: 'Credibility', capacity: 'Capacity', consistency: 'Consistency' };
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
/** 0.95 → 95, without 95.00000000000001 */
const toPercent = (share: number) => Number((share * 100).toFixed(4));
const isShare = (k: MeasureKey) => MEASURE_LABELS[k].unit === 'share';

function valuesOf(s: ReferralSettings, lines: readonly string[]): Values {
  const priced = Object.entries(s.expectedCents).map(([line, cents]) => ({ line, dollars: centsToDecimal(cents) }));
  const unpriced = lines.filter((l) => !(l in s.expectedCents)).map((line) => ({ line, dollars: '' }));
  return {
    loopDays: s.loopDays,
    ranges: Object.fromEntries(
      MEASURE_KEYS.map((k) => {
        const r = s.ranges[k];
        return [k, isShare(k) ? { poor: toPercent(r.poor), good: toPercent(r.good) } : { poor: r.poor, good: r.good }];
      }),
    ) as Values['ranges'],
    weights: { ...s.weights },
    atRisk: { dropPercent: toPercent(s.atRisk.dropShare), minPerMonth: s.atRisk.minPerMonth, trailingMonths: s.atRisk.trailingMonths },
    thankYouEveryDays: s.thankYouEveryDays,
    prices: [...priced, ...unpriced],
  };
}

const num = (x: Num): number => (typeof x === 'number' ? x : x.trim() === '' ? Number.NaN : Number(x));

/** The rules as the API takes them, or the fields that keep them from being rules, in the form's words. */
function settingsOf(v: Values): { settings: ReferralSettings } | { errors: Errors } {
  const errors: Errors = {};
  const need = (path: string, x: Num, ok: (n: number) => boolean, message: string): number => {
    const n = num(x);
    if (!Number.isFinite(n) || !ok(n)) errors[path] ??= message;
    return n;
  };
  const whole = (lo: number, hi: number) => (n: number) => Number.isInteger(n) && n >= lo && n <= hi;
  const loopDays = need('loopDays', v.loopDays, whole(1, 90), 'A whole number of days, 1 to 90');
  const ranges = Object.fromEntries(
    MEASURE_KEYS.map((k) => {
      const share = isShare(k);
      const ok = share ? (n: number) => n >= 0 && n <= 100 : (n: number) => n >= 0;
      const message = share ? 'A percentage, 0 to 100' : 'A number, 0 or more';
      const poor = need(`ranges.${k}.poor`, v.ranges[k].poor, ok, message);
      const good = need(`ranges.${k}.good`, v.ranges[k].good, ok, message);
      if (poor === good) errors[`ranges.${k}.good`] ??= '“Poor” and “good” must differ';
      return [k, share ? { poor: poor / 100, good: good / 100 } : { poor, good }];
    }),
  ) as ReferralSettings['ranges'];
  const weights = Object.fromEntries(FOUR_CS.map((c) => [c, need(`weights.${c}`, v.weights[c], (n) => n >= 0 && n <= 10, 'A weight, 0 to 10')])) as ReferralSettings['weights'];
  const dropPercent = need('atRisk.dropPercent', v.atRisk.dropPercent, (n) => n > 0 && n < 100, 'A percentage above 0 and below 100');
  const minPerMonth = need('atRisk.minPerMonth', v.atRisk.minPerMonth, (n) => n >= 0, 'A number, 0 or more');
  const trailingMonths = need('atRisk.trailingMonths', v.atRisk.trailingMonths, whole(2, 24), 'A whole number of months, 2 to 24');
  const thankYouEveryDays = need('thankYouEveryDays', v.thankYouEveryDays, whole(0, 90), 'A whole number of days, 0 to 90 (0 turns the tasks off)');
  const expectedCents: Record<string, number> = {};
  v.prices.forEach((p, i) => {
    const line = p.line.trim();
    if (line === '' && p.dollars.trim() === '') return;
    if (line === '') errors[`prices.${i}.line`] = 'Name the service line';
    else if (line in expectedCents) errors[`prices.${i}.line`] = `${line} is listed twice`;
    // An empty amount is a line in use that has no price yet: left out.
    if (p.dollars.trim() === '') return;
    const r = readDollars(p.dollars);
    if ('error' in r) errors[`prices.${i}.dollars`] = r.error;
    else if (line) expectedCents[line] = r.cents;
  });
  if (Object.keys(errors).length) return { errors };
  const settings = { loopDays, ranges, weights, atRisk: { dropShare: dropPercent / 100, minPerMonth, trailingMonths }, thankYouEveryDays, expectedCents };
  // Whatever the shared schema still refuses lands on its field (the server would refuse it too).
  const checked = ReferralSettings.safeParse(settings);
  if (!checked.success) {
    for (const i of checked.error.issues) errors[i.path.join('.').replace('atRisk.dropShare', 'atRisk.dropPercent')] ??= i.message;
    return { errors };
  }
  return { settings: checked.data };
}

/** The server names ReferralSettings' fields; the form shows a drop as a percentage and prices as rows. */
function fieldOf(path: (string | number)[], v: Values): string {
  const [head, key] = path;
  if (head === 'atRisk' && key === 'dropShare') return 'atRisk.dropPercent';
  if (head === 'expectedCents') return `prices.${Math.max(0, v.prices.findIndex((p) => p.line.trim() === key))}.dollars`;
  return path.join('.');
}

/**
 * Settings → the scorecard rules: when a consult note closes the loop, what counts as poor and
 * good for each measure, how much each C weighs, when an office is at risk, how often a thank-you
 * is due, and what a seen referral is worth per service line. A manager saves them (they decide
 * how offices and liaisons are judged); everyone else sees them.
 */
export function ScorecardRulesSection() {
  const { me } = useMe();
  const canEdit = isManager(me?.role);
  const [saved, setSaved] = useState<{ settings: ReferralSettings; isDefault: boolean; lines: string[] } | null>(null);
  const [elsewhere, setElsewhere] = useState(false);
  const [busy, setBusy] = useState(false);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: valuesOf(DEFAULT_REFERRAL_SETTINGS, []),
    validate: (values) => {
      const r = settingsOf(values);
      return 'errors' in r ? r.errors : {};
    },
  });

  const take = (s: { settings: ReferralSettings; isDefault: boolean }, lines: string[]) => {
    setSaved({ ...s, lines });
    setElsewhere(false);
    const values = valuesOf(s.settings, lines);
    form.setValues(values);
    form.resetDirty(values);
    form.clearErrors();
  };

  const load = (first: boolean) =>
    Promise.all([api['referralSettings.get']({}), api['referrals.serviceLines']({})]).then(
      ([s, l]) => {
        // Typing in progress is never overwritten: the user is told, and chooses.
        if (!first && form.isDirty()) {
          setSaved({ ...s, lines: l.lines });
          setElsewhere(!same(settingsOf(form.getValues()), { settings: s.settings }));
        } else take(s, l.lines);
      },
      (e: unknown) => first && notifyError('Could not load the scorecard rules', e),
    );
  const loadFirst = useEffectEvent(() => void load(true));
  useEffect(() => loadFirst(), []);
  useChanges(['settings'], () => void load(false));

  async function save(values: Values) {
    const r = settingsOf(values);
    if ('errors' in r) return form.setErrors(r.errors);
    setBusy(true);
    try {
      take(await api['referralSettings.save'](r.settings), saved?.lines ?? []);
      notifyDone('Scorecard rules saved.');
    } catch (e) {
      if (e instanceof ApiError && e.issues.length) form.setErrors(Object.fromEntries(e.issues.map((i) => [fieldOf(i.path, values), i.message])));
      notifyError('Could not save the scorecard rules', e);
    } finally {
      setBusy(false);
    }
  }

  const defaults = () => {
    const values = valuesOf(DEFAULT_REFERRAL_SETTINGS, saved?.lines ?? []);
    // The practice's prices are its own, not a default: resetting the rules keeps them.
    form.setValues({ ...values, prices: form.getValues().prices });
    form.clearErrors();
  };

  const v = form.getValues();
  const current = settingsOf(v);
  // Prices are left out: resetting keeps them.
  const atDefaults = 'settings' in current && same({ ...current.settings, expectedCents: {} }, { ...DEFAULT_REFERRAL_SETTINGS, expectedCents: {} });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="settings-scorecard-rules">
      <Group gap="sm" mb="xs">
        <Title order={3} size="h4" id="settings-scorecard-rules">
          Scorecard rules
        </Title>
        {saved && (
          <Badge variant="light" color={saved.isDefault ? 'gray' : 'teal'}>
            {saved.isDefault ? 'Defaults' : 'Set for this practice'}
          </Badge>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        How the Four C’s scorecards and the referral dashboard judge each office: a measure at “poor” or worse scores 0, at “good” or better 100, in between in proportion.
      </Text>
      {saved === null ? (
        <Loader size="sm" aria-label="Loading the scorecard rules" />
      ) : (
        <form noValidate onSubmit={form.onSubmit((x) => void save(x))}>
          {elsewhere && (
            <Alert color="yellow" mb="sm" title="Changed elsewhere while you were editing" role="alert">
              <Group justify="space-between">
                <Text size="sm">Someone saved other scorecard rules. Saving yours replaces theirs.</Text>
                <Button size="xs" variant="default" onClick={() => take(saved, saved.lines)}>
                  Show their rules
                </Button>
              </Group>
            </Alert>
          )}
          {!canEdit && (
            <Text size="sm" mb="sm" data-testid="scorecard-rules-readonly">
              Only a manager or admin changes the scorecard rules: they decide how every office and liaison is scored.
            </Text>
          )}
          <fieldset disabled={!canEdit} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
            <Stack gap="md">
              <Table aria-label="Measures: poor and good" fz="sm" maw={720}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Measure</Table.Th>
                    <Table.Th w={150}>Poor</Table.Th>
                    <Table.Th w={150}>Good</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {MEASURE_KEYS.map((k) => {
                    const { label, unit } = MEASURE_LABELS[k];
                    // A percentage carries its sign in the value itself, so it is read out as one.
                    const common = {
                      size: 'xs' as const,
                      allowNegative: false,
                      decimalScale: unit === 'days' ? 1 : 3,
                      ...(unit === 'share' ? { suffix: '%' } : unit === 'days' ? { rightSection: 'days', rightSectionWidth: 44 } : {}),
                    };
                    return (
                      <Table.Tr key={k}>
                        <Table.Td>{label}</Table.Td>
                        <Table.Td>
                          <NumberInput aria-label={`${label}: poor`} {...common} {...form.getInputProps(`ranges.${k}.poor`)} />
                        </Table.Td>
                        <Table.Td>
                          <NumberInput aria-label={`${label}: good`} {...common} {...form.getInputProps(`ranges.${k}.good`)} />
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
              <Group align="flex-start" gap="md">
                <NumberInput
                  label="Loop closed within"
                  description="Days from the visit to the consult note"
                  w={220}
                  min={1}
                  max={90}
                  allowDecimal={false}
                  allowNegative={false}
                  rightSection="days"
                  rightSectionWidth={44}
                  {...form.getInputProps('loopDays')}
                />
                <NumberInput
                  label="Thank-you task every"
                  description="Per office with new referrals; 0 turns the tasks off"
                  w={260}
                  min={0}
                  max={90}
                  allowDecimal={false}
                  allowNegative={false}
                  rightSection="days"
                  rightSectionWidth={44}
                  {...form.getInputProps('thankYouEveryDays')}
                />
              </Group>
              <div>
                <Text size="sm" fw={500} id="scorecard-weights">
                  Weights of the C’s in the overall score
                </Text>
                <Text size="xs" c="dimmed" mb={4}>
                  0 leaves a C out; 2 counts it twice. Credibility is scored from the team’s own ratings of the office.
                </Text>
                <SimpleGrid cols={{ base: 2, sm: 4 }} maw={720} role="group" aria-labelledby="scorecard-weights">
                  {FOUR_CS.map((c) => (
                    <NumberInput key={c} label={C_LABELS[c]} size="xs" min={0} max={10} step={0.5} decimalScale={2} allowNegative={false} {...form.getInputProps(`weights.${c}`)} />
                  ))}
                </SimpleGrid>
              </div>
              <div>
                <Text size="sm" fw={500} id="scorecard-at-risk">
                  At risk
                </Text>
                <Text size="xs" c="dimmed" mb={4}>
                  An office is at risk when a month’s referrals fall by more than this against its own trailing average, among offices that send at least this many a month.
                </Text>
                <Group align="flex-start" gap="md" role="group" aria-labelledby="scorecard-at-risk">
                  <NumberInput label="Drop of more than" size="xs" w={160} min={1} max={99} decimalScale={1} allowNegative={false} suffix="%" {...form.getInputProps('atRisk.dropPercent')} />
                  <NumberInput label="Minimum per month" size="xs" w={160} min={0} decimalScale={1} allowNegative={false} {...form.getInputProps('atRisk.minPerMonth')} />
                  <NumberInput label="Trailing months" size="xs" w={160} min={2} max={24} allowDecimal={false} allowNegative={false} {...form.getInputProps('atRisk.trailingMonths')} />
                </Group>
              </div>
              <div>
                <Text size="sm" fw={500} id="scorecard-prices">
                  Expected value of a seen referral
                </Text>
                <Text size="xs" c="dimmed" mb={4}>
                  By service line, in dollars: the dashboard’s estimated revenue. Leave a line empty to leave it unpriced.
                </Text>
                <Stack gap={4} maw={520} role="group" aria-labelledby="scorecard-prices">
                  {v.prices.map((p, i) => (
                    <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
                      <TextInput size="xs" aria-label={`Service line ${i + 1}`} placeholder="Service line" style={{ flex: 1 }} {...form.getInputProps(`prices.${i}.line`)} />
                      <TextInput
                        size="xs"
                        w={140}
                        aria-label={`Expected value: ${p.line || `line ${i + 1}`}`}
                        leftSection="$"
                        inputMode="decimal"
                        placeholder="Not priced"
                        {...form.getInputProps(`prices.${i}.dollars`)}
                      />
                      <ActionIcon variant="subtle" color="gray" aria-label={`Remove ${p.line || `line ${i + 1}`}`} onClick={() => form.removeListItem('prices', i)} mt={4}>
                        ×
                      </ActionIcon>
                    </Group>
                  ))}
                  {v.prices.length === 0 && (
                    <Text size="xs" c="dimmed">
                      No service lines yet: they appear here as referrals name them, or add one.
                    </Text>
                  )}
                  <Button size="xs" variant="subtle" w="fit-content" onClick={() => form.insertListItem('prices', { line: '', dollars: '' })}>
                    Add a service line
                  </Button>
                </Stack>
              </div>
            </Stack>
          </fieldset>
          <Group mt="md" gap="sm" display={canEdit ? undefined : 'none'}>
            <Button type="submit" loading={busy} disabled={!form.isDirty()}>
              Save scorecard rules
            </Button>
            {form.isDirty() && (
              <Button variant="subtle" onClick={() => take(saved, saved.lines)}>
                Undo my changes
              </Button>
            )}
            <Button variant="default" onClick={defaults} disabled={atDefaults}>
              Reset to defaults
            </Button>
          </Group>
        </form>
      )}
    </Paper>
  );
}
