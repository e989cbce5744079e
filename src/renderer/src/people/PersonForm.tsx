import { Modal, SegmentedControl, Select, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { PERSON_KIND_LABELS, PERSON_KINDS, PersonFields, STAFF_ROLE_LABELS, STAFF_ROLES, type Person, type PersonKind } from '../../../shared/domain/person';
import { api } from '../api';
import { useDialogForm } from '../hooks/useDialogForm';
import { ConflictNotice } from '../components/ConflictNotice';
import { DialogActions } from '../components/DialogActions';

type Values = {
  kind: string;
  firstName: string;
  lastName: string;
  credentials: string;
  specialty: string;
  npi: string;
  role: string | null;
  phone: string;
  email: string;
  notes: string;
}

const blank: Values = { kind: 'physician', firstName: '', lastName: '', credentials: '', specialty: '', npi: '', role: null, phone: '', email: '', notes: '' };
const valuesOf = (p: Person): Values => ({
  kind: p.kind, firstName: p.firstName, lastName: p.lastName, credentials: p.credentials ?? '', specialty: p.specialty ?? '',
  npi: p.npi ?? '', role: p.role, phone: p.phone ?? '', email: p.email ?? '', notes: p.notes ?? '',
});

const DISPLAY: Record<string, (v: unknown) => string> = {
  kind: (v) => PERSON_KIND_LABELS[v as PersonKind] ?? String(v),
  role: (v) => STAFF_ROLE_LABELS[v as keyof typeof STAFF_ROLE_LABELS] ?? String(v),
};

const LABELS: Record<keyof Values, string> = {
  kind: 'Physician, clinician or staff', firstName: 'First name', lastName: 'Last name', credentials: 'Credentials', specialty: 'Specialty',
  npi: 'NPI', role: 'Role', phone: 'Phone', email: 'Email', notes: 'Notes',
};

interface Props {
  opened: boolean;
  officeId: string;
  person?: Person;
  onClose: () => void;
  onSaved: (p: Person) => void;
}

export function PersonFormModal({ opened, officeId, person, onClose, onSaved }: Props) {
  const { form, saving, onSubmit, requestClose, conflicts } = useDialogForm<Values>({
    opened,
    initial: () => (person ? valuesOf(person) : blank),
    schema: PersonFields,
    onClose,
    errorTitle: 'Could not save this person',
    ...(person && {
      live: {
        tables: ['people'],
        ids: [person.id],
        // By id, wherever they work now: someone may move them to another office meanwhile.
        fetch: async () => valuesOf(await api['people.get']({ id: person.id })),
      },
    }),
  });

  // An edit sends only the fields the user changed.
  const save = async (values: Values, changed: Partial<Values>) => {
    if (!person) return onSaved(await api['people.create']({ ...values, officeId }));
    onSaved(Object.keys(changed).length ? await api['people.update']({ id: person.id, patch: changed }) : person);
  };

  const isStaff = form.values.kind === 'staff';
  return (
    <Modal opened={opened} onClose={requestClose} title={person ? `Edit ${person.firstName} ${person.lastName}` : 'Add a person'} size="lg">
      <form onSubmit={onSubmit(save)} noValidate>
        <ConflictNotice conflicts={conflicts} labels={LABELS} display={DISPLAY} />
        <SegmentedControl
          mb="sm"
          aria-label="Physician, clinician or staff"
          data={PERSON_KINDS.map((k) => ({ value: k, label: PERSON_KIND_LABELS[k] }))}
          {...form.getInputProps('kind')}
        />
        <SimpleGrid cols={2} spacing="sm" verticalSpacing="xs">
          <TextInput label="First name" withAsterisk data-autofocus {...form.getInputProps('firstName')} />
          <TextInput label="Last name" withAsterisk {...form.getInputProps('lastName')} />
          {isStaff ? (
            <Select label="Role" data={STAFF_ROLES.map((r) => ({ value: r, label: STAFF_ROLE_LABELS[r] }))} {...form.getInputProps('role')} />
          ) : (
            <>
              <TextInput label="Credentials" placeholder={form.values.kind === 'clinician' ? 'NP, PA, PT, DC' : 'MD, DO'} {...form.getInputProps('credentials')} />
              <TextInput label="Specialty" {...form.getInputProps('specialty')} />
              <TextInput label="NPI" placeholder="10 digits" {...form.getInputProps('npi')} />
            </>
          )}
          <TextInput label="Phone" {...form.getInputProps('phone')} />
          <TextInput label="Email" type="email" {...form.getInputProps('email')} />
        </SimpleGrid>
        <Textarea mt="xs" label="Notes" autosize minRows={2} {...form.getInputProps('notes')} />
        <DialogActions onCancel={requestClose} saving={saving} submitLabel={person ? 'Save changes' : 'Add person'} />
      </form>
    </Modal>
  );
}
