import { Badge, Button, Group, Kbd, MultiSelect, SegmentedControl, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo, useRef, useState } from 'react';
import { href, Link } from 'react-router';
import { STAGE_LABELS, STAGES, TIERS } from '../../../shared/domain/office';
import type { WorklistRow } from '../../../shared/visits/contract';
import { useChanges } from '../changes';
import { DataTable, type DataTableHandle } from '../components/DataTable';
import { EmptyState } from '../components/EmptyState';
import { usePagedQuery } from '../hooks/usePagedQuery';
import { useStoredState } from '../hooks/useStoredState';
import { useMe } from '../team/me';
import { useTeam } from '../team/useTeam';
import { VisitFormModal, type VisitDialog } from './VisitFormModal';
import { userZone } from './visitTimes';

/** A calendar day without its weekday ("May 17, 2026"), read as a day, not an instant. */
const shortDay = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
const plannedFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
const TIER_COLORS: Record<string, string> = { A: 'teal', B: 'blue' };

/**
 * "Due and overdue": the offices to visit, those whose referrals fell first, then most overdue, with why. One click or P on a row
 * plans a visit; the list follows every visit, touch and office change without a reload.
 */
export function WorklistPage() {
  const { me } = useMe();
  const { members } = useTeam();
  const [liaison, setLiaison] = useStoredState<string>('worklist-liaison', 'me');
  const [tier, setTier] = useStoredState<string[]>('worklist-tier', []);
  const [stage, setStage] = useStoredState<string[]>('worklist-stage', []);
  const [territory, setTerritory] = useStoredState<string>('worklist-territory', '');
  const [show, setShow] = useStoredState<'due' | 'week'>('worklist-show', 'due');
  const [dialog, setDialog] = useState<VisitDialog | null>(null);
  const tableRef = useRef<DataTableHandle>(null);
  const query = useMemo(
    () => ({ liaison, tier: tier as ('A' | 'B' | 'C' | 'none')[], stage: stage as (typeof STAGES)[number][], territory, show, zone: userZone() }),
    [liaison, tier, stage, territory, show],
  );
  const rows = usePagedQuery('worklist.query', query, { errorTitle: 'Could not load the worklist' });
  useChanges(['offices', 'visits', 'touches', 'referrals', 'settings', 'team_members'], rows.refresh);

  const lastRow = useRef<string | null>(null);
  const plan = (r: WorklistRow) => {
    lastRow.current = r.officeId;
    setDialog({ mode: 'plan', officeId: r.officeId });
  };
  // Back to the row the plan started from once the dialog has gone, so the keyboard goes on from there.
  const closeDialog = () => {
    setDialog(null);
    setTimeout(() => {
      const t = tableRef.current;
      if (t && !(lastRow.current && t.focusRowByKey(lastRow.current))) t.focusFirstRow();
    }, 300);
  };
  const columns = useMemo<ColumnDef<WorklistRow>[]>(
    () => [
      {
        id: 'name',
        header: 'Office',
        cell: ({ row }) => (
          <Link to={href('/offices/:id', { id: row.original.officeId })} onClick={(e) => e.stopPropagation()}>
            {row.original.name}
          </Link>
        ),
        meta: { width: 220 },
      },
      {
        id: 'reason',
        header: 'Why',
        cell: ({ row }) => (
          <Group gap={6} wrap="nowrap">
            {row.original.atRisk && (
              <Badge color="orange" variant="light" size="sm" style={{ flexShrink: 0 }}>
                At risk
              </Badge>
            )}
            <Text size="sm" c={row.original.daysOverdue > 0 ? 'red.8' : undefined} fw={row.original.daysOverdue > 0 || row.original.atRisk ? 500 : undefined}>
              {row.original.reason}
            </Text>
          </Group>
        ),
        meta: { width: 365 },
      },
      { id: 'lastTouch', header: 'Last touch', cell: ({ row }) => (row.original.lastTouch ? shortDay.format(new Date(`${row.original.lastTouch}T00:00:00Z`)) : 'Never'), meta: { width: 115 } },
      {
        id: 'planned',
        header: 'Planned',
        cell: ({ row }) => (row.original.nextPlanned ? plannedFormat.format(new Date(row.original.nextPlanned)) : '—'),
        meta: { width: 130 },
      },
      {
        id: 'tier',
        header: 'Tier',
        cell: ({ row }) => (row.original.tier ? <Badge color={TIER_COLORS[row.original.tier] ?? 'gray'} variant="light">{row.original.tier}</Badge> : '—'),
        meta: { width: 60 },
      },
      { id: 'stage', header: 'Stage', cell: ({ row }) => STAGE_LABELS[row.original.stage], meta: { width: 95 } },
      { id: 'city', header: 'City', cell: ({ row }) => [row.original.city, row.original.zip].filter(Boolean).join(' ') || '—', meta: { width: 150 } },
      { id: 'liaison', header: 'Liaison', cell: ({ row }) => row.original.ownerName ?? '—', meta: { width: 130 } },
      {
        id: 'plan',
        header: '',
        cell: ({ row }) => (
          <Button
            size="compact-xs"
            variant="light"
            aria-label={`Plan a visit to ${row.original.name}`}
            onClick={(e) => {
              e.stopPropagation();
              plan(row.original);
            }}
          >
            Plan
          </Button>
        ),
        meta: { width: 70 },
      },
    ],
    [],
  );
  const liaisonOptions = [
    { value: 'me', label: me ? `Me (${me.name})` : 'Me' },
    { value: 'all', label: 'Everyone' },
    ...(members ?? []).filter((m) => m.id !== me?.id && m.active).map((m) => ({ value: m.id, label: m.name })),
  ];
  const narrowed = tier.length > 0 || stage.length > 0 || territory.trim() !== '';

  return (
    <Stack gap="sm" style={{ flex: 1, minHeight: 0 }}>
      <Group justify="space-between" wrap="nowrap">
        <Group gap="sm">
          <Title order={2} size="h3">
            Worklist
          </Title>
          <Text c="dimmed" size="sm" aria-live="polite" data-testid="worklist-count">
            {rows.total === null ? 'Loading…' : `${rows.total.toLocaleString()} ${rows.total === 1 ? 'office' : 'offices'} ${show === 'due' ? 'due or overdue' : 'due this week or overdue'}`}
          </Text>
        </Group>
        <Text size="xs" c="dimmed">
          <Kbd size="xs">P</Kbd> or <Kbd size="xs">Enter</Kbd> on a row plans a visit · the office's name opens it
        </Text>
      </Group>
      <Group gap="sm" align="flex-end">
        <Select label="Liaison" data={liaisonOptions} value={liaison} onChange={(v) => setLiaison(v ?? 'me')} allowDeselect={false} w={200} />
        <MultiSelect label="Tier" data={[...TIERS.map((t) => ({ value: t, label: `Tier ${t}` })), { value: 'none', label: 'No tier' }]} value={tier} onChange={setTier} placeholder="Any" w={200} clearable />
        <MultiSelect label="Stage" data={STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] }))} value={stage} onChange={setStage} placeholder="Any" w={220} clearable />
        <TextInput label="Territory" placeholder="ZIP prefix or city" value={territory} onChange={(e) => setTerritory(e.currentTarget.value)} w={180} />
        <SegmentedControl
          aria-label="Which offices"
          value={show}
          onChange={(v) => setShow(v as 'due' | 'week')}
          data={[
            { value: 'due', label: 'Due now' },
            { value: 'week', label: 'Due this week' },
          ]}
        />
      </Group>
      {rows.total === 0 && !narrowed ? (
        <EmptyState
          title={show === 'due' ? 'Nothing due' : 'Nothing due this week'}
          body={
            liaison === 'me' && !me
              ? 'Say who you are in Settings to see your offices.'
              : 'Every office here is visited on cadence. Offices come due as their cadence runs out; new prospects appear at once.'
          }
          actions={
            <Button variant="default" component={Link} to={href('/offices')}>
              Open the office list
            </Button>
          }
        />
      ) : (
        <DataTable
          ref={tableRef}
          label="Due and overdue offices"
          columns={columns}
          rows={rows}
          rowKey={(r) => r.officeId}
          rowClassName={(r) => (r.daysOverdue > 0 ? 'overdue' : undefined)}
          onOpen={plan}
          onRowKey={(r, key) => {
            if (key !== 'p' && key !== 'P') return false;
            plan(r);
            return true;
          }}
          sorting={[]}
          onSortingChange={() => {}}
          columnFilters={[]}
          onColumnFiltersChange={() => {}}
          columnVisibility={{}}
          onColumnVisibilityChange={() => {}}
        />
      )}
      {rows.total === 0 && narrowed && (
        <EmptyState
          title="No office matches"
          body="Nothing due matches these filters."
          actions={
            <Button
              variant="default"
              onClick={() => {
                setTier([]);
                setStage([]);
                setTerritory('');
              }}
            >
              Clear filters
            </Button>
          }
        />
      )}
      <VisitFormModal dialog={dialog} onClose={closeDialog} />
    </Stack>
  );
}
