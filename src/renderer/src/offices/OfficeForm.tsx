import { Alert, Divider, Group, Modal, Select, SimpleGrid, TagsInput, Textarea, TextInput } from '@mantine/core';
import { OFFICE_KIND_LABELS, OFFICE_KINDS, OfficeFields, STAGE_LABELS, STAGES, TIERS, type Office } from '../../../shared/domain/office';
import { api } from '../api';
import { useDialogForm } from '../hooks/useDialogForm';
import { ConflictNotice } from '../components/ConflictNotice';
import { DialogActions } from '../components/DialogActions';
import { LiaisonSelect } from '../team/LiaisonSelect';
import { useTeam } from '../team/useTeam';

// A type alias, not an interface: useDialogForm needs an index-signature-compatible record.
type Values = {
  name: string;
  kind: string;
  specialties: string[];
  address: { line1: string; line2: string; city: string; state: string; zip: string };
  phone: string;
  fax: string;
  email: string;
  website: string;
  npi: string;
  tier: string | null;
  stage: string;
  ownerId: string | null;
  /** a new liaison's name, typed in the Liaison select rather than picked */
  ownerName: string;
  tags: string[];
  notes: string;
  bestTime: string;
  lunchPrefs: string;
}

const blank: Values = {
  name: '', kind: 'physician_office', specialties: [], address: { line1: '', line2: '', city: '', state: '', zip: '' },
  phone: '', fax: '', email: '', website: '', npi: '', tier: null, stage: 'prospect', ownerId: null, ownerName: '', tags: [], notes: '', bestTime: '', lunchPrefs: '',
};

function valuesOf(o: Office): Values {
  const s = (v: string | null) => v ?? '';
  return {
    name: o.name, kind: o.kind, specialties: o.specialties,
    address: { line1: s(o.address.line1), line2: s(o.address.line2), city: s(o.address.city), state: s(o.address.state), zip: s(o.address.zip) },
    phone: s(o.phone), fax: s(o.fax), email: s(o.email), website: s(o.website), npi: s(o.npi), tier: o.tier, stage: o.stage,
    ownerId: o.ownerId, ownerName: '', tags: o.tags, notes: s(o.notes), bestTime: s(o.bestTime), lunchPrefs: s(o.lunchPrefs),
  };
}

const LABELS: Record<string, string> = {
  name: 'Name', kind: 'Kind', specialties: 'Specialties', 'address.line1': 'Street', 'address.line2': 'Suite / unit',
  'address.city': 'City', 'address.state': 'State', 'address.zip': 'ZIP', phone: 'Phone', fax: 'Fax', email: 'Email',
  website: 'Website', npi: 'NPI', tier: 'Tier', stage: 'Relationship stage', ownerId: 'Liaison', ownerName: 'Liaison', tags: 'Tags', notes: 'Notes',
  bestTime: 'Best time to visit', lunchPrefs: 'Lunch preferences',
};

const DISPLAY: Record<string, (v: unknown) => string> = {
  kind: (v) => OFFICE_KIND_LABELS[v as keyof typeof OFFICE_KIND_LABELS] ?? String(v),
  stage: (v) => STAGE_LABELS[v as keyof typeof STAGE_LABELS] ?? String(v),
};

interface Props {
  opened: boolean;
  onClose: () => void;
  onSaved: (office: Office) => void;
  /** editing this office; absent: creating a new one */
  office?: Office;
}

/** Create or edit an office. Rules are the shared schema's, checked as the user leaves each field. */
export function OfficeFormModal({ opened, onClose, onSaved, office }: Props) {
  const { members } = useTeam();
  const display: Record<string, (v: unknown) => string> = {
    ...DISPLAY,
    ownerId: (v) => (v ? (members?.find((m) => m.id === v)?.name ?? 'someone not on this device yet') : 'nobody'),
  };
  const { form, saving, onSubmit, requestClose, conflicts } = useDialogForm<Values>({
    opened,
    initial: () => (office ? valuesOf(office) : blank),
    schema: OfficeFields,
    onClose,
    errorTitle: 'Could not save the office',
    ...(office && { live: { tables: ['offices'], ids: [office.id], fetch: async () => valuesOf((await api['offices.get']({ id: office.id })).office) } }),
  });

  // An edit sends only the fields the user changed, so it never puts back what someone else changed.
  const save = async (values: Values, changed: Partial<Values>) => {
    if (!office) return onSaved(await api['offices.create'](values));
    onSaved(Object.keys(changed).length ? await api['offices.update']({ id: office.id, patch: changed }) : office);
  };

  return (
    <Modal opened={opened} onClose={requestClose} title={office ? `Edit ${office.name}` : 'New office'} size="xl">
      <form onSubmit={onSubmit(save)} noValidate>
        {office?.archivedAt && (
          // The page behind follows the office live, so this appears even if it was archived elsewhere just now.
          <Alert color="gray" mb="sm" title="This office is archived">
            Your changes will be saved; restore it from its page to list it again.
          </Alert>
        )}
        <ConflictNotice conflicts={conflicts} labels={LABELS} display={display} />
        <SimpleGrid cols={2} spacing="sm" verticalSpacing="xs">
          <TextInput label="Name" withAsterisk data-autofocus {...form.getInputProps('name')} />
          <Select label="Kind" data={OFFICE_KINDS.map((k) => ({ value: k, label: OFFICE_KIND_LABELS[k] }))} allowDeselect={false} {...form.getInputProps('kind')} />
          <TagsInput label="Specialties" placeholder="Type and press Enter" {...form.getInputProps('specialties')} />
          <TextInput label="NPI" placeholder="10 digits" {...form.getInputProps('npi')} />
          <Select label="Tier" placeholder="Not rated" data={[...TIERS]} clearable {...form.getInputProps('tier')} />
          <Select label="Relationship stage" data={STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] }))} allowDeselect={false} {...form.getInputProps('stage')} />
        </SimpleGrid>
        <Divider my="sm" label="Address" labelPosition="left" />
        <SimpleGrid cols={2} spacing="sm" verticalSpacing="xs">
          <TextInput label="Street" {...form.getInputProps('address.line1')} />
          <TextInput label="Suite / unit" {...form.getInputProps('address.line2')} />
          <TextInput label="City" {...form.getInputProps('address.city')} />
          <Group grow gap="sm">
            <TextInput label="State" placeholder="OH or Ohio" maxLength={40} {...form.getInputProps('address.state')} />
            <TextInput label="ZIP" {...form.getInputProps('address.zip')} />
          </Group>
        </SimpleGrid>
        <Divider my="sm" label="Contact" labelPosition="left" />
        <SimpleGrid cols={2} spacing="sm" verticalSpacing="xs">
          <TextInput label="Phone" {...form.getInputProps('phone')} />
          <TextInput label="Fax" {...form.getInputProps('fax')} />
          <TextInput label="Email" type="email" {...form.getInputProps('email')} />
          <TextInput label="Website" {...form.getInputProps('website')} />
        </SimpleGrid>
        <Divider my="sm" label="Relationship" labelPosition="left" />
        <SimpleGrid cols={2} spacing="sm" verticalSpacing="xs">
          <LiaisonSelect
            label="Liaison"
            members={members ?? []}
            ownerId={form.values.ownerId}
            ownerName={form.values.ownerName}
            onChange={(owner) => form.setValues(owner)}
            error={form.errors.ownerId ?? form.errors.ownerName}
          />
          <TagsInput label="Tags" placeholder="Type and press Enter" {...form.getInputProps('tags')} />
          <TextInput label="Best time to visit" placeholder="Tue/Thu after 2pm" {...form.getInputProps('bestTime')} />
          <TextInput label="Lunch preferences" placeholder="Vegetarian options; no shellfish" {...form.getInputProps('lunchPrefs')} />
        </SimpleGrid>
        <Textarea mt="xs" label="Notes" autosize minRows={2} maxRows={6} {...form.getInputProps('notes')} />
        <DialogActions onCancel={requestClose} saving={saving} submitLabel={office ? 'Save changes' : 'Create office'} />
      </form>
    </Modal>
  );
}
