import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { href, Link } from 'react-router';
import type { ApiOutput } from '../../../shared/api/contract';
import { ENTRY_KIND_LABELS, type GiftListRow } from '../../../shared/domain/gift';
import type { Office } from '../../../shared/domain/office';
import { formatCents } from '../../../shared/money';
import { api } from '../api';
import { useChanges } from '../changes';
import { notifyError } from '../notify';
import { formatShortDay, todayIn, userZone } from '../visits/dates';
import { GiftDetailModal } from './GiftDetailModal';
import { GiftEntryModal, type GiftDialog } from './GiftEntryModal';

type Spend = ApiOutput<'gifts.office'>;

/** An office's gifts and meals: this year's spend, each person's total against their limit, recent entries. */
export function OfficeGiftsSection({ office }: { office: Office }) {
  const today = todayIn(userZone());
  const year = Number(today.slice(0, 4));
  const [spend, setSpend] = useState<Spend | null>(null);
  const [rows, setRows] = useState<GiftListRow[]>([]);
  const [dialog, setDialog] = useState<GiftDialog | null>(null);
  const [opened, setOpened] = useState<string | null>(null);
  const loads = useRef(0);
  const load = useCallback(() => {
    const mine = ++loads.current;
    Promise.all([api['gifts.office']({ officeId: office.id, year }), api['gifts.list']({ officeId: office.id, limit: 8, offset: 0 })]).then(
      ([s, l]) => {
        if (mine !== loads.current) return;
        setSpend(s);
        setRows(l.rows);
      },
      (e: unknown) => notifyError('Could not load this office’s gifts and meals', e),
    );
  }, [office.id, year]);
  useEffect(() => load(), [load]);
  useChanges(['gift_entries', 'gift_repayments', 'people', 'compliance_limits'], load);
  const archived = !!office.archivedAt;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="office-gifts" aria-busy={spend === null}>
      <Group justify="space-between" mb="xs" align="flex-start">
        <div>
          <Title order={3} size="h4" id="office-gifts">
            Gifts and meals
          </Title>
          {spend && (
            <Text size="sm" c="dimmed">
              {formatCents(spend.totalCents)} in {year} · {spend.entries} {spend.entries === 1 ? 'entry' : 'entries'}
            </Text>
          )}
        </div>
        <Group gap="xs">
          <Button variant="default" size="xs" disabled={archived} onClick={() => setDialog({ officeId: office.id, kind: 'thank_you_note', inPerson: false })}>
            Log thank-you note
          </Button>
          <Button size="xs" disabled={archived} onClick={() => setDialog({ officeId: office.id })}>
            Log gift or meal
          </Button>
        </Group>
      </Group>
      {spend && spend.people.length > 0 && (
        <Table aria-label={`${year} totals by person`} fz="sm" mb="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Person</Table.Th>
              <Table.Th ta="right">This year (all offices)</Table.Th>
              <Table.Th ta="right">Limit</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {spend.people.map((p) => (
              <Table.Tr key={p.personId}>
                <Table.Td>
                  <Anchor component={Link} to={href('/gifts/person/:id', { id: p.personId })}>
                    {p.name}
                  </Anchor>
                </Table.Td>
                <Table.Td ta="right">
                  {formatCents(p.spentCents)}{' '}
                  {p.limitCents !== null && p.spentCents > p.limitCents && (
                    <Badge size="xs" color="red">
                      Over
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td ta="right">{p.limitCents === null ? '—' : formatCents(p.limitCents)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing logged for this office yet. A lunch or gift is checked against each physician’s yearly limit before it is saved.
        </Text>
      ) : (
        <Stack gap={2}>
          {rows.map((r) => (
            <Text key={r.id} size="sm">
              {formatShortDay(r.day, today)} · {ENTRY_KIND_LABELS[r.kind]} ·{' '}
              <Anchor component="button" type="button" fz="sm" onClick={() => setOpened(r.id)}>
                {r.description}
              </Anchor>{' '}
              · {formatCents(r.totalCents)}
              {r.isReversal ? ' (correction)' : r.reversed ? ' (reversed)' : ''}
            </Text>
          ))}
        </Stack>
      )}
      <GiftEntryModal dialog={dialog} onClose={() => setDialog(null)} />
      <GiftDetailModal id={opened} onClose={() => setOpened(null)} />
    </Paper>
  );
}
