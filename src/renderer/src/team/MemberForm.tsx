import { Modal, Select, Stack, TextInput } from '@mantine/core';
import { TEAM_ROLE_LABELS, TEAM_ROLES, TeamMemberFields, type TeamMember } from '../../../shared/domain/team';
import { api } from '../api';
import { ConflictNotice } from '../components/ConflictNotice';
import { DialogActions } from '../components/DialogActions';
import { useDialogForm } from '../hooks/useDialogForm';

type Values = { name: string; role: string; email: string };

const blank: Values = { name: '', role: 'liaison', email: '' };
const valuesOf = (m: TeamMember): Values => ({ name: m.name, role: m.role, email: m.email ?? '' });
const LABELS: Record<keyof Values, string> = { name: 'Name', role: 'Role', email: 'Email' };
const DISPLAY: Record<string, (v: unknown) => string> = { role: (v) => TEAM_ROLE_LABELS[v as keyof typeof TEAM_ROLE_LABELS] ?? String(v) };

/** Add a team member, or rename one / change their role or email. */
export function MemberFormModal({ opened, member, onClose, onSaved }: { opened: boolean; member?: TeamMember; onClose: () => void; onSaved: (m: TeamMember) => void }) {
  const { form, saving, onSubmit, requestClose, conflicts } = useDialogForm<Values>({
    opened,
    initial: () => (member ? valuesOf(member) : blank),
    schema: TeamMemberFields,
    onClose,
    errorTitle: 'Could not save this team member',
    ...(member && {
      live: {
        tables: ['team_members'],
        ids: [member.id],
        fetch: async () => {
          const m = (await api['team.list']({})).find((x) => x.id === member.id);
          return m ? valuesOf(m) : null;
        },
      },
    }),
  });

  const save = async (values: Values, changed: Partial<Values>) => {
    if (!member) return onSaved(await api['team.create'](values));
    onSaved(Object.keys(changed).length ? await api['team.update']({ id: member.id, patch: changed }) : member);
  };

  return (
    <Modal opened={opened} onClose={requestClose} title={member ? `Edit ${member.name}` : 'Add a team member'}>
      <form onSubmit={onSubmit(save)} noValidate>
        <ConflictNotice conflicts={conflicts} labels={LABELS} display={DISPLAY} />
        <Stack gap="xs">
          <TextInput label="Name" withAsterisk data-autofocus {...form.getInputProps('name')} />
          <Select label="Role" data={TEAM_ROLES.map((r) => ({ value: r, label: TEAM_ROLE_LABELS[r] }))} allowDeselect={false} {...form.getInputProps('role')} />
          <TextInput label="Email" type="email" {...form.getInputProps('email')} />
        </Stack>
        <DialogActions onCancel={requestClose} saving={saving} submitLabel={member ? 'Save changes' : 'Add member'} />
      </form>
    </Modal>
  );
}
