import { Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import { recordId } from '../../../shared/domain/fields';
import { TaskCreate, type Task } from '../../../shared/domain/task';
import { api } from '../api';
import { DialogActions } from '../components/DialogActions';
import { useDialogForm } from '../hooks/useDialogForm';
import { useMe } from '../team/me';
import { useTeam } from '../team/useTeam';

type Values = { title: string; officeId: string | null; dueDate: string; ownerId: string | null; notes: string };

/**
 * TaskCreate as the form fills it: an empty date input is "no date yet" (so the schema's "A task
 * needs a due date" shows), and no office chosen says so rather than "Not a record id".
 */
const TaskForm = z.preprocess(
  (v) => (v && typeof v === 'object' ? { ...v, dueDate: (v as Values).dueDate || undefined } : v),
  TaskCreate.extend({ officeId: z.string({ error: 'Choose the office' }).pipe(recordId) }),
);

interface OfficeOption {
  value: string;
  label: string;
  city: string | null;
}

/** An office picked by typing part of its name, city, ZIP or phone: searched in the office list as the user types. */
function OfficeSelect({ value, onChange, error, onBlur }: { value: string | null; onChange: (id: string | null) => void; error?: unknown; onBlur?: () => void }) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 150);
  const [found, setFound] = useState<OfficeOption[]>([]);
  const [chosen, setChosen] = useState<OfficeOption | null>(null);
  const calls = useRef(0);
  useEffect(() => {
    const mine = ++calls.current;
    api['offices.list']({ search: debounced, limit: 20 }).then(
      (r) => mine === calls.current && setFound(r.rows.map((o) => ({ value: o.id, label: o.name, city: o.city }))),
      () => mine === calls.current && setFound([]),
    );
  }, [debounced]);
  // The chosen office stays an option while the list shows other matches, so its name stays in the box.
  const options = chosen && chosen.value === value && !found.some((o) => o.value === chosen.value) ? [chosen, ...found] : found;
  const cities = new Map(options.map((o) => [o.value, o.city]));
  return (
    <Select
      label="Office"
      withAsterisk
      placeholder="Type to search offices"
      searchable
      data={options.map(({ value: v, label }) => ({ value: v, label }))}
      // The office list searched already; Mantine's own filter would hide a match on city or ZIP.
      filter={({ options: all }) => all}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(v) => {
        setChosen(options.find((o) => o.value === v) ?? null);
        onChange(v);
      }}
      renderOption={({ option }) => (
        <div>
          <Text size="sm">{option.label}</Text>
          {cities.get(option.value) && (
            <Text size="xs" c="dimmed">
              {cities.get(option.value)}
            </Text>
          )}
        </div>
      )}
      nothingFoundMessage={debounced ? 'No office matches' : 'No offices yet'}
      error={error as string | undefined}
      onBlur={onBlur}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

/** A follow-up task for an office: what to do, by when, and whose it is (me unless said otherwise). */
export function AddTaskModal({ opened, onClose, onSaved }: { opened: boolean; onClose: () => void; onSaved: (t: Task) => void }) {
  const { me } = useMe();
  const { members } = useTeam();
  const { form, saving, onSubmit, requestClose } = useDialogForm<Values>({
    opened,
    initial: () => ({ title: '', officeId: null, dueDate: '', ownerId: me?.id ?? null, notes: '' }),
    schema: TaskForm,
    onClose,
    errorTitle: 'Could not add the task',
  });
  const owners = (members ?? []).filter((m) => m.active).map((m) => ({ value: m.id, label: m.id === me?.id ? `${m.name} (me)` : m.name }));

  const save = async (v: Values) => {
    const task = await api['tasks.create']({
      title: v.title,
      officeId: v.officeId ?? '',
      dueDate: v.dueDate,
      ...(v.ownerId ? { ownerId: v.ownerId } : {}),
      notes: v.notes || null,
    });
    onSaved(task);
  };

  return (
    <Modal opened={opened} onClose={requestClose} title="Add a task">
      <form onSubmit={onSubmit(save)} noValidate>
        <Stack gap="xs">
          <TextInput label="Task" withAsterisk data-autofocus {...form.getInputProps('title')} />
          <OfficeSelect {...form.getInputProps('officeId')} value={form.getValues().officeId} />
          <TextInput type="date" label="Due" withAsterisk {...form.getInputProps('dueDate')} />
          <Select
            label="Owner"
            data={owners}
            placeholder={me ? undefined : 'Whoever uses this computer'}
            clearable
            {...form.getInputProps('ownerId')}
            comboboxProps={{ withinPortal: true }}
          />
          <Textarea label="Notes" autosize minRows={2} maxRows={6} {...form.getInputProps('notes')} />
        </Stack>
        <DialogActions onCancel={requestClose} saving={saving} submitLabel="Add task" />
      </form>
    </Modal>
  );
}
