import { Alert, Anchor, Badge, Button, Group, Kbd, Loader, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useCallback, useEffect, useRef, useState } from 'react';
import { href, Link } from 'react-router';
import type { ApiOutput } from '../../../shared/api/contract';
import { ENTRY_KIND_LABELS, type CureDue, type GiftListRow } from '../../../shared/domain/gift';
import { ENTRY_KINDS, type EntryKind } from '../../../shared/gifts/check';
import { formatCents } from '../../../shared/money';
import { api } from '../api';
import { useChanges } from '../changes';
import { EmptyState } from '../components/EmptyState';
import { notifyError } from '../notify';
import { formatShortDay, todayIn, userZone } from '../visits/dates';
import { GiftDetailModal } from './GiftDetailModal';
import { GiftEntryModal, type GiftDialog } from './GiftEntryModal';
import { RepayModal } from './RepayModal';

const PAGE = 100;

/**
 * The gift and meal log: every entry, newest first, with corrections beside what they correct;
 * physicians over a limit with their cure window; and the quick add (N, or the button).
 */
export function GiftsPage() {
  const today = todayIn(userZone());
  const thisYear = Number(today.slice(0, 4));
  const [year, setYear] = useState(String(thisYear));
  const [kind, setKind] = useState<EntryKind | null>(null);
  const [rows, setRows] = useState<GiftListRow[] | null>(null);
  const [total, setTotal] = useState(0);
  const [limit, setLimit] = useState(PAGE);
  const [cures, setCures] = useState<CureDue[]>([]);
  const [dialog, setDialog] = useState<GiftDialog | null>(null);
  const [opened, setOpened] = useState<string | null>(null);
  const [repaying, setRepaying] = useState<CureDue | null>(null);
  const loads = useRef(0);
  const load = useCallback(() => {
    const mine = ++loads.current;
    Promise.all([
      api['gifts.list']({ from: `${year}-01-01`, to: `${year}-12-31`, kind: kind ?? undefined, limit, offset: 0 }),
      api['gifts.cures']({ year: Number(year) }),
    ]).then(
      ([r, c]: [ApiOutput<'gifts.list'>, CureDue[]]) => {
        if (mine !== loads.current) return;
        setRows(r.rows);
        setTotal(r.total);
        setCures(c);
      },
      (e: unknown) => notifyError('Could not load the gift log', e),
    );
  }, [year, kind, limit]);
  useEffect(() => load(), [load]);
  useChanges(['gift_entries', 'gift_overrides', 'gift_repayments', 'gift_receipts', 'compliance_limits', 'settings'], load);
  useHotkeys([['N', () => setDialog({ officeId: null })]]);

  const years = Array.from({ length: 6 }, (_, i) => String(thisYear - i));
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2} size="h3">
          Gifts and meals
        </Title>
        <Button onClick={() => setDialog({ officeId: null })} aria-keyshortcuts="N">
          Log a gift or meal <Kbd ml="xs">N</Kbd>
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        Every entry is checked against the law’s yearly limits and the practice’s policy before it is saved. Entries are never edited: a correction reverses one.
      </Text>
      {cures.length > 0 && (
        <Alert color="orange" title={`${cures.length} physician${cures.length === 1 ? ' is' : 's are'} over the ${year} limit`}>
          <Stack gap={4}>
            {cures.map((c) => (
              <Group key={c.personId} gap="xs" justify="space-between">
                <Text size="sm">
                  <Anchor component={Link} to={href('/gifts/person/:id', { id: c.personId })}>
                    {c.name}
                  </Anchor>{' '}
                  ({c.officeName}): {formatCents(c.excessCents)} over.{' '}
                  {c.eligible ? `The physician may repay it by ${c.deadline} (cure rule).` : `${c.reason}.`}
                </Text>
                {c.eligible && (
                  <Button size="xs" variant="light" onClick={() => setRepaying(c)}>
                    Record repayment
                  </Button>
                )}
              </Group>
            ))}
          </Stack>
        </Alert>
      )}
      <Group gap="sm" align="flex-end">
        <Select label="Year" data={years} value={year} onChange={(y) => y && setYear(y)} allowDeselect={false} w={120} />
        <Select
          label="Kind"
          placeholder="All kinds"
          clearable
          data={ENTRY_KINDS.map((k) => ({ value: k, label: ENTRY_KIND_LABELS[k] }))}
          value={kind}
          onChange={(k) => setKind(k as EntryKind | null)}
          w={220}
        />
        {rows && (
          <Text size="sm" c="dimmed" pb={6}>
            {total.toLocaleString('en-US')} {total === 1 ? 'entry' : 'entries'}
          </Text>
        )}
      </Group>
      {!rows ? (
        <Loader size="sm" aria-label="Loading the gift log" />
      ) : rows.length === 0 ? (
        <EmptyState
          title={`Nothing logged for ${year}${kind ? ` of that kind` : ''}`}
          body="Log a lunch, gift or thank-you note here (press N), from an office’s page, or from a lunch-and-learn visit. Each is checked against the limits before it is saved."
        />
      ) : (
        <>
          <Table aria-label="Gift and meal log" striped highlightOnHover fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Date</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Office</Table.Th>
                <Table.Th>Description</Table.Th>
                <Table.Th>Recipients</Table.Th>
                <Table.Th ta="right">Total</Table.Th>
                <Table.Th>Logged by</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.id} style={{ cursor: 'pointer' }} onClick={() => setOpened(r.id)}>
                  <Table.Td>{formatShortDay(r.day, today)}</Table.Td>
                  <Table.Td>{ENTRY_KIND_LABELS[r.kind]}</Table.Td>
                  <Table.Td>{r.officeName}</Table.Td>
                  <Table.Td>
                    <Anchor component="button" type="button" fz="sm" onClick={(e) => (e.stopPropagation(), setOpened(r.id))}>
                      {r.description}
                    </Anchor>{' '}
                    {r.isReversal && <Badge size="xs" color="gray">Correction</Badge>} {r.reversed && <Badge size="xs" color="yellow">Reversed</Badge>}{' '}
                    {r.overridden && <Badge size="xs" color="orange">Overridden</Badge>} {r.receipts > 0 && <Badge size="xs" variant="light">Receipt</Badge>}
                  </Table.Td>
                  <Table.Td>{r.recipients || <Text span c="dimmed" fz="sm">Nobody named</Text>}</Table.Td>
                  <Table.Td ta="right">{formatCents(r.totalCents)}</Table.Td>
                  <Table.Td>{r.loggedBy ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {rows.length < total && (
            <Button variant="default" onClick={() => setLimit((l) => Math.min(500, l + PAGE))} disabled={limit >= 500}>
              {limit >= 500 ? 'Narrow by kind to see older entries' : 'Show more'}
            </Button>
          )}
        </>
      )}
      <GiftEntryModal dialog={dialog} onClose={() => setDialog(null)} />
      <GiftDetailModal id={opened} onClose={() => setOpened(null)} />
      <RepayModal cure={repaying} onClose={() => setRepaying(null)} />
    </Stack>
  );
}
