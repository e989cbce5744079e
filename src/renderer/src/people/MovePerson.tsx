import { Button, Group, Modal, Select, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import type { Person } from '../../../shared/domain/person';
import { api } from '../api';
import { notifyError } from '../notify';

/** People change jobs: pick the office they work at now; their history goes with them. */
export function MovePersonModal({ person, onClose, onMoved }: { person: Person | null; onClose: () => void; onMoved: (p: Person) => void }) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 120);
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [target, setTarget] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!person) return;
    let live = true;
    api['offices.list']({ search: debounced, limit: 30 })
      .then((r) => {
        if (live) {
          setOptions(
            r.rows
              .filter((o) => o.id !== person.officeId)
              .map((o) => ({ value: o.id, label: [o.name, o.city].filter(Boolean).join(' — ') })),
          );
        }
      })
      .catch((e: unknown) => notifyError('Could not search offices', e));
    return () => {
      live = false;
    };
  }, [debounced, person]);

  async function move() {
    if (!person || !target) return;
    setSaving(true);
    try {
      onMoved(await api['people.move']({ id: person.id, officeId: target }));
      setTarget(null);
      setSearch('');
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
      <Select
        label="New office"
        searchable
        searchValue={search}
        onSearchChange={setSearch}
        data={options}
        value={target}
        onChange={setTarget}
        filter={({ options: o }) => o}
        nothingFoundMessage="No office matches"
        data-autofocus
      />
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
