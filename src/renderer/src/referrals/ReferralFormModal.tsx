import { Anchor, Autocomplete, Collapse, Modal, Select, SimpleGrid, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ApiInput, ApiOutput } from '../../../shared/api/contract';
import { referralCode } from '../../../shared/domain/gift';
import {
  LOST_REASON_LABELS,
  LOST_REASONS,
  SOURCE_KIND_LABELS,
  SOURCE_KINDS,
  STATUS_LABELS,
  type Direction,
  type LostReason,
  type Referral,
  type SourceKind,
  serviceLine as serviceLineRule,
} from '../../../shared/domain/referral';
import { api, ApiError } from '../api';
import { confirmDiscard } from '../components/confirmDiscard';
import { DialogActions } from '../components/DialogActions';
import { notifyDone, notifyError } from '../notify';
import { isDay } from '../visits/dates';
import { OfficePicker } from '../visits/OfficePicker';
import { todayDay } from '../visits/visitTimes';

export interface ReferralDialog {
  /** the referral to edit; absent: a new one */
  referral?: Referral;
  /** a new referral's office when it is fixed (its page): the picker is not shown */
  office?: { id: string; name: string };
  direction?: Direction;
}

type People = ApiOutput<'gifts.recipients'>['people'];
type Errors = Partial<Record<string, string>>;

/** The step dates in pipeline order, with what the form calls them. */
const DATE_FIELDS = [
  ['contactedOn', STATUS_LABELS.contacted],
  ['scheduledOn', STATUS_LABELS.scheduled],
  ['appointmentOn', 'First appointment'],
  ['seenOn', STATUS_LABELS.seen],
  ['noteSentOn', STATUS_LABELS.note_sent],
  ['closedOn', STATUS_LABELS.closed],
  ['lostOn', STATUS_LABELS.lost],
] as const;
type DateField = (typeof DATE_FIELDS)[number][0];
const PIPELINE_FIELDS: readonly string[] = [...DATE_FIELDS.map(([f]) => f), 'lostReason'];

interface Values extends Record<DateField, string> {
  direction: Direction;
  officeId: string | null;
  personId: string | null;
  receivedOn: string;
  serviceLine: string;
  sourceKind: SourceKind;
  referralCode: string;
  lostReason: LostReason | null;
  notes: string;
}

function initial(d: ReferralDialog): Values {
  const r = d.referral;
  return {
    direction: r?.direction ?? d.direction ?? 'in',
    officeId: r?.officeId ?? d.office?.id ?? null,
    personId: r?.personId ?? null,
    receivedOn: r?.receivedOn ?? todayDay(),
    serviceLine: r?.serviceLine ?? '',
    sourceKind: r?.sourceKind ?? 'physician_office',
    referralCode: r?.referralCode ?? '',
    contactedOn: r?.contactedOn ?? '',
    scheduledOn: r?.scheduledOn ?? '',
    appointmentOn: r?.appointmentOn ?? '',
    seenOn: r?.seenOn ?? '',
    noteSentOn: r?.noteSentOn ?? '',
    closedOn: r?.closedOn ?? '',
    lostOn: r?.lostOn ?? '',
    lostReason: r?.lostReason ?? null,
    notes: r?.notes ?? '',
  };
}

/** The referral as the API takes it: empty text is "not set". */
function fieldsOf(v: Values) {
  const orNull = (s: string) => (s.trim() === '' ? null : s.trim());
  return {
    officeId: v.officeId ?? '',
    personId: v.personId,
    receivedOn: v.receivedOn,
    serviceLine: v.serviceLine,
    sourceKind: v.sourceKind,
    referralCode: orNull(v.referralCode),
    lostReason: v.lostReason,
    notes: orNull(v.notes),
    ...(Object.fromEntries(DATE_FIELDS.map(([f]) => [f, orNull(v[f])])) as Record<DateField, string | null>),
  };
}

/** What the form can tell before asking the server: the same rules, the same words. */
function localErrors(v: Values): Errors {
  const errors: Errors = {};
  if (!v.officeId) errors.officeId = 'Choose the office';
  if (!isDay(v.receivedOn)) errors.receivedOn = 'Choose the date';
  const line = serviceLineRule.safeParse(v.serviceLine);
  if (!line.success) errors.serviceLine = line.error.issues[0]?.message;
  const code = codeError(v.referralCode);
  if (code) errors.referralCode = code;
  for (const [f] of DATE_FIELDS) if (v[f].trim() && !isDay(v[f])) errors[f] = 'Use a date like 2026-11-24';
  if (v.lostOn.trim() && !v.lostReason) errors.lostReason = 'Say why the referral was lost.';
  return errors;
}

/** The shared rule a code must pass (no name, birth date or record number), as the server words it. */
function codeError(code: string): string | undefined {
  if (code.trim() === '') return undefined;
  const r = referralCode.safeParse(code);
  return r.success ? undefined : r.error.issues[0]?.message;
}

/**
 * Log a referral in a few keystrokes, or edit one: office (typed, chosen first), service line,
 * Enter. The date is today and the source a physician office unless changed; the pipeline's dates
 * wait in a collapsed part. A referral code that looks like a name, date or record number is
 * refused as it is typed, with the server's own words.
 */
export function ReferralFormModal({ dialog, onClose, onSaved }: { dialog: ReferralDialog | null; onClose: () => void; onSaved?: (r: Referral) => void }) {
  // Escape and the close button ask the form first (it knows whether anything was typed).
  const closing = useRef<() => void>(onClose);
  const editing = !!dialog?.referral;
  const out = (dialog?.referral?.direction ?? dialog?.direction) === 'out';
  const title = editing ? 'Edit referral' : out ? 'Log a referral sent' : 'Log a referral';
  return (
    <Modal opened={dialog !== null} onClose={() => closing.current()} title={title} size="lg">
      {dialog && (
        <ReferralForm
          dialog={dialog}
          title={title}
          onClose={onClose}
          onSaved={onSaved}
          askToClose={(f) => {
            closing.current = f;
          }}
        />
      )}
    </Modal>
  );
}

function ReferralForm({
  dialog,
  title,
  onClose,
  onSaved,
  askToClose,
}: {
  dialog: ReferralDialog;
  title: string;
  onClose: () => void;
  onSaved?: (r: Referral) => void;
  askToClose: (f: () => void) => void;
}) {
  const editing = dialog.referral;
  const [start] = useState(() => initial(dialog));
  const [v, setV] = useState<Values>(start);
  const [errors, setErrors] = useState<Errors>({});
  const [saving, setSaving] = useState(false);
  const [lines, setLines] = useState<string[]>([]);
  const [people, setPeople] = useState<{ officeId: string; people: People } | null>(null);
  const [pipelineOpen, setPipelineOpen] = useState(() => DATE_FIELDS.some(([f]) => start[f] !== ''));
  const lineRef = useRef<HTMLInputElement>(null);
  const touched = JSON.stringify(v) !== JSON.stringify(start);

  useEffect(() => {
    api['referrals.serviceLines']({}).then(
      (r) => setLines(r.lines),
      () => setLines([]),
    );
  }, []);
  useEffect(() => {
    if (!v.officeId) return;
    const officeId = v.officeId;
    let live = true;
    api['gifts.recipients']({ officeId }).then(
      (r) => live && setPeople({ officeId, people: r.people.filter((p) => p.kind !== 'staff') }),
      (e: unknown) => notifyError('Could not load the office’s physicians', e),
    );
    return () => {
      live = false;
    };
  }, [v.officeId]);
  const physicians = people && people.officeId === v.officeId ? people.people : [];

  const set = <K extends keyof Values>(k: K, value: Values[K]) => {
    setV((x) => ({ ...x, [k]: value }));
    setErrors((e) => ({ ...e, [k]: undefined }));
  };

  const focusFirstError = () => setTimeout(() => document.querySelector<HTMLElement>('[role="dialog"] [aria-invalid="true"]')?.focus(), 0);

  function showErrors(errs: Errors) {
    setErrors(errs);
    if (Object.keys(errs).some((k) => PIPELINE_FIELDS.includes(k))) setPipelineOpen(true);
    focusFirstError();
  }

  async function submit(e?: FormEvent) {
    e?.preventDefault();
    if (saving) return;
    const errs = localErrors(v);
    if (Object.keys(errs).length) return showErrors(errs);
    setSaving(true);
    try {
      const fields = fieldsOf(v);
      let saved: Referral;
      if (editing) {
        // Only what the user changed, so a sync never overwrites a colleague's edit of another field.
        const before = fieldsOf(start) as Record<string, unknown>;
        const patch = Object.fromEntries(Object.entries(fields).filter(([k, x]) => before[k] !== x)) as ApiInput<'referrals.update'>['patch'];
        saved = Object.keys(patch).length ? await api['referrals.update']({ id: editing.id, patch }) : editing;
        notifyDone(`Referral from ${saved.officeName} saved.`);
      } else {
        saved = await api['referrals.create']({ ...fields, direction: v.direction });
        notifyDone(v.direction === 'out' ? `Referral sent to ${saved.officeName} logged.` : `Referral from ${saved.officeName} logged.`);
      }
      onSaved?.(saved);
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.issues.length) showErrors(Object.fromEntries(err.issues.map((i) => [String(i.path[0]), i.message])));
      else notifyError('Could not save the referral', err);
    } finally {
      setSaving(false);
    }
  }

  const requestClose = () => confirmDiscard(touched, onClose);
  useEffect(() => askToClose(requestClose));

  // Ctrl+Enter saves from the notes too, where Enter starts a new line.
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit(e);
  };
  const out = v.direction === 'out';
  const fixedOffice = !editing && dialog.office;

  return (
    <form onSubmit={(e) => void submit(e)} onKeyDown={onKeyDown} noValidate aria-label={title}>
      <Stack gap="sm">
        {fixedOffice ? (
          <Text size="sm">
            {out ? 'Sent to' : 'From'} <b>{fixedOffice.name}</b>
          </Text>
        ) : (
          <OfficePicker
            label={out ? 'Sent to office' : 'Referring office'}
            required
            value={v.officeId}
            initialLabel={editing?.officeName}
            onChange={(id) => {
              // Another office's physicians: whoever was chosen at the last one is not at this one.
              setV((x) => ({ ...x, officeId: id, personId: null }));
              setErrors((x) => ({ ...x, officeId: undefined, personId: undefined }));
              // The next thing to type is the service line: the keyboard goes there.
              if (id) setTimeout(() => lineRef.current?.focus(), 0);
            }}
            error={errors.officeId}
            data-autofocus
          />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Autocomplete
            ref={lineRef}
            label="Service line"
            required
            placeholder="Spine, Knee, Sports medicine…"
            data={lines}
            value={v.serviceLine}
            onChange={(s) => set('serviceLine', s)}
            error={errors.serviceLine}
            comboboxProps={{ withinPortal: true }}
            data-autofocus={fixedOffice ? true : undefined}
          />
          <Select
            label={out ? 'Physician we sent to' : 'Referring physician'}
            placeholder={v.officeId ? (physicians.length ? 'Optional' : 'Nobody listed at this office') : 'Choose the office first'}
            data={physicians.map((p) => ({ value: p.id, label: p.name }))}
            value={v.personId}
            onChange={(id) => set('personId', id)}
            clearable
            searchable
            disabled={!v.officeId}
            error={errors.personId}
            comboboxProps={{ withinPortal: true }}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput type="date" label={out ? 'Sent' : 'Received'} required value={v.receivedOn} onChange={(e) => set('receivedOn', e.currentTarget.value)} error={errors.receivedOn} />
          <Select
            label="Source"
            data={SOURCE_KINDS.map((k) => ({ value: k, label: SOURCE_KIND_LABELS[k] }))}
            value={v.sourceKind}
            onChange={(k) => k && set('sourceKind', k as SourceKind)}
            allowDeselect={false}
            error={errors.sourceKind}
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput
            label="Referral code"
            description="Never a name, birth date or record number"
            placeholder="R-1042 or initials"
            value={v.referralCode}
            onChange={(e) => {
              const s = e.currentTarget.value;
              setV((x) => ({ ...x, referralCode: s }));
              // Checked as it is typed: the rule is shared, so the words are the server's.
              setErrors((x) => ({ ...x, referralCode: codeError(s) }));
            }}
            error={errors.referralCode}
          />
        </SimpleGrid>
        <Switch
          label="Sent to partner"
          description={editing ? 'A referral’s direction is set when it is logged.' : 'A referral the practice sent out, counted in the partner’s reciprocity'}
          checked={out}
          disabled={!!editing}
          onChange={(e) => set('direction', e.currentTarget.checked ? 'out' : 'in')}
        />
        {editing?.sourceId && (
          <Text size="sm" c="dimmed">
            Imported from the practice-management system as {editing.sourceId}.
          </Text>
        )}
        <div>
          <Anchor component="button" type="button" size="sm" onClick={() => setPipelineOpen((o) => !o)} aria-expanded={pipelineOpen} aria-controls="referral-pipeline">
            {pipelineOpen ? '▾' : '▸'} Pipeline dates{editing ? ` (now ${STATUS_LABELS[editing.status].toLowerCase()})` : ''}
          </Anchor>
          <Collapse expanded={pipelineOpen}>
            <Stack gap="xs" mt="xs" id="referral-pipeline" role="group" aria-label="Pipeline dates">
              <SimpleGrid cols={{ base: 2, sm: 4 }}>
                {DATE_FIELDS.map(([f, label]) => (
                  <TextInput key={f} type="date" size="xs" label={label} value={v[f]} onChange={(e) => set(f, e.currentTarget.value)} error={errors[f]} />
                ))}
                <Select
                  size="xs"
                  label="Lost reason"
                  placeholder={v.lostOn ? 'Choose' : '—'}
                  data={LOST_REASONS.map((r) => ({ value: r, label: LOST_REASON_LABELS[r] }))}
                  value={v.lostReason}
                  onChange={(r) => set('lostReason', r as LostReason | null)}
                  clearable
                  error={errors.lostReason}
                  comboboxProps={{ withinPortal: true }}
                />
              </SimpleGrid>
              <Text size="xs" c="dimmed">
                The status follows the furthest step dated. A step cannot be dated before the referral arrived or after today; the first appointment may be ahead.
              </Text>
            </Stack>
          </Collapse>
        </div>
        <Textarea label="Notes" autosize minRows={1} maxRows={4} value={v.notes} onChange={(e) => set('notes', e.currentTarget.value)} error={errors.notes} />
        <Text size="xs" c="dimmed">
          Enter saves (Ctrl+Enter in the notes); Esc closes.
        </Text>
        <DialogActions onCancel={requestClose} saving={saving} submitLabel={editing ? 'Save referral' : 'Log referral'} />
      </Stack>
    </form>
  );
}
