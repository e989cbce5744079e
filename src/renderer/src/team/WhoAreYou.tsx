import { Autocomplete, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect } from 'react';
import { SetMe, TEAM_ROLE_LABELS, TEAM_ROLES, type TeamMember } from '../../../shared/domain/team';
import { normaliseName } from '../../../shared/team/memberId';
import { api } from '../api';
import { applyServerErrors, zodFormErrors } from '../formErrors';
import { notifyError } from '../notify';
import { useTeam } from './useTeam';

type Values = { name: string; role: string };

const ROLE_OPTIONS = TEAM_ROLES.map((r) => ({ value: r, label: TEAM_ROLE_LABELS[r] }));

/**
 * Who is using this install: a name (one of the team, or a new one) and a role. Asked at first
 * start, where it cannot be dismissed (every change is stamped with the answer), and from Settings.
 */
export function WhoAreYouModal({ opened, current, onDone, onCancel }: { opened: boolean; current: TeamMember | null; onDone: (m: TeamMember) => void; onCancel?: () => void }) {
  const { members } = useTeam();
  const form = useForm<Values>({
    initialValues: { name: current?.name ?? '', role: current?.role ?? 'liaison' },
    validate: (v) => zodFormErrors(SetMe.safeParse(v)),
  });
  useEffect(() => {
    if (opened) form.setValues({ name: current?.name ?? '', role: current?.role ?? 'liaison' });
    // Only when it opens, never while the user types.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened]);

  const submit = form.onSubmit(async (values) => {
    try {
      onDone(await api['team.setMe'](values));
    } catch (e) {
      if (!applyServerErrors(e, form.setErrors)) notifyError('Could not save who you are', e);
    }
  });

  const active = (members ?? []).filter((m) => m.active || m.id === current?.id);
  return (
    <Modal
      opened={opened}
      onClose={() => onCancel?.()}
      title={current ? 'Change who is using Liaison CRM' : 'Who is using Liaison CRM?'}
      withCloseButton={!!onCancel}
      closeOnEscape={!!onCancel}
      closeOnClickOutside={!!onCancel}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            Pick your name from the team or type a new one. It is kept on this computer and recorded with every change you make.
          </Text>
          <Autocomplete
            label="Your name"
            data-autofocus
            data={active.map((m) => m.name)}
            {...form.getInputProps('name')}
            onChange={(name) => {
              form.setFieldValue('name', name);
              // Picking a teammate fills in their role.
              const hit = active.find((m) => normaliseName(m.name) === normaliseName(name));
              if (hit) form.setFieldValue('role', hit.role);
            }}
          />
          <Select label="Your role" data={ROLE_OPTIONS} allowDeselect={false} {...form.getInputProps('role')} />
          <Group justify="flex-end">
            {onCancel && (
              <Button variant="default" onClick={onCancel}>
                Cancel
              </Button>
            )}
            <Button type="submit">Continue</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
