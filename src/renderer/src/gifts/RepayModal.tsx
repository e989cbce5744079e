import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { formatCents, readDollars } from '../../../shared/money';
import { api, ApiError } from '../api';
import { notifyDone, notifyError } from '../notify';
import { todayDay } from '../visits/visitTimes';

export interface CureToRepay {
  personId: string;
  name: string;
  year: number;
  excessCents: number;
  deadline: string | null;
}

/** Records that a physician repaid an excess under the cure rule; the app checks the window and the three-year rule. */
export function RepayModal({ cure, onClose }: { cure: CureToRepay | null; onClose: () => void }) {
  return (
    <Modal opened={cure !== null} onClose={onClose} title={cure ? `Record a repayment: ${cure.name}` : 'Record a repayment'}>
      {cure && <RepayForm cure={cure} onClose={onClose} />}
    </Modal>
  );
}

function RepayForm({ cure, onClose }: { cure: CureToRepay; onClose: () => void }) {
  const [amount, setAmount] = useState(() => formatCents(cure.excessCents).replace('$', '').replaceAll(',', ''));
  const [day, setDay] = useState(todayDay());
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const cents = readDollars(amount);
    if ('error' in cents) return setErrors({ cents: cents.error });
    setSaving(true);
    try {
      await api['gifts.repay']({ personId: cure.personId, year: cure.year, cents: cents.cents, repaidOn: day, note });
      notifyDone(`Repayment by ${cure.name} recorded.`);
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.issues.length) setErrors(Object.fromEntries(err.issues.map((i) => [String(i.path[0]), i.message])));
      else notifyError('Could not record the repayment', err);
    } finally {
      setSaving(false);
    }
  }

  return (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Stack gap="sm">
            <Text size="sm">
              {cure.name} received {formatCents(cure.excessCents)} over the {cure.year} limit. Under the cure rule the physician may repay the excess by {cure.deadline}; a physician may use
              the rule once every three years.
            </Text>
            <TextInput label="Amount repaid ($)" required inputMode="decimal" value={amount} onChange={(e) => setAmount(e.currentTarget.value)} error={errors.cents} data-autofocus />
            <TextInput type="date" label="Repaid on" required value={day} onChange={(e) => setDay(e.currentTarget.value)} error={errors.repaidOn} />
            <TextInput label="Note" placeholder="Check no. 1024" value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.note} />
            {(errors.personId || errors.year) && (
              <Text size="sm" c="red" role="alert">
                {errors.personId ?? errors.year}
              </Text>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={saving}>
                Record repayment
              </Button>
            </Group>
          </Stack>
        </form>
  );
}
