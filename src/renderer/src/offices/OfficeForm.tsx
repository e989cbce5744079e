import { ActionIcon, Alert, Button, Chip, Divider, Group, Modal, Select, SimpleGrid, Stack, TagsInput, Text, Textarea, TextInput } from '@mantine/core';
import { z } from 'zod';
import { OFFICE_KIND_LABELS, OFFICE_KINDS, OfficeFields, STAGE_LABELS, STAGES, TIERS, type Office } from '../../../shared/domain/office';
import { Coords } from '../../../shared/domain/cadence';
import { VisitHours, WEEKDAY_SHORT, WEEKDAYS } from '../../../shared/domain/visitHours';
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
  /** weekday windows; days as the chips hold them ('1' = Monday) */
  visitHours: { days: string[]; from: string; to: string }[];
  /** as typed; both blank means "use the ZIP's centre" */
  coords: { lat: string; lng: string };
  lunchPrefs: string;
}

/** The form's windows and coordinates as the API takes them. */
const hoursOut = (h: Values['visitHours']) => h.map((w) => ({ days: w.days.map(Number), from: w.from, to: w.to }));
const coordsOut = (c: Values['coords']) => (c.lat.trim() === '' && c.lng.trim() === '' ? null : { lat: Number(c.lat), lng: Number(c.lng) });

/** The shared rules, read through the form's shapes (strings from inputs and chips). */
// The cadence is set from the office page (its own dialog), not in this form.
const FormSchema = OfficeFields.omit({ cadence: true }).extend({
  visitHours: z.preprocess((v) => hoursOut(v as Values['visitHours']), VisitHours),
  coords: z
    .object({ lat: z.string(), lng: z.string() })
    .superRefine((c, ctx) => {
      const blankLat = c.lat.trim() === '';
      const blankLng = c.lng.trim() === '';
      if (blankLat && blankLng) return;
      for (const [key, v, blank] of [['lat', c.lat, blankLat], ['lng', c.lng, blankLng]] as const) {
        if (blank) ctx.addIssue({ code: 'custom', path: [key], message: 'Give both latitude and longitude, or neither' });
        else if (!Number.isFinite(Number(v))) ctx.addIssue({ code: 'custom', path: [key], message: 'A number in degrees, like 39.9612 or -82.9988' });
      }
      const parsed = Coords.safeParse({ lat: Number(c.lat), lng: Number(c.lng) });
      if (!blankLat && !blankLng && !parsed.success) for (const i of parsed.error.issues) ctx.addIssue({ code: 'custom', path: i.path, message: i.message });
    }),
});

const blank: Values = {
  name: '', kind: 'physician_office', specialties: [], address: { line1: '', line2: '', city: '', state: '', zip: '' },
  phone: '', fax: '', email: '', website: '', npi: '', tier: null, stage: 'prospect', ownerId: null, ownerName: '', tags: [], notes: '', bestTime: '', lunchPrefs: '',
  visitHours: [], coords: { lat: '', lng: '' },
};

function valuesOf(o: Office): Values {
  const s = (v: string | null) => v ?? '';
  return {
    name: o.name, kind: o.kind, specialties: o.specialties,
    address: { line1: s(o.address.line1), line2: s(o.address.line2), city: s(o.address.city), state: s(o.address.state), zip: s(o.address.zip) },
    phone: s(o.phone), fax: s(o.fax), email: s(o.email), website: s(o.website), npi: s(o.npi), tier: o.tier, stage: o.stage,
    ownerId: o.ownerId, ownerName: '', tags: o.tags, notes: s(o.notes), bestTime: s(o.bestTime), lunchPrefs: s(o.lunchPrefs),
    visitHours: o.visitHours.map((w) => ({ days: w.days.map(String), from: w.from, to: w.to })),
    coords: o.coords ? { lat: String(o.coords.lat), lng: String(o.coords.lng) } : { lat: '', lng: '' },
  };
}

const LABELS: Record<string, string> = {
  name: 'Name', kind: 'Kind', specialties: 'Specialties', 'address.line1': 'Street', 'address.line2': 'Suite / unit',
  'address.city': 'City', 'address.state': 'State', 'address.zip': 'ZIP', phone: 'Phone', fax: 'Fax', email: 'Email',
  website: 'Website', npi: 'NPI', tier: 'Tier', stage: 'Relationship stage', ownerId: 'Liaison', ownerName: 'Liaison', tags: 'Tags', notes: 'Notes',
  bestTime: 'Best time: note', lunchPrefs: 'Lunch preferences', visitHours: 'Best times', 'coords.lat': 'Latitude', 'coords.lng': 'Longitude',
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
    schema: FormSchema,
    onClose,
    errorTitle: 'Could not save the office',
    ...(office && { live: { tables: ['offices'], ids: [office.id], fetch: async () => valuesOf((await api['offices.get']({ id: office.id })).office) } }),
  });

  // An edit sends only the fields the user changed, so it never puts back what someone else changed.
  const save = async (values: Values, changed: Partial<Values>) => {
    const out = <T extends Partial<Values>>({ visitHours, coords, ...rest }: T) => ({
      ...rest,
      ...(visitHours !== undefined && { visitHours: hoursOut(visitHours) }),
      ...(coords !== undefined && { coords: coordsOut(coords) }),
    });
    if (!office) return onSaved(await api['offices.create'](out(values)));
    onSaved(Object.keys(changed).length ? await api['offices.update']({ id: office.id, patch: out(changed) }) : office);
  };
  const windows = form.values.visitHours;

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
          <TextInput label="Lunch preferences" placeholder="Vegetarian options; no shellfish" {...form.getInputProps('lunchPrefs')} />
        </SimpleGrid>
        <Divider my="sm" label="Best times to visit" labelPosition="left" />
        <Stack gap="xs">
          <Text size="xs" c="dimmed">
            When the doctors are in. Planning a visit outside these windows asks first; none means any time.
          </Text>
          {windows.map((_, i) => (
            <Group key={i} gap="sm" align="flex-end" wrap="nowrap">
              <Stack gap={2}>
                <Text size="sm" id={`window-${i}-days`}>
                  Window {i + 1} days
                </Text>
                <Chip.Group multiple value={windows[i]!.days} onChange={(days) => form.setFieldValue(`visitHours.${i}.days`, days)}>
                  <Group gap={4} role="group" aria-labelledby={`window-${i}-days`}>
                    {WEEKDAYS.map((d) => (
                      <Chip key={d} value={String(d)} size="xs">
                        {WEEKDAY_SHORT[d]}
                      </Chip>
                    ))}
                  </Group>
                </Chip.Group>
                {form.errors[`visitHours.${i}.days`] && (
                  <Text size="xs" c="red">
                    {form.errors[`visitHours.${i}.days`]}
                  </Text>
                )}
              </Stack>
              <TextInput type="time" label="From" {...form.getInputProps(`visitHours.${i}.from`)} />
              <TextInput type="time" label="To" {...form.getInputProps(`visitHours.${i}.to`)} />
              <ActionIcon variant="subtle" color="gray" mb={6} aria-label={`Remove window ${i + 1}`} onClick={() => form.removeListItem('visitHours', i)}>
                ×
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button size="xs" variant="light" onClick={() => form.insertListItem('visitHours', { days: ['2', '4'], from: '08:00', to: '11:00' })}>
              Add a window
            </Button>
          </Group>
          <TextInput label="Best time: note" placeholder="Ask for Maria at the front desk; not the week before holidays" {...form.getInputProps('bestTime')} />
        </Stack>
        <Divider my="sm" label="Location for routes (optional)" labelPosition="left" />
        <Text size="xs" c="dimmed" mb={4}>
          Without coordinates the day's route uses the centre of the office's ZIP code.
        </Text>
        <SimpleGrid cols={2} spacing="sm" verticalSpacing="xs">
          <TextInput label="Latitude" placeholder="39.9612" inputMode="decimal" {...form.getInputProps('coords.lat')} />
          <TextInput label="Longitude" placeholder="-82.9988" inputMode="decimal" {...form.getInputProps('coords.lng')} />
        </SimpleGrid>
        <Textarea mt="xs" label="Notes" autosize minRows={2} maxRows={6} {...form.getInputProps('notes')} />
        <DialogActions onCancel={requestClose} saving={saving} submitLabel={office ? 'Save changes' : 'Create office'} />
      </form>
    </Modal>
  );
}
