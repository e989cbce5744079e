import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useState } from 'react';
import { z } from 'zod';
import type { ApiOutput } from '../../../shared/api/contract';
import { LEFT_ITEM_SUGGESTIONS, VISIT_PURPOSE_LABELS, VISIT_PURPOSES, type Visit, type VisitPurpose } from '../../../shared/domain/visit';
import { describeVisitHours } from '../../../shared/visits/visitHours';
import { api, ApiError } from '../api';
import { confirmDiscard } from '../components/confirmDiscard';
import { zodFormErrors } from '../formErrors';
import { notifyDone, notifyError } from '../notify';
import { useMe } from '../team/me';
import { useTeam } from '../team/useTeam';
import { OfficePicker } from './OfficePicker';
import { addDays } from '../../../shared/visits/time';
import { formFields, formInstants, todayDay, userZone } from './visitTimes';

/**
 * What the dialog is for:
 * - plan: a new planned visit (office chosen or given; a slot from the calendar fills the time);
 * - edit: change a planned visit's time, length, liaison, purpose or notes;
 * - complete: log what happened at a planned visit;
 * - log: a visit that was never planned, logged after the fact.
 */
export type VisitDialog =
  | { mode: 'plan'; officeId?: string; startsAt?: string; endsAt?: string }
  | { mode: 'edit'; visit: Visit }
  | { mode: 'complete'; visit: Visit }
  | { mode: 'log'; officeId: string };

const RATINGS = ['communication', 'credibility', 'capacity', 'consistency'] as const;
const RATING_LABELS: Record<(typeof RATINGS)[number], string> = {
  communication: 'Communication',
  credibility: 'Credibility',
  capacity: 'Capacity',
  consistency: 'Consistency',
};

interface Values extends Record<string, unknown> {
  officeId: string;
  date: string;
  time: string;
  minutes: number | string;
  liaisonId: string | null;
  purpose: string | null;
  notes: string;
  pinned: boolean;
  seen: string[];
  leftItems: string[];
  feedback: Record<(typeof RATINGS)[number], string> & { comment: string };
  tasks: { title: string; dueDate: string }[];
}

/** What the form itself checks as the user types; the server checks again and names the same fields. */
const FormSchema = z.object({
  officeId: z.string().min(1, 'Choose the office'),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Pick a date'),
  time: z.string().regex(/^\d{2}:\d{2}/, 'Pick a start time'),
  minutes: z.coerce.number({ message: 'Say how long, in minutes' }).int('Whole minutes').min(5, 'At least 5 minutes').max(12 * 60, 'At most 12 hours'),
  tasks: z.array(z.object({ title: z.string().trim().min(1, 'Say what to do'), dueDate: z.string().min(1, 'A task needs a due date') })),
});

function initialValues(d: VisitDialog, meId: string | null): Values {
  const base: Values = {
    officeId: '', date: todayDay(), time: '09:00', minutes: 30, liaisonId: meId, purpose: null, notes: '', pinned: false, seen: [], leftItems: [],
    feedback: { communication: '', credibility: '', capacity: '', consistency: '', comment: '' }, tasks: [],
  };
  if (d.mode === 'plan') {
    const slot = d.startsAt && d.endsAt ? formFields(d.startsAt, d.endsAt) : null;
    return { ...base, officeId: d.officeId ?? '', ...(slot ?? {}) };
  }
  if (d.mode === 'log') return { ...base, officeId: d.officeId, time: new Date().toTimeString().slice(0, 5) };
  const v = d.visit;
  return {
    ...base, officeId: v.officeId, ...formFields(v.startsAt, v.endsAt), liaisonId: v.liaisonId, purpose: v.purpose, notes: v.notes ?? '', pinned: v.pinned,
    seen: v.seen, leftItems: v.leftItems,
  };
}

/** Server field names → this form's. */
const FIELD_OF: Record<string, string> = { startsAt: 'date', endsAt: 'minutes', at: 'date' };

const TITLES: Record<VisitDialog['mode'], string> = { plan: 'Plan a visit', edit: 'Change the visit', complete: 'Log the visit', log: 'Log a visit' };

export function VisitFormModal({ dialog, onClose, onSaved }: { dialog: VisitDialog | null; onClose: () => void; onSaved?: (v: Visit) => void }) {
  const { me } = useMe();
  const { members } = useTeam();
  const [saving, setSaving] = useState(false);
  const [warning, setWarning] = useState<string | null>(null);
  const [loaded, setLoaded] = useState<{ id: string; detail: ApiOutput<'offices.get'> } | null>(null);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: initialValues(dialog ?? { mode: 'plan' }, me?.id ?? null),
    validate: (values) => zodFormErrors(FormSchema.safeParse(values)),
    validateInputOnBlur: true,
    // A warning is about the time it was given for: another date, time or length is checked afresh.
    onValuesChange: (next, prev) => {
      if (next.date !== prev.date || next.time !== prev.time || next.minutes !== prev.minutes) setWarning(null);
    },
  });
  const opened = dialog !== null;
  const [shownDialog, setShownDialog] = useState(dialog);
  if (shownDialog !== dialog) {
    setShownDialog(dialog);
    setWarning(null);
  }
  useEffect(() => {
    if (!dialog) return;
    const values = initialValues(dialog, me?.id ?? null);
    form.setValues(values);
    form.resetDirty(values);
    form.clearErrors();
    // Only when the dialog opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dialog]);
  const officeId = form.getValues().officeId;
  const office = loaded && loaded.id === officeId ? loaded.detail : null;
  useEffect(() => {
    if (!officeId) return;
    let live = true;
    api['offices.get']({ id: officeId }).then(
      (detail) => live && setLoaded({ id: officeId, detail }),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [officeId]);

  if (!dialog) return null;
  const mode = dialog.mode;
  const outcome = mode === 'complete' || mode === 'log';
  const planning = mode === 'plan' || mode === 'edit';

  async function save(values: Values, outsideHoursOk = false) {
    const times = formInstants(values.date, values.time, Number(values.minutes));
    if (!times) {
      form.setFieldError('date', 'Pick a date and a start time');
      return;
    }
    const zone = userZone();
    setSaving(true);
    try {
      let visit: Visit;
      if (planning) {
        const common = { ...times, purpose: (values.purpose as VisitPurpose | null) ?? null, notes: values.notes, zone, outsideHoursOk };
        const r =
          dialog!.mode === 'edit'
            ? await api['visits.change']({ id: dialog!.visit.id, patch: { ...times, liaisonId: values.liaisonId, purpose: common.purpose, notes: values.notes, pinned: values.pinned }, outsideHoursOk, zone })
            : await api['visits.plan']({ officeId: values.officeId, liaisonId: values.liaisonId, pinned: values.pinned, ...common });
        if (!r.saved) {
          setWarning(r.warning);
          return;
        }
        visit = r.visit;
        notifyDone(dialog!.mode === 'edit' ? 'Visit changed.' : `Visit to ${visit.officeName} planned.`);
      } else {
        const f = values.feedback;
        const rating = (s: string) => (s ? Number(s) : null);
        const feedback = { communication: rating(f.communication), credibility: rating(f.credibility), capacity: rating(f.capacity), consistency: rating(f.consistency), comment: f.comment };
        const outcomeInput = {
          ...times, seen: values.seen, purpose: (values.purpose as VisitPurpose | null) ?? null, leftItems: values.leftItems, notes: values.notes, feedback,
          tasks: values.tasks.map((t) => ({ title: t.title, dueDate: t.dueDate })), zone,
        };
        visit =
          dialog!.mode === 'complete'
            ? await api['visits.complete']({ id: dialog!.visit.id, ...outcomeInput })
            : await api['visits.log']({ officeId: values.officeId, ...outcomeInput });
        const n = values.tasks.length;
        notifyDone(`Visit to ${visit.officeName} logged${n ? ` with ${n} follow-up ${n === 1 ? 'task' : 'tasks'}` : ''}.`);
      }
      onSaved?.(visit);
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.issues.length) {
        form.setErrors(Object.fromEntries(e.issues.map((i) => [FIELD_OF[String(i.path[0])] ?? i.path.join('.'), i.message])));
        setTimeout(() => document.querySelector<HTMLElement>('[role="dialog"] [aria-invalid="true"]')?.focus(), 0);
      } else notifyError('Could not save the visit', e);
    } finally {
      setSaving(false);
    }
  }

  const hours = office?.office.visitHours.length ? describeVisitHours(office.office.visitHours) : null;
  const people = (office?.people ?? []).filter((p) => !p.archivedAt).map((p) => ({ value: p.id, label: `${p.firstName} ${p.lastName}${p.credentials ? `, ${p.credentials}` : ''}` }));
  const liaisons = (members ?? []).filter((m) => m.active || m.id === form.getValues().liaisonId).map((m) => ({ value: m.id, label: m.id === me?.id ? `Me (${m.name})` : m.name }));
  const requestClose = () => confirmDiscard(form.isDirty(), onClose);

  return (
    <Modal opened={opened} onClose={requestClose} title={<Title order={2} size="h4">{TITLES[mode]}{office ? `: ${office.office.name}` : ''}</Title>} size="lg">
      <form onSubmit={form.onSubmit((v) => void save(v), () => setTimeout(() => document.querySelector<HTMLElement>('[role="dialog"] [aria-invalid="true"]')?.focus(), 0))} noValidate>
        <Stack gap="sm">
          {(mode === 'plan' && !dialog.officeId) && (
            <OfficePicker label="Office" required value={form.getValues().officeId || null} onChange={(id) => form.setFieldValue('officeId', id ?? '')} error={form.errors.officeId} data-autofocus />
          )}
          <SimpleGrid cols={3}>
            <TextInput type="date" label="Date" required {...form.getInputProps('date')} data-autofocus={mode !== 'plan' || !!dialog.officeId || undefined} />
            <TextInput type="time" label="Start time" required {...form.getInputProps('time')} />
            <NumberInput label="Minutes" required min={5} max={720} step={15} {...form.getInputProps('minutes')} />
          </SimpleGrid>
          {hours && (
            <Text size="sm" c="dimmed">
              Doctors are in: {hours}
              {office?.office.bestTime ? ` · ${office.office.bestTime}` : ''}
            </Text>
          )}
          {!hours && office?.office.bestTime && (
            <Text size="sm" c="dimmed">
              Best time: {office.office.bestTime}
            </Text>
          )}
          {warning && (
            <Alert color="orange" title="Outside this office's best times" role="alert">
              <Stack gap="xs">
                <Text size="sm">{warning}. A visit then may find the doctors out.</Text>
                <Group gap="xs">
                  <Button size="xs" color="orange" loading={saving} onClick={() => void save(form.getValues(), true)}>
                    {mode === 'edit' ? 'Move anyway' : 'Plan anyway'}
                  </Button>
                  <Button size="xs" variant="default" onClick={() => setWarning(null)}>
                    Pick another time
                  </Button>
                </Group>
              </Stack>
            </Alert>
          )}
          <SimpleGrid cols={2}>
            {planning && <Select label="Liaison" data={liaisons} {...form.getInputProps('liaisonId')} allowDeselect={false} />}
            <Select
              label="Purpose"
              clearable
              data={VISIT_PURPOSES.map((p) => ({ value: p, label: VISIT_PURPOSE_LABELS[p] }))}
              {...form.getInputProps('purpose')}
            />
          </SimpleGrid>
          {outcome && (
            <>
              <MultiSelect label="Who was seen" placeholder={people.length ? 'Pick people at the office' : 'No people recorded at this office yet'} data={people} searchable {...form.getInputProps('seen')} />
              <TagsInput label="What was left" placeholder="Referral pads, brochures… (Enter after each)" data={LEFT_ITEM_SUGGESTIONS} {...form.getInputProps('leftItems')} />
            </>
          )}
          <Textarea label="Notes" autosize minRows={2} maxRows={6} {...form.getInputProps('notes')} />
          {planning && <Checkbox label="Keep this time when the day's route is re-ordered" {...form.getInputProps('pinned', { type: 'checkbox' })} />}
          {outcome && (
            <fieldset className="plain-fieldset">
              <legend>
                <Text fw={500} size="sm">
                  The office's feedback (optional): the Four C's, 1 = poor, 5 = excellent
                </Text>
              </legend>
              <Stack gap={6}>
                {RATINGS.map((c) => (
                  <Group key={c} justify="space-between" wrap="nowrap">
                    <Text size="sm" id={`rating-${c}`}>
                      {RATING_LABELS[c]}
                    </Text>
                    <SegmentedControl
                      size="xs"
                      aria-labelledby={`rating-${c}`}
                      data={[{ value: '', label: '–' }, ...['1', '2', '3', '4', '5'].map((n) => ({ value: n, label: n }))]}
                      {...form.getInputProps(`feedback.${c}`)}
                    />
                  </Group>
                ))}
                {RATINGS.some((c) => form.errors[`feedback.${c}`]) && (
                  <Text size="xs" c="red">
                    {RATINGS.map((c) => form.errors[`feedback.${c}`]).find(Boolean)}
                  </Text>
                )}
                <TextInput label="What they said" placeholder="In their words" {...form.getInputProps('feedback.comment')} />
              </Stack>
            </fieldset>
          )}
          {outcome && (
            <Stack gap={6}>
              <Group justify="space-between">
                <Text fw={500} size="sm">
                  Follow-up tasks
                </Text>
                <Button size="xs" variant="light" onClick={() => form.insertListItem('tasks', { title: '', dueDate: addDays(todayDay(), 7) })}>
                  Add a follow-up
                </Button>
              </Group>
              {form.getValues().tasks.map((_, i) => (
                <Group key={i} align="flex-start" wrap="nowrap">
                  <TextInput style={{ flex: 1 }} label={`Task ${i + 1}`} placeholder="Send the MRI scheduling line" required {...form.getInputProps(`tasks.${i}.title`)} data-autofocus />
                  <TextInput type="date" label="Due" required {...form.getInputProps(`tasks.${i}.dueDate`)} />
                  <ActionIcon variant="subtle" color="gray" mt={28} aria-label={`Remove task ${i + 1}`} onClick={() => form.removeListItem('tasks', i)}>
                    ×
                  </ActionIcon>
                </Group>
              ))}
            </Stack>
          )}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={requestClose}>
              Cancel
            </Button>
            <Button type="submit" loading={saving}>
              {mode === 'plan' ? 'Plan visit' : mode === 'edit' ? 'Save changes' : 'Log visit'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
