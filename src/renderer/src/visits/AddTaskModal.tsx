import { Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { z } from 'zod';
import { recordId } from '../../../shared/domain/fields';
import { TaskCreate, type Task } from '../../../shared/domain/task';
import { api } from '../api';
import { DialogActions } from '../components/DialogActions';
import { useDialogForm } from '../hooks/useDialogForm';
import { useMe } from '../team/me';
import { OfficePicker } from './OfficePicker';
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
          <OfficePicker label="Office" required {...form.getInputProps('officeId')} value={form.getValues().officeId} />
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
