import { Alert, Anchor, Button, Group, Loader, Progress, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { href, Link, useParams } from 'react-router';
import { ENTRY_KIND_LABELS, type PhysicianSpend } from '../../../shared/domain/gift';
import { formatCents } from '../../../shared/money';
import { api } from '../api';
import { useChanges } from '../changes';
import { EmptyState } from '../components/EmptyState';
import { notifyError } from '../notify';
import { formatShortDay, todayIn, userZone } from '../visits/dates';
import { GiftDetailModal } from './GiftDetailModal';
import { GiftEntryModal, type GiftDialog } from './GiftEntryModal';
import { RepayModal, type CureToRepay } from './RepayModal';

/** The bar: what a person has had this year against their limit, in words as well as length. */
export function SpendBar({ spent, limit, warnAt, label }: { spent: number; limit: number | null; warnAt: number; label: string }) {
  if (limit === null) {
    return (
      <Text size="sm">
        {formatCents(spent)} this year; no yearly limit applies.
      </Text>
    );
  }
  const share = limit > 0 ? spent / limit : 1;
  const color = share > 1 ? 'red' : share >= warnAt ? 'yellow' : 'teal';
  const words = spent > limit ? `${formatCents(spent - limit)} over` : `${formatCents(limit - spent)} left`;
  return (
    <Stack gap={4}>
      <Progress value={Math.min(100, Math.max(0, share * 100))} color={color} size="lg" aria-label={label} />
      <Text size="sm">
        {formatCents(spent)} of {formatCents(limit)} · {words}
      </Text>
    </Stack>
  );
}

/** One person's year: spend against the limit, the entries behind it, repayments, the cure window, notes sent. */
export function PhysicianSpendPage() {
  const { id = '' } = useParams();
  const thisYear = Number(todayIn(userZone()).slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [data, setData] = useState<PhysicianSpend | null>(null);
  const [opened, setOpened] = useState<string | null>(null);
  const [dialog, setDialog] = useState<GiftDialog | null>(null);
  const [repaying, setRepaying] = useState<CureToRepay | null>(null);
  const load = useCallback(() => {
    api['gifts.physician']({ personId: id, year }).then(setData, (e: unknown) => notifyError('Could not load what this person received', e));
  }, [id, year]);
  useEffect(() => load(), [load]);
  useChanges(['gift_entries', 'gift_repayments', 'compliance_limits', 'settings', 'people'], load);
  if (!data) return <Loader size="sm" aria-label="Loading" />;
  const today = todayIn(userZone());
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <div>
          <Title order={2} size="h3">
            {data.name}: gifts and meals
          </Title>
          <Text size="sm" c="dimmed">
            <Anchor component={Link} to={href('/offices/:id', { id: data.officeId })}>
              {data.officeName}
            </Anchor>
            {data.npi ? ` · NPI ${data.npi} (totals follow the NPI across offices)` : ''}
          </Text>
        </div>
        <Group gap="xs" align="flex-end">
          <Select
            label="Year"
            data={Array.from({ length: 6 }, (_, i) => String(thisYear - i))}
            value={String(year)}
            onChange={(y) => y && setYear(Number(y))}
            allowDeselect={false}
            w={110}
          />
          <Button variant="default" component={Link} to={href('/compliance/statement/:id/:year', { id: data.personId, year: String(year) })}>
            Year-end statement
          </Button>
          <Button onClick={() => setDialog({ officeId: data.officeId, recipients: [data.personId] })}>Log a gift or meal</Button>
        </Group>
      </Group>
      <SpendBar spent={data.spentCents} limit={data.limitCents} warnAt={data.warnAt} label={`${data.name}'s ${year} total against the limit`} />
      {data.limitSource && (
        <Text size="xs" c="dimmed">
          Limit: {data.limitSource}
          {data.limitNote ? `. ${data.limitNote}` : ''}
        </Text>
      )}
      {data.cure && (
        <Alert color={data.cure.eligible ? 'orange' : 'red'} title={`${formatCents(data.cure.excessCents)} over the ${year} limit`}>
          {data.cure.repaidCents > 0
            ? `Repaid ${formatCents(data.cure.repaidCents)} under the cure rule.`
            : data.cure.eligible
              ? `The physician may repay the excess by ${data.cure.deadline} (the earlier of year end and 180 days after receipt).`
              : `${data.cure.reason}.`}
          {data.cure.eligible && data.cure.repaidCents === 0 && (
            <Button
              size="xs"
              ml="sm"
              variant="light"
              onClick={() => setRepaying({ personId: data.personId, name: data.name, year, excessCents: data.cure!.excessCents, deadline: data.cure!.deadline })}
            >
              Record repayment
            </Button>
          )}
        </Alert>
      )}
      {data.entries.length === 0 ? (
        <EmptyState title={`Nothing received in ${year}`} body="Gifts and meals logged for this person, at any office, show here with their share." />
      ) : (
        <Table aria-label={`What ${data.name} received in ${year}`} striped fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Date</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Description</Table.Th>
              <Table.Th>Office</Table.Th>
              <Table.Th ta="right">Share</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.entries.map((e, i) => (
              <Table.Tr key={`${e.entryId}-${i}`}>
                <Table.Td>{formatShortDay(e.day, today)}</Table.Td>
                <Table.Td>{ENTRY_KIND_LABELS[e.kind]}</Table.Td>
                <Table.Td>
                  <Anchor component="button" type="button" fz="sm" onClick={() => setOpened(e.entryId)}>
                    {e.description}
                  </Anchor>
                  {e.reversal ? ' (correction)' : ''}
                </Table.Td>
                <Table.Td>{e.officeName}</Table.Td>
                <Table.Td ta="right">{formatCents(e.cents)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {data.repayments.length > 0 && (
        <Text size="sm">
          Repayments: {data.repayments.map((r) => `${formatCents(r.cents)} on ${r.repaidOn}${r.note ? ` (${r.note})` : ''}`).join('; ')}
        </Text>
      )}
      <Stack gap={4}>
        <Title order={3} size="h5">
          Thank-you notes sent
        </Title>
        {data.thankYouNotes.length === 0 ? (
          <Text size="sm" c="dimmed">
            None logged yet. Log one with the kind “Thank-you note”.
          </Text>
        ) : (
          data.thankYouNotes.map((n) => (
            <Text key={n.entryId} size="sm">
              {formatShortDay(n.day, today)}: {n.description}
            </Text>
          ))
        )}
      </Stack>
      <GiftDetailModal id={opened} onClose={() => setOpened(null)} />
      <GiftEntryModal dialog={dialog} onClose={() => setDialog(null)} />
      <RepayModal cure={repaying} onClose={() => setRepaying(null)} />
    </Stack>
  );
}
