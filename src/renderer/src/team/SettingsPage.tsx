import { Badge, Button, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { TEAM_ROLE_LABELS, type TeamMember } from '../../../shared/domain/team';
import { api } from '../api';
import { EmptyState } from '../components/EmptyState';
import { CheckDatabase } from '../database/CheckDatabase';
import { TaxonomySettings } from '../nppes/TaxonomySettings';
import { notifyDone, notifyError, notifyWithUndo } from '../notify';
import { useMe } from './me';
import { MemberFormModal } from './MemberForm';
import { useTeam } from './useTeam';
import { ComplianceSettings } from '../gifts/ComplianceSettings';
import { CadenceSettingsSection, RemindersSection, RouteStartSection } from '../visits/VisitSettings';

// Loaded when Settings first opens, not at start: the main bundle is at its size budget.
const ScorecardRulesSection = lazy(() => import('../referrals/ScorecardRulesSection').then((m) => ({ default: m.ScorecardRulesSection })));

/** Who uses this install, and the team: the people offices can be assigned to. */
export function SettingsPage() {
  const { me, askAgain } = useMe();
  const { members, reload } = useTeam();
  const [form, setForm] = useState<{ member?: TeamMember } | null>(null);

  // Reversible, so undone rather than confirmed beforehand, as archiving an office is.
  async function setActive(m: TeamMember, active: boolean) {
    try {
      await api[active ? 'team.reactivate' : 'team.deactivate']({ id: m.id });
      reload();
      if (!active) notifyWithUndo(`${m.name} deactivated. Their offices keep them as liaison.`, () => void setActive(m, true));
      else notifyDone(`${m.name} reactivated.`);
    } catch (e) {
      notifyError(active ? 'Could not reactivate' : 'Could not deactivate', e);
    }
  }

  return (
    <Stack gap="md" style={{ overflow: 'auto' }}>
      <Title order={2} size="h3">
        Settings
      </Title>

      <Paper withBorder p="md" component="section" aria-labelledby="settings-you">
        <Title order={3} size="h4" id="settings-you" mb="xs">
          You
        </Title>
        <Group justify="space-between">
          <Text>
            {me ? (
              <>
                This computer is used by <b>{me.name}</b> ({TEAM_ROLE_LABELS[me.role]}). Every change made here is recorded as theirs.
              </>
            ) : (
              'Nobody has said who uses this computer yet.'
            )}
          </Text>
          <Button variant="default" onClick={askAgain}>
            Change who I am
          </Button>
        </Group>
        <Text size="xs" c="dimmed" mt="xs">
          Roles are recorded with each member and shown here. Only a manager or admin overrides a gift limit, reverses an overridden entry or changes the limits and gift policy; on this computer the role is what you say it is (a team server will check it).
        </Text>
      </Paper>

      <Paper withBorder p="md" component="section" aria-labelledby="settings-team">
        <Group justify="space-between" mb="sm">
          <Title order={3} size="h4" id="settings-team">
            Team
          </Title>
          <Button size="xs" onClick={() => setForm({})}>
            Add team member
          </Button>
        </Group>
        {members === null ? (
          <Loader size="sm" aria-label="Loading the team" />
        ) : (
          <>
            {members.length > 0 && <TeamTable members={members} meId={me?.id} onEdit={(m) => setForm({ member: m })} onSetActive={(m, active) => void setActive(m, active)} />}
            {members.every((m) => m.id === me?.id) && (
              <EmptyState
                title="No teammates yet"
                body="Add the liaisons, doctors and managers you work with, so each office can be assigned to the liaison who owns it. Names typed as an office's liaison, or in an imported Liaison column, are added here too."
                actions={<Button onClick={() => setForm({})}>Add a teammate</Button>}
              />
            )}
          </>
        )}
      </Paper>

      <MemberFormModal
        opened={form !== null}
        {...(form?.member ? { member: form.member } : {})}
        onClose={() => setForm(null)}
        onSaved={(m) => {
          setForm(null);
          reload();
          notifyDone(`${m.name} saved.`);
        }}
      />
      <RouteStartSection />
      <CadenceSettingsSection />
      <RemindersSection />
      <ComplianceSettings />
      <Suspense fallback={<Loader size="sm" aria-label="Loading the scorecard rules" />}>
        <ScorecardRulesSection />
      </Suspense>
      <Paper withBorder p="md">
        <TaxonomySettings />
      </Paper>
      <Paper withBorder p="md">
        <CheckDatabase />
      </Paper>
    </Stack>
  );
}

/** The team, one row each, with what can be done to each member: reachable by Tab, named for the member. */
function TeamTable({ members, meId, onEdit, onSetActive }: { members: TeamMember[]; meId: string | undefined; onEdit: (m: TeamMember) => void; onSetActive: (m: TeamMember, active: boolean) => void }) {
  return (
    <Table aria-label="Team" striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Name</Table.Th>
          <Table.Th>Role</Table.Th>
          <Table.Th>Email</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th aria-label="Actions" />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {members.map((m) => (
          <Table.Tr key={m.id} style={m.active ? undefined : { opacity: 0.6 }}>
            <Table.Td>
              {m.name}
              {m.id === meId && (
                <Badge ml="xs" size="sm" variant="light">
                  you
                </Badge>
              )}
            </Table.Td>
            <Table.Td>{TEAM_ROLE_LABELS[m.role]}</Table.Td>
            <Table.Td>{m.email ?? ''}</Table.Td>
            <Table.Td>{m.active ? 'Active' : 'Inactive'}</Table.Td>
            <Table.Td>
              <Group gap={4} justify="flex-end" wrap="nowrap">
                <Button size="compact-xs" variant="subtle" aria-label={`Edit ${m.name}`} onClick={() => onEdit(m)}>
                  Edit
                </Button>
                {m.active ? (
                  // Not the person using the app: their changes are recorded as theirs. Change who you are first.
                  m.id !== meId && (
                    <Button size="compact-xs" variant="subtle" color="red" aria-label={`Deactivate ${m.name}`} onClick={() => onSetActive(m, false)}>
                      Deactivate
                    </Button>
                  )
                ) : (
                  <Button size="compact-xs" variant="subtle" aria-label={`Reactivate ${m.name}`} onClick={() => onSetActive(m, true)}>
                    Reactivate
                  </Button>
                )}
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
