import { Alert, Button, Checkbox, Group, Modal, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Switch, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { ApiInput, ApiOutput } from '../../../shared/api/contract';
import { STAFF_ROLE_LABELS } from '../../../shared/domain/person';
import { ENTRY_KIND_LABELS, MEAL_PLACE_LABELS, MEAL_PLACES, type GiftCheckResult } from '../../../shared/domain/gift';
import { ENTRY_KINDS, type EntryKind } from '../../../shared/gifts/check';
import { MAX_RECEIPT_BYTES } from '../../../shared/gifts/receipts';
import { formatCents, readDollars } from '../../../shared/money';
import { api, ApiError } from '../api';
import { confirmDiscard } from '../components/confirmDiscard';
import { chooseInMainProcess, choosesInMainProcess, uploadFile } from '../imports/upload';
import { notifyDone, notifyError } from '../notify';
import { isManager } from '../../../shared/domain/team';
import { useMe } from '../team/me';
import { OfficePicker } from '../visits/OfficePicker';
import { todayDay } from '../visits/visitTimes';
import { VerdictBadge } from './VerdictBadge';

export interface GiftDialog {
  /** fixed office (its page, a visit); null: the user picks one */
  officeId: string | null;
  visitId?: string | null;
  kind?: EntryKind;
  day?: string;
  description?: string;
  inPerson?: boolean;
  /** people ticked to begin with (logging from a physician's own page) */
  recipients?: string[];
}

type People = ApiOutput<'gifts.recipients'>['people'];
type Errors = Partial<Record<string, string>>;

const KIND_OPTIONS = ENTRY_KINDS.map((k) => ({ value: k, label: ENTRY_KIND_LABELS[k] }));

interface Values {
  officeId: string | null;
  kind: EntryKind;
  place: (typeof MEAL_PLACES)[number];
  day: string;
  total: string;
  peopleSharing: number | string;
  chosen: string[];
  ownShares: boolean;
  shares: Record<string, string>;
  description: string;
  vendor: string;
  inPerson: boolean;
  overrideReason: string;
}

function initial(d: GiftDialog): Values {
  return {
    officeId: d.officeId,
    kind: d.kind ?? 'meal',
    place: 'in_office',
    day: d.day ?? todayDay(),
    total: '',
    peopleSharing: 1,
    chosen: d.recipients ?? [],
    ownShares: false,
    shares: {},
    description: d.description ?? '',
    vendor: '',
    inPerson: d.inPerson ?? true,
    overrideReason: '',
  };
}

/** The proposal as the API takes it, or the field errors that keep it from being one. */
function proposal(v: Values): { input: ApiInput<'gifts.check'> } | { errors: Errors } {
  const errors: Errors = {};
  if (!v.officeId) errors.officeId = 'Choose the office';
  const total = readDollars(v.total);
  if ('error' in total) errors.total = v.kind === 'thank_you_note' && v.total.trim() === '' ? undefined : total.error;
  const sharing = typeof v.peopleSharing === 'number' ? v.peopleSharing : Number.NaN;
  if (!Number.isInteger(sharing) || sharing < 1) errors.peopleSharing = 'How many people shared it? (1 or more)';
  else if (sharing < v.chosen.length) errors.peopleSharing = `${v.chosen.length} people are named, so at least ${v.chosen.length} shared it`;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v.day)) errors.day = 'Choose the date';
  const recipients = v.chosen.map((personId) => {
    if (!v.ownShares) return { personId };
    const r = readDollars(v.shares[personId] ?? '');
    if ('error' in r) {
      errors[`share.${personId}`] = r.error;
      return { personId };
    }
    return { personId, cents: r.cents };
  });
  const clean = Object.fromEntries(Object.entries(errors).filter(([, m]) => m));
  if (Object.keys(clean).length) return { errors: clean };
  return {
    input: { officeId: v.officeId!, kind: v.kind, day: v.day, totalCents: 'cents' in total ? total.cents : 0, peopleSharing: sharing, recipients },
  };
}

/** Server field paths → this form's fields. */
function fieldOf(path: (string | number)[]): string {
  const [head] = path;
  if (head === 'totalCents') return 'total';
  if (head === 'recipients') return 'recipients';
  if (head === 'receipt' || head === 'receiptFileId') return 'receipt';
  if (head === 'override') return 'overrideReason';
  return String(head);
}

/**
 * Log a meal, gift, note or other item for an office's people, checked as the user types: each
 * named person's share and whether it keeps them within the law's yearly limit and the practice's
 * policy. Over a limit it saves only with a manager's written reason; a forbidden kind never saves.
 */
export function GiftEntryModal({ dialog, onClose, onSaved }: { dialog: GiftDialog | null; onClose: () => void; onSaved?: (id: string) => void }) {
  // Each opening starts a fresh form (the body mounts with the dialog).
  // Escape and the close button ask the form first (it knows whether anything was typed).
  const closing = useRef<() => void>(onClose);
  return (
    <Modal opened={dialog !== null} onClose={() => closing.current()} title="Log a gift or meal" size="xl">
      {dialog && (
        <GiftEntryForm
          dialog={dialog}
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

function GiftEntryForm({
  dialog,
  onClose,
  onSaved,
  askToClose,
}: {
  dialog: GiftDialog;
  onClose: () => void;
  onSaved?: (id: string) => void;
  askToClose: (f: () => void) => void;
}) {
  const { me } = useMe();
  const [v, setV] = useState<Values>(() => initial(dialog));
  const [touched, setTouched] = useState(false);
  const [fetched, setFetched] = useState<{ officeId: string; people: People; officeName: string } | null>(null);
  const people = fetched && fetched.officeId === v.officeId ? fetched.people : [];
  const officeName = fetched && fetched.officeId === v.officeId ? fetched.officeName : '';
  const [answer, setCheck] = useState<GiftCheckResult | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [saving, setSaving] = useState(false);
  const [receipt, setReceipt] = useState<File | null>(null);
  const [picked, setPicked] = useState<{ fileId: string; name: string } | null>(null);
  const checks = useRef(0);

  useEffect(() => {
    if (!v.officeId) return;
    const officeId = v.officeId;
    let live = true;
    api['gifts.recipients']({ officeId }).then(
      (r) => {
        if (live) setFetched({ officeId, people: r.people, officeName: r.officeName });
      },
      (e: unknown) => notifyError('Could not load the office’s people', e),
    );
    return () => {
      live = false;
    };
  }, [v.officeId]);

  // The live check: after a pause in typing, the latest answer only.
  const asked = useMemo(() => proposal(v), [v]);
  // An answer about a proposal that is no longer valid is not shown.
  const check = 'input' in asked ? answer : null;
  useEffect(() => {
    // Any change makes an answer still on its way stale, a change not worth asking about too: a late
    // answer about the last valid amount would otherwise cover the error on the amount just typed.
    const mine = ++checks.current;
    if (!('input' in asked)) return;
    const t = setTimeout(() => {
      api['gifts.check'](asked.input).then(
        (r) => {
          if (mine !== checks.current) return;
          setCheck(r);
          setErrors((e) => ({ ...e, day: undefined, recipients: undefined, peopleSharing: undefined }));
        },
        (e: unknown) => {
          if (mine !== checks.current) return;
          setCheck(null);
          if (e instanceof ApiError && e.issues.length) setErrors((x) => ({ ...x, ...Object.fromEntries(e.issues.map((i) => [fieldOf(i.path), i.message])) }));
        },
      );
    }, 150);
    return () => clearTimeout(t);
  }, [asked]);

  const set = <K extends keyof Values>(k: K, value: Values[K]) => {
    setTouched(true);
    setV((x) => ({ ...x, [k]: value }));
    setErrors((e) => ({ ...e, [k]: undefined }));
  };

  const toggle = (id: string, on: boolean) => {
    setTouched(true);
    setV((x) => {
      const chosen = on ? [...x.chosen, id] : x.chosen.filter((c) => c !== id);
      // Naming more people than were counted as sharing raises the count with them.
      const sharing = typeof x.peopleSharing === 'number' && x.peopleSharing < chosen.length ? chosen.length : x.peopleSharing;
      return { ...x, chosen, peopleSharing: sharing };
    });
    setErrors((e) => ({ ...e, recipients: undefined }));
  };

  const localErrors = 'errors' in asked && touched ? asked.errors : {};
  const shown = (k: string) => errors[k] ?? (k === 'officeId' && !v.officeId ? undefined : localErrors[k]);
  const verdict = check?.verdict ?? 'ok';
  const canOverride = isManager(me?.role);
  const needsOverride = verdict === 'over';

  async function chooseReceipt(file: File | null) {
    setErrors((e) => ({ ...e, receipt: undefined }));
    if (!file) return setReceipt(null);
    if (file.size > MAX_RECEIPT_BYTES) {
      setReceipt(null);
      return setErrors((e) => ({ ...e, receipt: `${file.name} is ${(file.size / 1024 ** 2).toFixed(1)} MB; a receipt may be at most 10 MB.` }));
    }
    setReceipt(file);
  }

  async function submit(e?: FormEvent) {
    e?.preventDefault();
    setTouched(true);
    const p = proposal(v);
    const errs: Errors = 'errors' in p ? { ...p.errors } : {};
    if (!v.description.trim()) errs.description = 'Describe it, like “Lunch for the front office”';
    if (needsOverride && canOverride && v.overrideReason.trim().length < 10) errs.overrideReason = 'Write why this entry may go over the limit (at least a sentence)';
    if (Object.keys(errs).length || !('input' in p)) {
      setErrors(errs);
      setTimeout(() => document.querySelector<HTMLElement>('[role="dialog"] [aria-invalid="true"]')?.focus(), 0);
      return;
    }
    setSaving(true);
    try {
      let receiptFileId: string | null = picked?.fileId ?? null;
      if (receipt && !receiptFileId) receiptFileId = (await uploadFile(receipt, () => {})).fileId;
      const r = await api['gifts.log']({
        ...p.input,
        visitId: dialog.visitId ?? null,
        place: v.kind === 'meal' ? v.place : null,
        inPerson: v.inPerson,
        description: v.description,
        vendor: v.vendor,
        override: needsOverride && canOverride ? { reason: v.overrideReason } : null,
        receiptFileId,
      });
      notifyDone(`${ENTRY_KIND_LABELS[v.kind]} for ${officeName || 'the office'} logged.`);
      onSaved?.(r.id);
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.issues.length) {
        setErrors(Object.fromEntries(err.issues.map((i) => [fieldOf(i.path), i.message])));
        setTimeout(() => document.querySelector<HTMLElement>('[role="dialog"] [aria-invalid="true"]')?.focus(), 0);
      } else notifyError('Could not log the entry', err);
    } finally {
      setSaving(false);
    }
  }

  const title = dialog.officeId && officeName ? `Log a gift or meal: ${officeName}` : 'Log a gift or meal';
  const requestClose = () => confirmDiscard(touched, onClose);
  useEffect(() => askToClose(requestClose));
  return (
    <>
      <form onSubmit={(e) => void submit(e)} noValidate aria-label={title}>
        <Stack gap="sm">
          {!dialog.officeId && (
            <OfficePicker
              label="Office"
              required
              value={v.officeId}
              onChange={(id) => {
                // Another office's people: whoever was ticked at the last one is not at this one.
                setTouched(true);
                setV((x) => ({ ...x, officeId: id, chosen: [], shares: {}, ownShares: false }));
                setCheck(null);
                setErrors({});
              }}
              error={shown('officeId')}
              data-autofocus
            />
          )}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label="Kind"
              required
              data={KIND_OPTIONS}
              value={v.kind}
              onChange={(k) => k && set('kind', k as EntryKind)}
              allowDeselect={false}
              error={shown('kind')}
              data-autofocus={dialog.officeId ? true : undefined}
            />
            <TextInput type="date" label="Date" required value={v.day} onChange={(e) => set('day', e.currentTarget.value)} error={shown('day')} />
            {v.kind === 'meal' ? (
              <Stack gap={4}>
                <Text size="sm" fw={500} id="gift-place">
                  Where
                </Text>
                <SegmentedControl
                  aria-labelledby="gift-place"
                  data={MEAL_PLACES.map((p) => ({ value: p, label: MEAL_PLACE_LABELS[p] }))}
                  value={v.place}
                  onChange={(p) => set('place', p as Values['place'])}
                />
              </Stack>
            ) : (
              <div />
            )}
          </SimpleGrid>
          {v.kind === 'cash_equivalent' && (
            <Alert color="red" title="Never allowed">
              Gift cards and other cash equivalents are never allowed for physicians or their staff (42 CFR 411.357(k); OIG policy on nominal value). It is listed so the rule is clear; it cannot be saved.
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label="Total ($)"
              required={v.kind !== 'thank_you_note'}
              inputMode="decimal"
              placeholder={v.kind === 'thank_you_note' ? 'No value' : '180.00'}
              value={v.total}
              onChange={(e) => set('total', e.currentTarget.value)}
              error={shown('total') ?? shown('totalCents')}
            />
            <NumberInput
              label="People who shared it"
              description="Everyone, named or not"
              required
              min={1}
              max={500}
              allowDecimal={false}
              value={v.peopleSharing}
              onChange={(n) => set('peopleSharing', n)}
              error={shown('peopleSharing')}
            />
            <Switch label="Delivered in person" description="Counts as a touch for the office" checked={v.inPerson} onChange={(e) => set('inPerson', e.currentTarget.checked)} mt="lg" />
          </SimpleGrid>

          <Stack gap={4} role="group" aria-labelledby="gift-recipients">
            <Group justify="space-between">
              <Text size="sm" fw={500} id="gift-recipients">
                Recipients at {officeName || 'the office'}
              </Text>
              <Checkbox label="Set shares myself" checked={v.ownShares} onChange={(e) => set('ownShares', e.currentTarget.checked)} disabled={v.chosen.length === 0} />
            </Group>
            {shown('recipients') && (
              <Text size="sm" c="red" role="alert">
                {shown('recipients')}
              </Text>
            )}
            {v.officeId && people.length === 0 && (
              <Text size="sm" c="dimmed">
                Nobody is listed at this office yet. Add its physicians and staff on the office’s page to track what each receives; the entry can still be logged for the office.
              </Text>
            )}
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={4}>
              {people.map((p) => {
                const share = check?.shares.find((s) => s.personId === p.id);
                return (
                  <Group key={p.id} gap="xs" wrap="nowrap">
                    <Checkbox
                      label={`${p.name} (${p.kind === 'physician' ? 'physician' : p.kind === 'clinician' ? 'clinician' : ((STAFF_ROLE_LABELS as Record<string, string>)[p.role ?? ''] ?? 'staff').toLowerCase()})`}
                      checked={v.chosen.includes(p.id)}
                      onChange={(e) => toggle(p.id, e.currentTarget.checked)}
                    />
                    {v.ownShares && v.chosen.includes(p.id) ? (
                      <TextInput
                        aria-label={`Share for ${p.name} ($)`}
                        size="xs"
                        w={90}
                        inputMode="decimal"
                        value={v.shares[p.id] ?? ''}
                        onChange={(e) => {
                          const value = e.currentTarget.value;
                          setTouched(true);
                          setV((x) => ({ ...x, shares: { ...x.shares, [p.id]: value } }));
                        }}
                        error={shown(`share.${p.id}`)}
                      />
                    ) : (
                      share && (
                        <Text size="sm" c="dimmed" aria-label={`${p.name}'s share`}>
                          {formatCents(share.cents)}
                        </Text>
                      )
                    )}
                  </Group>
                );
              })}
            </SimpleGrid>
            {check && check.othersCents !== 0 && (
              <Text size="sm" c="dimmed">
                People not named share {formatCents(check.othersCents)}.
              </Text>
            )}
          </Stack>

          <CheckPanel check={check} />

          {needsOverride && (
            <Stack gap={4}>
              {canOverride ? (
                <Textarea
                  label="Manager’s override: why this may go over the limit"
                  description={`Recorded with your name (${me?.name ?? ''}) and role, marked self-declared until the team server checks roles.`}
                  required
                  autosize
                  minRows={2}
                  value={v.overrideReason}
                  onChange={(e) => set('overrideReason', e.currentTarget.value)}
                  error={shown('overrideReason') ?? shown('override')}
                />
              ) : (
                <Alert color="red" title="Over the limit: not saved">
                  {shown('overrideReason') ?? shown('override') ?? 'A manager can save it with a written reason. Ask one, or lower the amount.'}
                </Alert>
              )}
            </Stack>
          )}

          {v.kind === 'thank_you_note' && (
            <NoteTemplate
              firstPerson={people.find((p) => p.id === v.chosen[0]) ?? null}
              onPick={(name) => !v.description.trim() && set('description', name)}
            />
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="Description" required placeholder="Lunch and learn: new knee protocol" value={v.description} onChange={(e) => set('description', e.currentTarget.value)} error={shown('description')} />
            <TextInput label="Vendor" placeholder="Panera Bread" value={v.vendor} onChange={(e) => set('vendor', e.currentTarget.value)} error={shown('vendor')} />
          </SimpleGrid>
          <ReceiptField file={receipt} picked={picked} onFile={(f) => void chooseReceipt(f)} onPicked={setPicked} error={shown('receipt')} />
          <Group justify="flex-end" mt="md">
            <Button variant="default" onClick={requestClose}>
              Cancel
            </Button>
            <Button type="submit" loading={saving}>
              {needsOverride && canOverride ? 'Override and log' : 'Log entry'}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}

/** A thank-you note's text from the practice's templates, filled in for the first recipient, to copy into a card or letter. */
function NoteTemplate({ firstPerson, onPick }: { firstPerson: People[number] | null; onPick: (name: string) => void }) {
  const [templates, setTemplates] = useState<ApiOutput<'thankYou.templates'>>([]);
  const [chosen, setChosen] = useState<string | null>(null);
  useEffect(() => {
    api['thankYou.templates']({}).then(setTemplates, (e: unknown) => notifyError('Could not load the note templates', e));
  }, []);
  const t = templates.find((x) => x.id === chosen);
  const [first = '', ...rest] = (firstPerson?.name ?? '').replace(/^Dr\. /, '').replace(/,.*$/, '').split(' ');
  const text = t ? t.body.replaceAll('{firstName}', first || '…').replaceAll('{lastName}', rest.join(' ') || '…') : '';
  if (templates.length === 0) return null;
  return (
    <Stack gap={4}>
      <Select
        label="Note template"
        placeholder="Choose a template (Settings → Thank-you note templates)"
        data={templates.map((x) => ({ value: x.id, label: x.name }))}
        value={chosen}
        onChange={(id) => {
          setChosen(id);
          const picked = templates.find((x) => x.id === id);
          if (picked) onPick(`Thank-you note: ${picked.name}`);
        }}
        clearable
      />
      {t && (
        <Group align="flex-start" gap="xs" wrap="nowrap">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', flex: 1 }} aria-label="Note text">
            {text}
          </Text>
          <Button size="xs" variant="default" onClick={() => void navigator.clipboard.writeText(text).then(() => notifyDone('Note text copied.'))}>
            Copy text
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** Per recipient: share, what they have had this year, the limit, what is left, and the rule. */
function CheckPanel({ check }: { check: GiftCheckResult | null }) {
  if (!check) return null;
  if (check.checks.length === 0 && check.entryProblems.length === 0) return null;
  return (
    <Stack gap={4} aria-live="polite">
      {check.entryProblems.map((p) => (
        <Alert key={p} color={check.verdict === 'warning' ? 'yellow' : 'red'} title={check.verdict === 'forbidden' ? 'Not allowed' : check.verdict === 'warning' ? 'Check before saving' : 'Over the practice’s cap'}>
          {p}
        </Alert>
      ))}
      {check.checks.length > 0 && (
        <Table aria-label="Limits check" fz="sm" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Recipient</Table.Th>
              <Table.Th w={150}>Check</Table.Th>
              <Table.Th ta="right">This entry</Table.Th>
              <Table.Th ta="right">Had this year</Table.Th>
              <Table.Th ta="right">Limit</Table.Th>
              <Table.Th ta="right">Left after</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {check.checks.map((c) => (
              <Table.Tr key={c.personId}>
                <Table.Td>
                  {c.name}
                  <Text size="xs" c="dimmed">
                    {c.rule}
                    {c.source !== '—' ? ` (${c.source})` : ''}
                    {c.note ? ` ${c.note}` : ''}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <VerdictBadge verdict={c.verdict} />
                </Table.Td>
                <Table.Td ta="right">{formatCents(c.thisCents)}</Table.Td>
                <Table.Td ta="right">{formatCents(c.spentCents)}</Table.Td>
                <Table.Td ta="right">{c.limitCents === null ? '—' : formatCents(c.limitCents)}</Table.Td>
                <Table.Td ta="right" c={c.remainingCents !== null && c.remainingCents < 0 ? 'red' : undefined}>
                  {c.remainingCents === null ? '—' : c.remainingCents < 0 ? `${formatCents(-c.remainingCents)} over` : formatCents(c.remainingCents)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

/** A receipt: chosen in the system's dialog (desktop) or the browser's file input, PDF or image, at most 10 MB. */
function ReceiptField({
  file,
  picked,
  onFile,
  onPicked,
  error,
}: {
  file: File | null;
  picked: { fileId: string; name: string } | null;
  onFile: (f: File | null) => void;
  onPicked: (p: { fileId: string; name: string } | null) => void;
  error?: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  const name = picked?.name ?? file?.name ?? null;
  const choose = () => {
    if (!choosesInMainProcess) return input.current?.click();
    chooseInMainProcess('receipt').then(
      (f) => f && onPicked({ fileId: f.fileId, name: f.name }),
      (e: unknown) => notifyError('Could not open the receipt', e),
    );
  };
  return (
    <Stack gap={2}>
      <Group gap="xs">
        <Button variant="default" size="xs" onClick={choose} aria-describedby="receipt-help">
          {name ? 'Choose another receipt' : 'Attach a receipt'}
        </Button>
        {name && (
          <>
            <Text size="sm">{name}</Text>
            <Button
              variant="subtle"
              size="xs"
              onClick={() => {
                onFile(null);
                onPicked(null);
              }}
            >
              Remove receipt
            </Button>
          </>
        )}
        <input
          ref={input}
          type="file"
          hidden
          aria-label="Receipt file"
          accept="application/pdf,image/*"
          onChange={(e) => {
            onFile(e.currentTarget.files?.[0] ?? null);
            e.currentTarget.value = '';
          }}
        />
      </Group>
      <Text size="xs" c="dimmed" id="receipt-help">
        Optional: a PDF or a photo (JPEG, PNG, HEIC…), up to 10 MB. It can be added later too.
      </Text>
      {error && (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}

