import { Alert, Badge, Button, Group, Loader, Modal, Paper, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { z } from 'zod';
import { RewardLog, type RewardCheck, type RewardRow } from '../../../shared/domain/gift';
import { giftsContract } from '../../../shared/gifts/contract';
import { limitFor } from '../../../shared/gifts/limits';
import { centsField, dollarsText, formatCents } from '../../../shared/money';
import { api } from '../api';
import { useChanges } from '../changes';
import { DialogActions } from '../components/DialogActions';
import { EmptyState } from '../components/EmptyState';
import { applyServerErrors, zodFormErrors } from '../formErrors';
import { useDialogForm } from '../hooks/useDialogForm';
import { notifyDone, notifyError } from '../notify';
import { formatShortDay, todayIn, userZone } from '../visits/dates';

type Check = z.output<typeof RewardCheck>;
type Row = z.output<typeof RewardRow>;
type Values = { referralCode: string; day: string; cents: string; description: string };

/** RewardLog as the form fills it: the amount typed in dollars. */
const RewardForm = RewardLog.extend({
  cents: z
    .string()
    .pipe(dollarsText)
    .pipe(centsField.refine((c) => c > 0, 'Enter what the thank-you cost, like 10')),
});
/** What the live check needs: the three fields rewards.check takes. */
const Checkable = RewardForm.pick({ referralCode: true, day: true, cents: true });

const CHECK_DELAY_MS = 300;
const VERDICT_COLOR: Record<Check['verdict'], string> = { ok: 'teal', warning: 'yellow', over: 'red', forbidden: 'red' };

/** Patient rewards: a small thank-you to a patient or family member who referred someone, under the OIG's nominal value. */
export function RewardsPage() {
  const [zone] = useState(userZone);
  const today = todayIn(zone);
  const year = Number(today.slice(0, 4));
  const [rows, setRows] = useState<Row[] | null>(null);
  const [limits, setLimits] = useState<{ item: number | null; perYear: number | null } | null>(null);
  const [reversing, setReversing] = useState<Row | null>(null);

  const load = (first: boolean) =>
    api['rewards.list']({ year }).then(setRows, (e: unknown) => first && notifyError('Could not load the rewards', e));
  const loadLimits = () =>
    api['limits.list']({}).then(
      (all) => setLimits({ item: limitFor(all, 'oig_nominal_item', year)?.cents ?? null, perYear: limitFor(all, 'oig_nominal_patient_year', year)?.cents ?? null }),
      () => {},
    );
  const loadFirst = useEffectEvent(() => {
    void load(true);
    void loadLimits();
  });
  useEffect(() => loadFirst(), []);
  useChanges(['patient_rewards'], () => void load(false));
  useChanges(['compliance_limits'], () => void loadLimits());

  const item = limits?.item == null ? 'a small amount' : `${formatCents(limits.item)}`;
  const perYear = limits?.perYear == null ? 'a small amount' : `${formatCents(limits.perYear)}`;

  return (
    <Stack gap="md" style={{ overflow: 'auto' }}>
      <Title order={2} size="h3">
        Patient referral rewards
      </Title>
      <Text size="sm" c="dimmed" maw={820}>
        Thank a patient or family member who referred someone with a small gift. The OIG allows nominal value only: at most {item} per item and {perYear} per patient in a
        year, never cash or gift cards. Each reward is checked before it is saved and kept in the audit ledger.
      </Text>
      <LogRewardForm today={today} />
      <Paper withBorder p="md" component="section" aria-labelledby="rewards-this-year">
        <Title order={3} size="h4" id="rewards-this-year" mb="xs">
          Rewards in {year}
        </Title>
        {rows === null ? (
          <Loader size="sm" aria-label="Loading the rewards" />
        ) : rows.length === 0 ? (
          <EmptyState
            title={`No rewards logged in ${year}`}
            body="When a patient or family member refers someone and you thank them, log it above: their referral code or initials (never a name), the date, what it cost and what it was. The app checks it against the nominal value first."
          />
        ) : (
          <RewardsTable rows={rows} today={today} onReverse={setReversing} />
        )}
      </Paper>
      <ReverseModal
        reward={reversing}
        today={today}
        onClose={() => setReversing(null)}
        onDone={(r) => {
          setReversing(null);
          void load(false);
          notifyDone(`The ${formatCents(r.cents)} reward to ${r.referralCode} is reversed.`);
        }}
      />
    </Stack>
  );
}

/** The form: code, date, amount, what it was; checked live against the limits as the user types. */
function LogRewardForm({ today }: { today: string }) {
  const [saving, setSaving] = useState(false);
  const [check, setCheck] = useState<{ result: Check; key: string } | null>(null);
  const [checking, setChecking] = useState(false);
  const checks = useRef(0);

  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { referralCode: '', day: today, cents: '', description: '' },
    validate: (values) => zodFormErrors(RewardForm.safeParse(values)),
    validateInputOnBlur: true,
  });
  const values = form.getValues();

  // The code is checked as it is typed (past the first letter), so a name or birth date is caught
  // before it goes anywhere. After the render, once the form has cleared the field's error for the change.
  const checkCode = useEffectEvent((text: string) => {
    const r = RewardLog.shape.referralCode.safeParse(text);
    if (r.success || text.trim().length < 2) form.clearFieldError('referralCode');
    else form.setFieldError('referralCode', r.error.issues[0]?.message);
  });
  useEffect(() => checkCode(values.referralCode), [values.referralCode]);

  // The live check: debounced, the latest answer only, and only for what the schema accepts.
  const key = JSON.stringify([values.referralCode, values.day, values.cents]);
  const runCheck = useEffectEvent((k: string) => {
    const [referralCode, day, cents] = JSON.parse(k) as [string, string, string];
    const mine = ++checks.current;
    const parsed = Checkable.safeParse({ referralCode, day, cents });
    if (!parsed.success) {
      setCheck(null);
      setChecking(false);
      return;
    }
    setChecking(true);
    api['rewards.check'](parsed.data).then(
      (result) => {
        if (mine !== checks.current) return;
        setCheck({ result, key: k });
        setChecking(false);
        // A refusal shown on the amount is stale once the check passes (a reversal freed room, say).
        if (result.verdict !== 'over' && form.errors.cents) form.clearFieldError('cents');
        if (form.errors.day) form.clearFieldError('day');
      },
      (e: unknown) => {
        if (mine !== checks.current) return;
        setCheck(null);
        setChecking(false);
        // A date in a year that has not begun is said on the date.
        applyServerErrors(e, (errs) => Object.entries(errs).forEach(([field, message]) => form.setFieldError(field, message)));
      },
    );
  });
  // A reward logged or reversed (here, in another window, by a sync) changes what this patient has left.
  const [recheck, setRecheck] = useState(0);
  useChanges(['patient_rewards', 'compliance_limits', 'settings'], () => setRecheck((n) => n + 1));
  useEffect(() => {
    const t = setTimeout(() => runCheck(key), CHECK_DELAY_MS);
    return () => clearTimeout(t);
  }, [key, recheck]);

  const focusFirstError = () => setTimeout(() => document.querySelector<HTMLElement>('#reward-form [aria-invalid="true"]')?.focus(), 0);

  async function save(v: Values) {
    const input = RewardForm.parse(v);
    setSaving(true);
    try {
      await api['rewards.log'](input);
      notifyDone(`Thank-you to ${input.referralCode.toUpperCase()} logged: ${formatCents(input.cents)}.`);
      // Ready for the next one, from the keyboard: focus first, so leaving the field Enter was
      // pressed in checks what it held, not the emptied form.
      document.getElementById('reward-code')?.focus();
      const next = { referralCode: '', day: v.day, cents: '', description: '' };
      form.setValues(next);
      form.resetDirty(next);
      form.clearErrors();
      setCheck(null);
    } catch (e) {
      if (!applyServerErrors(e, form.setErrors)) notifyError('Could not log the reward', e);
      else focusFirstError();
    } finally {
      setSaving(false);
    }
  }

  const typed = Checkable.safeParse(values);
  const shown = check && typed.success && check.key === key ? check.result : null;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="rewards-log">
      <Title order={3} size="h4" id="rewards-log" mb="xs">
        Log a thank-you
      </Title>
      <form id="reward-form" noValidate onSubmit={form.onSubmit((v) => void save(v), focusFirstError)}>
        <Stack gap="sm">
          <Group align="flex-start" gap="md">
            <TextInput
              id="reward-code"
              label="Referral code or initials"
              description="Like R-1042 or J.D.: never a name, MRN or birth date"
              w={360}
              autoComplete="off"
              spellCheck={false}
              withAsterisk
              {...form.getInputProps('referralCode')}
            />
            <TextInput type="date" label="Date" description="The day it was given" w={170} withAsterisk max={today} {...form.getInputProps('day')} />
            <TextInput
              label="Amount"
              description="In dollars, like 10"
              w={160}
              inputMode="decimal"
              leftSection="$"
              withAsterisk
              // A refusal names the limit, its source and what was given: it runs to the right rather than down a narrow column.
              errorProps={{ style: { width: 'max-content', maxWidth: 500 } }}
              {...form.getInputProps('cents')}
            />
          </Group>
          <TextInput label="What it was" description="Like “Coffee mug” or “Thank-you card and chocolates”" maw={620} withAsterisk {...form.getInputProps('description')} />
          <CheckPanel check={shown} checking={checking || (typed.success && check?.key !== key)} cents={typed.success ? typed.data.cents : null} />
          <Group>
            <Button type="submit" loading={saving}>
              Log reward
            </Button>
            <Text size="xs" c="dimmed">
              Enter in any field logs it.
            </Text>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** The live check's answer in words and numbers: per item and per patient this year. */
function CheckPanel({ check, checking, cents }: { check: Check | null; checking: boolean; cents: number | null }) {
  const body = (() => {
    if (!check || cents === null) {
      return (
        <Text size="sm" c="dimmed">
          {checking ? 'Checking against the limits…' : 'Enter the code, date and amount to check them against the nominal value limits.'}
        </Text>
      );
    }
    const after = check.spentCents + cents;
    const itemOver = check.itemLimitCents !== null && cents > check.itemLimitCents;
    const yearOver = check.yearLimitCents !== null && after > check.yearLimitCents;
    return (
      <Alert
        color={VERDICT_COLOR[check.verdict]}
        variant="light"
        title={check.verdict === 'over' ? `${check.rule}: it will not be saved` : check.rule}
        role="none"
      >
        <Stack gap={2}>
          <Text size="sm">
            Per item: {formatCents(cents)}
            {check.itemLimitCents === null ? ' (no per-item limit on file)' : ` of ${formatCents(check.itemLimitCents)}`}
            {itemOver && check.itemLimitCents !== null ? `, ${formatCents(cents - check.itemLimitCents)} over` : ''}
          </Text>
          <Text size="sm">
            This patient this year: {formatCents(check.spentCents)} given before, {formatCents(after)} with this one
            {check.yearLimitCents === null
              ? ' (no yearly limit on file)'
              : ` of ${formatCents(check.yearLimitCents)}, ${yearOver ? `${formatCents(after - check.yearLimitCents)} over` : `${formatCents(check.yearLimitCents - after)} left`}`}
          </Text>
          <Text size="xs" c="dimmed">
            Source: {check.source}
          </Text>
        </Stack>
      </Alert>
    );
  })();
  return (
    <div role="status" aria-live="polite" aria-label="Check against the nominal value limits">
      {body}
    </div>
  );
}

function RewardsTable({ rows, today, onReverse }: { rows: Row[]; today: string; onReverse: (r: Row) => void }) {
  return (
    <Table aria-label="Rewards this year" striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Date</Table.Th>
          <Table.Th>Code</Table.Th>
          <Table.Th>What it was</Table.Th>
          <Table.Th ta="right">Amount</Table.Th>
          <Table.Th>Logged by</Table.Th>
          <Table.Th aria-label="Status and actions" />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.id} style={r.reversed ? { opacity: 0.6 } : undefined}>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatShortDay(r.day, today)}</Table.Td>
            <Table.Td>{r.referralCode}</Table.Td>
            <Table.Td>{r.description}</Table.Td>
            <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
              {formatCents(r.cents)}
            </Table.Td>
            <Table.Td>{r.loggedBy ?? ''}</Table.Td>
            <Table.Td>
              <Group gap={4} justify="flex-end" wrap="nowrap">
                {r.isReversal ? (
                  <Badge variant="light" color="gray">
                    Reversal
                  </Badge>
                ) : r.reversed ? (
                  <Badge variant="light" color="gray">
                    Reversed
                  </Badge>
                ) : (
                  <Button size="compact-xs" variant="subtle" color="red" aria-label={`Reverse the ${formatCents(r.cents)} reward to ${r.referralCode} on ${r.day}`} onClick={() => onReverse(r)}>
                    Reverse
                  </Button>
                )}
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

const ReverseForm = giftsContract['rewards.reverse'].input.pick({ reason: true });

/** A reversal is a new row that cancels the reward (the original stays in the ledger): it asks why. */
function ReverseModal({ reward, today, onClose, onDone }: { reward: Row | null; today: string; onClose: () => void; onDone: (r: Row) => void }) {
  const { form, saving, onSubmit, requestClose } = useDialogForm<{ reason: string }>({
    opened: reward !== null,
    initial: () => ({ reason: '' }),
    schema: ReverseForm,
    onClose,
    errorTitle: 'Could not reverse the reward',
  });
  const save = async (v: { reason: string }) => {
    if (!reward) return;
    await api['rewards.reverse']({ id: reward.id, reason: v.reason });
    onDone(reward);
  };
  return (
    <Modal opened={reward !== null} onClose={requestClose} title={reward ? `Reverse the reward to ${reward.referralCode}` : ''}>
      {reward && (
        <form onSubmit={onSubmit(save)} noValidate>
          <Stack gap="xs">
            <Text size="sm">
              {formatCents(reward.cents)} on {formatShortDay(reward.day, today)}: {reward.description}. A reversal is a new row that cancels this one; the original stays in the
              audit ledger, and the amount no longer counts toward this patient’s year.
            </Text>
            <Textarea label="Why is it reversed?" description="Logged by mistake, wrong amount, never given…" autosize minRows={2} withAsterisk data-autofocus {...form.getInputProps('reason')} />
          </Stack>
          <DialogActions onCancel={requestClose} saving={saving} submitLabel="Reverse reward" />
        </form>
      )}
    </Modal>
  );
}
