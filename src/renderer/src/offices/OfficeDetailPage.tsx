import { Anchor, Badge, Button, Group, Loader, Menu, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { href, Link } from 'react-router';
import type { ApiOutput } from '../../../shared/api/contract';
import { OFFICE_KIND_LABELS, STAGE_LABELS } from '../../../shared/domain/office';
import { PERSON_KIND_LABELS, STAFF_ROLE_LABELS, type Person } from '../../../shared/domain/person';
import { api, ApiError } from '../api';
import { useChanges } from '../changes';
import { EmptyState } from '../components/EmptyState';
import { MovePersonModal } from '../people/MovePerson';
import { rememberOpenedOffice } from './lastOpened';
import { OfficeFormModal } from './OfficeForm';
import { PersonFormModal } from '../people/PersonForm';
import { ActivityTimeline } from '../components/Timeline';
import { notifyDone, notifyError, notifyWithUndo } from '../notify';
import { OfficeGiftsSection } from '../gifts/OfficeGiftsSection';
import { OfficeVisitsSection } from '../visits/OfficeVisitsSection';
import { describeVisitHours } from '../../../shared/visits/visitHours';

// Loaded with the first office opened, not at start: the main bundle is at its size budget.
const OfficeReferralsSection = lazy(() => import('../referrals/OfficeReferralsSection').then((m) => ({ default: m.OfficeReferralsSection })));

type Detail = ApiOutput<'offices.get'>;

function Field({ label, value }: { label: string; value: string | null | undefined }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed">
        {label}
      </Text>
      <Text component="dd" size="sm" m={0} style={{ whiteSpace: 'pre-wrap' }}>
        {value || '—'}
      </Text>
    </div>
  );
}

export function OfficeDetailPage({ id }: { id: string }) {
  const [detail, setDetail] = useState<Detail | null>(null);
  const [missing, setMissing] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [personForm, setPersonForm] = useState<{ person?: Person } | null>(null);
  const [moving, setMoving] = useState<Person | null>(null);

  const headingRef = useRef<HTMLHeadingElement>(null);
  const opened = detail !== null;
  useEffect(() => {
    if (opened) headingRef.current?.focus();
  }, [opened]);
  useEffect(() => rememberOpenedOffice(id), [id]);
  // Reloads follow changes as they commit; only the latest answer is shown, whatever order they arrive in.
  const loads = useRef(0);
  const load = useCallback(() => {
    const mine = ++loads.current;
    api['offices.get']({ id })
      .then((d) => {
        if (mine === loads.current) setDetail(d);
      })
      .catch((e: unknown) => {
        if (mine !== loads.current) return;
        if (e instanceof ApiError && e.code === 'not_found') setMissing(e.message);
        // A mistyped or cut-off address: no office could have that id.
        else if (e instanceof ApiError && e.code === 'invalid_input') setMissing('This address does not point to an office. Check the link, or find the office in the list.');
        else notifyError('Could not open this office', e);
      });
  }, [id]);
  useEffect(load, [load]);
  // Edits from another window, an import or a sync pull show here as they commit.
  useChanges(['offices'], load, [id]);
  useChanges(['people'], load);
  // A rename of the liaison (or of whoever added the office) shows here too.
  useChanges(['team_members'], load);
  // Visits and touches add to the activity timeline.
  useChanges(['visits', 'touches', 'visit_feedback'], load);

  if (missing) {
    return <EmptyState title="Office not found" body={missing} actions={<Button component={Link} to={href('/offices')}>Back to offices</Button>} />;
  }
  if (!detail) return <Loader aria-label="Loading office" />;
  const { office, people, timeline } = detail;

  async function setArchived(archived: boolean) {
    try {
      await api[archived ? 'offices.archive' : 'offices.restore']({ id: office.id });
      load();
      if (archived) notifyWithUndo(`${office.name} archived.`, () => void setArchived(false));
      else notifyDone(`${office.name} restored.`);
    } catch (e) {
      notifyError(archived ? 'Could not archive' : 'Could not restore', e);
    }
  }

  async function setPersonArchived(p: Person, archived: boolean) {
    try {
      await api[archived ? 'people.archive' : 'people.restore']({ id: p.id });
      load();
      const name = `${p.firstName} ${p.lastName}`;
      if (archived) notifyWithUndo(`${name} archived.`, () => void setPersonArchived(p, false));
      else notifyDone(`${name} restored.`);
    } catch (e) {
      notifyError('Could not update this person', e);
    }
  }

  const a = office.address;
  return (
    <Stack gap="md" style={{ overflow: 'auto' }}>
      <Anchor component={Link} to={href('/offices')} size="sm">
        ← All offices
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <div>
          {/* Focused when the page opens, so a keyboard or screen-reader user starts at the office, not the top of the window. */}
          <Title order={2} tabIndex={-1} ref={headingRef} style={{ outline: 'none' }}>
            {office.name}
          </Title>
          <Group gap="xs" mt={4}>
            <Badge variant="light">{OFFICE_KIND_LABELS[office.kind]}</Badge>
            <Badge variant="light" color="gray">
              {STAGE_LABELS[office.stage]}
            </Badge>
            {office.tier && <Badge color="teal">Tier {office.tier}</Badge>}
            {office.archivedAt && <Badge color="red">Archived</Badge>}
          </Group>
          <Text size="xs" c="dimmed" mt={4}>
            Added {new Date(office.createdAt).toLocaleDateString()}
            {detail.addedBy ? ` by ${detail.addedBy}` : ''}
          </Text>
        </div>
        <Group gap="xs">
          <Button variant="default" onClick={() => setEditing(true)}>
            Edit
          </Button>
          {office.archivedAt ? (
            <Button variant="default" onClick={() => void setArchived(false)}>
              Restore
            </Button>
          ) : (
            <Button variant="default" color="red" onClick={() => void setArchived(true)}>
              Archive
            </Button>
          )}
        </Group>
      </Group>

      <Paper withBorder p="md" component="section" aria-label="Office details">
        <SimpleGrid component="dl" cols={{ base: 2, md: 4 }} spacing="md" m={0}>
          <Field label="Address" value={[a.line1, a.line2, [a.city, [a.state, a.zip].filter(Boolean).join(' ')].filter(Boolean).join(', ')].filter(Boolean).join('\n')} />
          <Field label="Phone" value={office.phone} />
          <Field label="Fax" value={office.fax} />
          <Field label="Email" value={office.email} />
          <Field label="Website" value={office.website} />
          <Field label="NPI" value={office.npi} />
          <Field label="Specialties" value={office.specialties.join(', ')} />
          <Field label="Liaison" value={office.ownerName} />
          <Field label="Best time to visit" value={[describeVisitHours(office.visitHours), office.bestTime].filter(Boolean).join('\n')} />
          <Field label="Location for routes" value={office.coords ? `${office.coords.lat.toFixed(5)}, ${office.coords.lng.toFixed(5)}` : a.zip ? `ZIP ${a.zip} (its centre)` : null} />
          <Field label="Lunch preferences" value={office.lunchPrefs} />
          <Field label="Tags" value={office.tags.join(', ')} />
          <Field label="Notes" value={office.notes} />
        </SimpleGrid>
      </Paper>

      <OfficeVisitsSection office={office} />
      <Suspense fallback={<Loader size="sm" aria-label="Loading the referrals" />}>
        <OfficeReferralsSection office={office} />
      </Suspense>
      <OfficeGiftsSection office={office} />

      <Paper withBorder p="md">
        <Group justify="space-between" mb="sm">
          <Title order={3} size="h4">
            People
          </Title>
          <Button size="xs" onClick={() => setPersonForm({})}>
            Add person
          </Button>
        </Group>
        {people.length === 0 ? (
          <Text c="dimmed" size="sm">
            No one recorded here yet. Add the physicians you want referrals from and the staff who schedule them.
          </Text>
        ) : (
          <Table aria-label="People" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Phone</Table.Th>
                <Table.Th>Email</Table.Th>
                <Table.Th aria-label="Actions" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {people.map((p) => (
                <Table.Tr key={p.id} style={p.archivedAt ? { opacity: 0.55 } : undefined}>
                  <Table.Td>
                    {p.firstName} {p.lastName}
                    {p.credentials ? `, ${p.credentials}` : ''}
                    {p.archivedAt ? ' (archived)' : ''}
                  </Table.Td>
                  <Table.Td>{p.kind === 'staff' ? STAFF_ROLE_LABELS[p.role ?? 'other'] : [PERSON_KIND_LABELS[p.kind], p.specialty].filter(Boolean).join(' · ')}</Table.Td>
                  <Table.Td>{p.phone ?? ''}</Table.Td>
                  <Table.Td>{p.email ?? ''}</Table.Td>
                  <Table.Td>
                    <Menu position="bottom-end">
                      <Menu.Target>
                        <Button size="compact-xs" variant="subtle" aria-label={`Actions for ${p.firstName} ${p.lastName}`}>
                          ⋯
                        </Button>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item onClick={() => setPersonForm({ person: p })}>Edit</Menu.Item>
                        <Menu.Item onClick={() => setMoving(p)}>Move to another office</Menu.Item>
                        {p.kind !== 'staff' && (
                          <Menu.Item component={Link} to={href('/scorecards/person/:id', { id: p.id })}>
                            Four C’s scorecard
                          </Menu.Item>
                        )}
                        {p.archivedAt ? (
                          <Menu.Item onClick={() => void setPersonArchived(p, false)}>Restore</Menu.Item>
                        ) : (
                          <Menu.Item color="red" onClick={() => void setPersonArchived(p, true)}>
                            Archive
                          </Menu.Item>
                        )}
                      </Menu.Dropdown>
                    </Menu>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>

      <Paper withBorder p="md">
        <Title order={3} size="h4" mb="sm">
          Activity
        </Title>
        <ActivityTimeline entries={timeline} />
      </Paper>

      <OfficeFormModal
        opened={editing}
        office={office}
        onClose={() => setEditing(false)}
        onSaved={(o) => {
          setEditing(false);
          setDetail({ ...detail, office: o });
          notifyDone('Changes saved.');
        }}
      />
      <PersonFormModal
        opened={personForm !== null}
        officeId={office.id}
        {...(personForm?.person ? { person: personForm.person } : {})}
        onClose={() => setPersonForm(null)}
        onSaved={(p) => {
          setPersonForm(null);
          load();
          notifyDone(`${p.firstName} ${p.lastName} saved.`);
        }}
      />
      <MovePersonModal
        person={moving}
        onClose={() => setMoving(null)}
        onMoved={(p) => {
          setMoving(null);
          load();
          notifyDone(`${p.firstName} ${p.lastName} moved.`);
        }}
      />
    </Stack>
  );
}
