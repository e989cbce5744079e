import { Anchor, Badge, Button, Group, Kbd, MultiSelect, SegmentedControl, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { href, Link } from 'react-router';
import { SOURCE_KIND_LABELS, STATUS_LABELS, STATUSES, type Referral, type ReferralStatus } from '../../../shared/domain/referral';
import { api, type ApiInput } from '../api';
import { useChanges } from '../changes';
import { DataTable } from '../components/DataTable';
import { EmptyState } from '../components/EmptyState';
import { usePagedFetch } from '../hooks/usePagedQuery';
import { useStoredState } from '../hooks/useStoredState';
import { addDays, formatShortDay, todayIn, userZone } from '../visits/dates';
import { ReferralRowActions, StatusBadge } from './ReferralActions';
import { ReferralFormModal, type ReferralDialog } from './ReferralFormModal';

type Query = Omit<ApiInput<'referrals.list'>, 'page' | 'pageSize'>;

// Defined once, outside the page: the list starts over whenever this function changes.
// referrals.list pages by number; the table asks for blocks by offset, always a whole page apart.
const fetchReferrals = (q: Query, offset: number, limit: number) => api['referrals.list']({ ...q, page: offset / limit, pageSize: limit });

const PERIODS = [
  { value: '30', label: 'Last 30 days' },
  { value: '90', label: 'Last 90 days' },
  { value: '365', label: 'Last 12 months' },
  { value: 'year', label: 'This year' },
  { value: 'all', label: 'All time' },
];

function periodOf(period: string, today: string): { from?: string; to?: string } {
  if (period === 'all') return {};
  if (period === 'year') return { from: `${today.slice(0, 4)}-01-01`, to: today };
  return { from: addDays(today, 1 - Number(period)), to: today };
}

/**
 * Referrals in and out, newest first, through their pipeline: filter by direction, status,
 * period and text; N logs one; each row moves a step in one click, or is marked lost, edited or
 * deleted from its menu.
 */
export function ReferralsPage() {
  const today = todayIn(userZone());
  const [direction, setDirection] = useStoredState<'all' | 'in' | 'out'>('referrals-direction', 'all');
  const [status, setStatus] = useStoredState<string[]>('referrals-status', []);
  const [period, setPeriod] = useStoredState<string>('referrals-period', 'all');
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 150);
  const [dialog, setDialog] = useState<ReferralDialog | null>(null);
  const query = useMemo<Query>(
    () => ({
      ...(direction === 'all' ? {} : { direction }),
      status: status as ReferralStatus[],
      ...periodOf(period, today),
      search: debounced,
    }),
    [direction, status, period, today, debounced],
  );
  const rows = usePagedFetch(fetchReferrals, query, { errorTitle: 'Could not load the referrals' });
  useChanges(['referrals', 'offices', 'people', 'team_members'], rows.refresh);
  useHotkeys([['N', () => setDialog({})]]);

  const columns = useMemo<ColumnDef<Referral>[]>(
    () => [
      { id: 'received', header: 'Received', cell: ({ row }) => formatShortDay(row.original.receivedOn, today), meta: { width: 100 } },
      {
        id: 'office',
        header: 'Office',
        cell: ({ row }) => (
          <Group gap={6} wrap="nowrap" style={{ overflow: 'hidden' }}>
            {row.original.direction === 'out' && (
              <Badge size="xs" variant="outline" color="grape" title="Sent by the practice to this partner" style={{ flexShrink: 0 }}>
                Sent
              </Badge>
            )}
            <Link to={href('/offices/:id', { id: row.original.officeId })} onClick={(e) => e.stopPropagation()}>
              {row.original.officeName}
            </Link>
          </Group>
        ),
        meta: { width: 195 },
      },
      { id: 'physician', header: 'Physician', cell: ({ row }) => row.original.personName ?? '—', meta: { width: 130 } },
      { id: 'serviceLine', header: 'Service line', cell: ({ row }) => row.original.serviceLine, meta: { width: 115 } },
      { id: 'source', header: 'Source', cell: ({ row }) => SOURCE_KIND_LABELS[row.original.sourceKind], meta: { width: 125 } },
      { id: 'status', header: 'Status', cell: ({ row }) => <StatusBadge status={row.original.status} />, meta: { width: 155 } },
      { id: 'liaison', header: 'Liaison', cell: ({ row }) => row.original.liaisonName ?? '—', meta: { width: 115 } },
      { id: 'code', header: 'Code', cell: ({ row }) => row.original.referralCode ?? row.original.sourceId ?? '—', meta: { width: 85 } },
      {
        id: 'actions',
        header: '',
        cell: ({ row }) => <ReferralRowActions referral={row.original} onEdit={(r) => setDialog({ referral: r })} />,
        meta: { width: 150 },
      },
    ],
    [today],
  );
  const narrowed = direction !== 'all' || status.length > 0 || period !== 'all' || debounced !== '';
  const clear = () => {
    setDirection('all');
    setStatus([]);
    setPeriod('all');
    setSearch('');
  };

  return (
    <Stack gap="sm" style={{ flex: 1, minHeight: 0 }}>
      <Group justify="space-between" wrap="nowrap">
        <Group gap="sm">
          <Title order={2} size="h3">
            Referrals
          </Title>
          <Text c="dimmed" size="sm" aria-live="polite" data-testid="referral-count">
            {rows.total === null ? 'Loading…' : `${rows.total.toLocaleString()} ${rows.total === 1 ? 'referral' : 'referrals'}`}
          </Text>
        </Group>
        <Group gap="xs">
          <Button variant="default" component={Link} to={`${href('/import')}?spec=referrals`}>
            Import a referral report
          </Button>
          <Button onClick={() => setDialog({})} aria-keyshortcuts="N">
            Log a referral <Kbd ml="xs">N</Kbd>
          </Button>
        </Group>
      </Group>
      <Group gap="sm" align="flex-end">
        <SegmentedControl
          aria-label="Direction"
          value={direction}
          onChange={(v) => setDirection(v as 'all' | 'in' | 'out')}
          data={[
            { value: 'all', label: 'Both ways' },
            { value: 'in', label: 'Received' },
            { value: 'out', label: 'Sent' },
          ]}
        />
        <MultiSelect
          label="Status"
          data={STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
          value={status}
          onChange={setStatus}
          placeholder={status.length ? undefined : 'Any'}
          w={260}
          clearable
          comboboxProps={{ withinPortal: true }}
        />
        <Select label="Period" data={PERIODS} value={period} onChange={(p) => setPeriod(p ?? 'all')} allowDeselect={false} w={160} comboboxProps={{ withinPortal: true }} />
        <TextInput label="Search" placeholder="Office, code, service line or source id" value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={300} />
      </Group>
      {rows.total === 0 && !narrowed ? (
        <EmptyState
          title="No referrals yet"
          body="Log each referral as it arrives (press N): the office, the service line and Enter. Or import the referral report your practice-management system exports, and every referral it lists arrives at once."
          actions={
            <>
              <Button onClick={() => setDialog({})}>Log a referral</Button>
              <Button variant="default" component={Link} to={`${href('/import')}?spec=referrals`}>
                Import the practice-management report
              </Button>
            </>
          }
        />
      ) : rows.total === 0 ? (
        <EmptyState
          title="No referral matches"
          body="Nothing matches these filters."
          actions={
            <Button variant="default" onClick={clear}>
              Show all referrals
            </Button>
          }
        />
      ) : (
        <DataTable
          label="Referrals"
          columns={columns}
          rows={rows}
          rowKey={(r) => r.id}
          onOpen={(r) => setDialog({ referral: r })}
          sorting={[]}
          onSortingChange={() => {}}
          columnFilters={[]}
          onColumnFiltersChange={() => {}}
          columnVisibility={{}}
          onColumnVisibilityChange={() => {}}
        />
      )}
      <Text size="xs" c="dimmed">
        <Kbd size="xs">N</Kbd> logs a referral · a row opens it for editing ·{' '}
        <Anchor component={Link} to={href('/settings')} size="xs">
          Scorecard rules
        </Anchor>{' '}
        in Settings
      </Text>
      <ReferralFormModal dialog={dialog} onClose={() => setDialog(null)} />
    </Stack>
  );
}
