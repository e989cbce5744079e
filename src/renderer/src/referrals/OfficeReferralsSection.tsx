import { Anchor, Badge, Button, Group, Paper, Table, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { href, Link } from 'react-router';
import type { ApiOutput } from '../../../shared/api/contract';
import type { Office } from '../../../shared/domain/office';
import { api } from '../api';
import { useChanges } from '../changes';
import { notifyError } from '../notify';
import { formatShortDay, todayIn, userZone } from '../visits/dates';
import { ReferralRowActions, StatusBadge } from './ReferralActions';
import { ReferralFormModal, type ReferralDialog } from './ReferralFormModal';

type Balance = ApiOutput<'referrals.reciprocity'>;
const RECENT = 8;

/**
 * An office's referrals both ways: the balance over the last 12 months ("we sent X, they sent Y"),
 * the latest referrals with their step, and quick logging with the office filled in.
 */
export function OfficeReferralsSection({ office }: { office: Office }) {
  const today = todayIn(userZone());
  const [balance, setBalance] = useState<Balance | null>(null);
  const [dialog, setDialog] = useState<ReferralDialog | null>(null);
  const loads = useRef(0);
  const load = useCallback(() => {
    const mine = ++loads.current;
    api['referrals.reciprocity']({ officeId: office.id }).then(
      (b) => mine === loads.current && setBalance(b),
      (e: unknown) => notifyError('Could not load this office’s referrals', e),
    );
  }, [office.id]);
  useEffect(() => load(), [load]);
  useChanges(['referrals', 'people', 'team_members'], load);
  const archived = !!office.archivedAt;
  const fixed = { id: office.id, name: office.name };
  const recent = balance?.recent.slice(0, RECENT) ?? [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="office-referrals" aria-busy={balance === null}>
      <Group justify="space-between" mb="xs" align="flex-start">
        <div>
          <Title order={3} size="h4" id="office-referrals">
            Referrals
          </Title>
          {balance && (
            <Text size="sm" c="dimmed" data-testid="reciprocity">
              We sent {balance.sent}, they sent {balance.received} in the last 12 months
            </Text>
          )}
        </div>
        <Group gap="xs">
          <Anchor component={Link} to={href('/scorecards/office/:id', { id: office.id })} size="sm">
            Scorecard
          </Anchor>
          <Button variant="default" size="xs" disabled={archived} onClick={() => setDialog({ office: fixed, direction: 'out' })}>
            Log referral sent
          </Button>
          <Button size="xs" disabled={archived} onClick={() => setDialog({ office: fixed, direction: 'in' })}>
            Log referral
          </Button>
        </Group>
      </Group>
      {balance && recent.length === 0 ? (
        <Text size="sm" c="dimmed">
          No referrals from or to this office yet. Log one as it arrives, or one the practice sends them, to see the balance both ways.
        </Text>
      ) : (
        recent.length > 0 && (
          <Table aria-label="Recent referrals" fz="sm" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Date</Table.Th>
                <Table.Th>Way</Table.Th>
                <Table.Th>Physician</Table.Th>
                <Table.Th>Service line</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th aria-label="Actions" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {recent.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{formatShortDay(r.receivedOn, today)}</Table.Td>
                  <Table.Td>
                    {r.direction === 'out' ? (
                      <Badge size="xs" variant="outline" color="grape">
                        We sent
                      </Badge>
                    ) : (
                      <Badge size="xs" variant="outline">
                        They sent
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{r.personName ?? '—'}</Table.Td>
                  <Table.Td>{r.serviceLine}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={r.status} />
                  </Table.Td>
                  <Table.Td>
                    <ReferralRowActions referral={r} onEdit={(x) => setDialog({ referral: x })} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )
      )}
      {balance && balance.recent.length > RECENT && (
        <Anchor component={Link} to="/referrals" size="sm" mt="xs" display="inline-block">
          All referrals
        </Anchor>
      )}
      <ReferralFormModal dialog={dialog} onClose={() => setDialog(null)} />
    </Paper>
  );
}
