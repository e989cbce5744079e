import { Button, Group, Modal, Text } from '@mantine/core';
import { useState } from 'react';
import type { Person } from '../../../shared/domain/person';
import { api } from '../api';
import { notifyError } from '../notify';
import { OfficePicker } from '../visits/OfficePicker';

/** People change jobs: pick the office they work at now; their history goes with them. */
export function MovePersonModal({ person, onClose, onMoved }: { person: Person | null; onClose: () => void; onMoved: (p: Person) => void }) {
  const [target, setTarget] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function move() {
    if (!person || !target) return;
    setSaving(true);
    try {
      onMoved(await api['people.move']({ id: person.id, officeId: target }));
      setTarget(null);
    } catch (e) {
      notifyError('Could not move this person', e);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal opened={person !== null} onClose={onClose} title={person ? `Move ${person.firstName} ${person.lastName}` : ''}>
      <Text size="sm" mb="sm">
        Choose the office they work at now.
      </Text>
      <OfficePicker label="New office" value={target} onChange={setTarget} exclude={person?.officeId} data-autofocus />
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button onClick={() => void move()} disabled={!target} loading={saving}>
          Move
        </Button>
      </Group>
    </Modal>
  );
}
