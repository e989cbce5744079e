import { ActionIcon, Badge, Button, Group, Menu, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useState, type FormEvent } from 'react';
import { LOST_REASON_LABELS, LOST_REASONS, STATUS_LABELS, STATUSES, type LostReason, type Referral, type ReferralStatus } from '../../../shared/domain/referral';
import { api, ApiError } from '../api';
import { DialogActions } from '../components/DialogActions';
import { notifyDone, notifyError } from '../notify';
import { isDay } from '../visits/dates';
import { todayDay } from '../visits/visitTimes';

/** The pipeline without its way out. */
const PIPELINE = STATUSES.filter((s) => s !== 'lost');
type Step = Exclude<ReferralStatus, 'received'>;

/** The step after this one, or null at the end (closed) or off the pipeline (lost). */
export function nextStep(status: ReferralStatus): Step | null {
  if (status === 'lost') return null;
  return (PIPELINE[PIPELINE.indexOf(status) + 1] as Step | undefined) ?? null;
}

const STATUS_COLORS: Record<ReferralStatus, string> = {
  received: 'gray',
  contacted: 'blue',
  scheduled: 'indigo',
  seen: 'teal',
  note_sent: 'green',
  closed: 'dark',
  lost: 'red',
};

export function StatusBadge({ status }: { status: ReferralStatus }) {
  return (
    // In sentence case: "Consult note sent" in capitals does not fit a table cell.
    <Badge color={STATUS_COLORS[status]} variant={status === 'closed' ? 'outline' : 'light'} tt="none">
      {STATUS_LABELS[status]}
    </Badge>
  );
}

/** "Lakeside Orthopedics, received 2026-11-20": how a dialog names the referral it acts on. */
export const describeReferral = (r: Referral) => `${r.officeName}, ${r.direction === 'out' ? 'sent' : 'received'} ${r.receivedOn}`;

async function step(r: Referral, status: Step, on?: string, lostReason?: LostReason): Promise<Referral> {
  const saved = await api['referrals.step']({ id: r.id, status, ...(on ? { on } : {}), ...(lostReason ? { lostReason } : {}) });
  notifyDone(`${describeReferral(r)}: ${STATUS_LABELS[status].toLowerCase()}.`);
  return saved;
}

/**
 * What can be done to one referral from a list: advance it a step (dated today) in one click, and
 * in a menu, advance to any step on a chosen date, mark it lost with a reason, edit or delete it.
 */
export function ReferralRowActions({ referral: r, onEdit }: { referral: Referral; onEdit: (r: Referral) => void }) {
  const [dialog, setDialog] = useState<'step' | 'lost' | null>(null);
  const next = nextStep(r.status);
  const name = describeReferral(r);
  const advance = () => {
    if (next) step(r, next).catch((e: unknown) => notifyError('Could not move the referral', e));
  };
  const remove = () =>
    modals.openConfirmModal({
      title: 'Delete this referral?',
      children: (
        <Text size="sm">
          The referral from {name} is removed here and, once synced, on every device. Its counts leave the scorecards. This cannot be undone.
        </Text>
      ),
      labels: { confirm: 'Delete referral', cancel: 'Keep it' },
      confirmProps: { color: 'red' },
      cancelProps: { 'data-autofocus': true },
      onConfirm: () =>
        void api['referrals.delete']({ id: r.id }).then(
          () => notifyDone(`Referral from ${name} deleted.`),
          (e: unknown) => notifyError('Could not delete the referral', e),
        ),
    });
  return (
    <Group gap={4} wrap="nowrap" justify="flex-end" onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
      {next && (
        <Button size="compact-xs" variant="light" onClick={advance} aria-label={`Move to ${STATUS_LABELS[next].toLowerCase()}, dated today: ${name}`}>
          → {STATUS_LABELS[next]}
        </Button>
      )}
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="subtle" size="sm" aria-label={`More actions: ${name}`}>
            ⋯
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          {r.status !== 'lost' && r.status !== 'closed' && <Menu.Item onClick={() => setDialog('step')}>Move to a step on a date…</Menu.Item>}
          {r.status !== 'lost' && !r.seenOn && <Menu.Item onClick={() => setDialog('lost')}>Mark lost…</Menu.Item>}
          <Menu.Item onClick={() => onEdit(r)}>Edit</Menu.Item>
          <Menu.Divider />
          <Menu.Item color="red" onClick={remove}>
            Delete…
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal opened={dialog === 'step'} onClose={() => setDialog(null)} title="Move along the pipeline" size="sm">
        {dialog === 'step' && <StepForm referral={r} onDone={() => setDialog(null)} />}
      </Modal>
      <Modal opened={dialog === 'lost'} onClose={() => setDialog(null)} title="Mark the referral lost" size="sm">
        {dialog === 'lost' && <LostForm referral={r} onDone={() => setDialog(null)} />}
      </Modal>
    </Group>
  );
}

/** The step and its date: the next step and today to begin with. */
function StepForm({ referral: r, onDone }: { referral: Referral; onDone: () => void }) {
  const later = PIPELINE.slice(PIPELINE.indexOf(r.status as (typeof PIPELINE)[number]) + 1) as Step[];
  const [status, setStatus] = useState<Step>(later[0] ?? 'closed');
  const [on, setOn] = useState(todayDay());
  const [error, setError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!isDay(on)) return setError('Choose the date');
    setSaving(true);
    try {
      await step(r, status, on);
      onDone();
    } catch (err) {
      // The service names the step's own date field; here there is one date.
      if (err instanceof ApiError && err.issues.length) setError(err.issues[0]!.message);
      else notifyError('Could not move the referral', err);
    } finally {
      setSaving(false);
    }
  }
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Move along the pipeline">
      <Stack gap="sm">
        <Text size="sm">{describeReferral(r)}</Text>
        <Select
          label="Step"
          data={later.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
          value={status}
          onChange={(s) => s && setStatus(s as Step)}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
        <TextInput
          type="date"
          label="On"
          required
          value={on}
          onChange={(e) => {
            setOn(e.currentTarget.value);
            setError(undefined);
          }}
          error={error}
          data-autofocus
        />
        <DialogActions onCancel={onDone} saving={saving} submitLabel={`Mark ${STATUS_LABELS[status].toLowerCase()}`} />
      </Stack>
    </form>
  );
}

function LostForm({ referral: r, onDone }: { referral: Referral; onDone: () => void }) {
  const [reason, setReason] = useState<LostReason | null>(null);
  const [on, setOn] = useState(todayDay());
  const [errors, setErrors] = useState<{ reason?: string; on?: string }>({});
  const [saving, setSaving] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs = { reason: reason ? undefined : 'Say why the referral was lost.', on: isDay(on) ? undefined : 'Choose the date' };
    if (errs.reason || errs.on) return setErrors(errs);
    setSaving(true);
    try {
      await step(r, 'lost', on, reason!);
      onDone();
    } catch (err) {
      if (err instanceof ApiError && err.issues.length) {
        const i = err.issues[0]!;
        setErrors(i.path[0] === 'lostReason' ? { reason: i.message } : { on: i.message });
      } else notifyError('Could not mark the referral lost', err);
    } finally {
      setSaving(false);
    }
  }
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Mark the referral lost">
      <Stack gap="sm">
        <Text size="sm">{describeReferral(r)}</Text>
        <Select
          label="Why was it lost?"
          required
          placeholder="Choose a reason"
          data={LOST_REASONS.map((x) => ({ value: x, label: LOST_REASON_LABELS[x] }))}
          value={reason}
          onChange={(x) => {
            setReason(x as LostReason | null);
            setErrors((e) => ({ ...e, reason: undefined }));
          }}
          error={errors.reason}
          comboboxProps={{ withinPortal: true }}
          data-autofocus
        />
        <TextInput
          type="date"
          label="On"
          required
          value={on}
          onChange={(e) => {
            setOn(e.currentTarget.value);
            setErrors((x) => ({ ...x, on: undefined }));
          }}
          error={errors.on}
        />
        <DialogActions onCancel={onDone} saving={saving} submitLabel="Mark lost" />
      </Stack>
    </form>
  );
}
