import { Button, Checkbox, Group, Kbd, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import type { ColumnFiltersState, SortingState } from '@tanstack/react-table';
import { useEffect, useMemo, useRef, useState } from 'react';
import { href, Link, useLocation, useNavigate, useNavigationType, useSearchParams } from 'react-router';
import { api } from '../api';
import { useChanges } from '../changes';
import { ColumnsMenu } from '../components/ColumnsMenu';
import { DataTable, type DataTableHandle } from '../components/DataTable';
import { EmptyState } from '../components/EmptyState';
import { downloadFile } from '../downloadFile';
import { usePagedQuery } from '../hooks/usePagedQuery';
import { useStoredState } from '../hooks/useStoredState';
import { notifyDone, notifyError, notifyWarning } from '../notify';
import { useMe } from '../team/me';
import { useTeam } from '../team/useTeam';
import { OFFICE_COLUMNS_HIDDEN_BY_DEFAULT, officeColumns } from './officeColumns';
import { OfficeFormModal } from './OfficeForm';
import { lastOpenedOffice } from './lastOpened';
import { toOfficeQuery } from './officeQuery';

export function OfficesPage() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  // The search lives in the address (`#/offices?q=…`), so Back from an office returns to it and a
  // link can open one. Replaced, not pushed, per keystroke: Back leaves the list, not one letter.
  // flushSync: a controlled input must get its new value within the keystroke's own event, or
  // fast typing loses letters (react-router otherwise updates in a transition).
  const search = params.get('q') ?? '';
  const setSearch = (q: string) => {
    const next = new URLSearchParams(params);
    if (q) next.set('q', q);
    else next.delete('q');
    setParams(next, { replace: true, flushSync: true });
  };
  const [sorting, setSorting] = useState<SortingState>([{ id: 'name', desc: false }]);
  const [filters, setFilters] = useState<ColumnFiltersState>([]);
  const [includeArchived, setIncludeArchived] = useState(false);
  const [visibility, setVisibility] = useStoredState<Record<string, boolean>>('office-columns', OFFICE_COLUMNS_HIDDEN_BY_DEFAULT);
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [exportPeople, setExportPeople] = useState(false);
  const { me } = useMe();
  const { members } = useTeam();
  const columns = useMemo(() => {
    const others = (members ?? []).filter((m) => m.id !== me?.id).map((m) => ({ value: m.id, label: m.active ? m.name : `${m.name} (inactive)` }));
    return officeColumns(me ? [{ value: me.id, label: `Me (${me.name})` }, ...others] : others);
  }, [members, me]);
  const searchRef = useRef<HTMLInputElement>(null);
  const tableRef = useRef<DataTableHandle>(null);

  // Arrived by Ctrl+K from another page: the search box is where the user meant to be.
  const location = useLocation();
  const focusSearch = (location.state as { focusSearch?: boolean } | null)?.focusSearch === true;
  useEffect(() => {
    if (focusSearch) searchRef.current?.focus();
  }, [focusSearch]);

  useHotkeys([
    ['mod+K', () => searchRef.current?.focus()],
    ['/', () => searchRef.current?.focus()],
    ['mod+N', () => setCreating(true)],
    // Browsers keep Ctrl+N for a new window, so browser mode also takes a plain N (not while typing).
    ['N', () => setCreating(true)],
  ]);

  const query = useMemo(() => toOfficeQuery(search, sorting, filters, includeArchived), [search, sorting, filters, includeArchived]);
  const rows = usePagedQuery('offices.list', query, { errorTitle: 'Could not load offices' });
  // Offices written anywhere (another window, an import, a sync pull) show here without a reload.
  // A teammate renamed shows in the Liaison column too.
  useChanges(['offices', 'team_members'], rows.refresh);
  // Back from an office: the keyboard returns to its row, once that row is on screen.
  const navigationType = useNavigationType();
  const returnTo = useRef(navigationType === 'POP' ? lastOpenedOffice() : null);
  useEffect(() => {
    // Tried once, with the first rows: later refreshes must never pull focus away from typing.
    if (!returnTo.current || rows.version === 0) return;
    tableRef.current?.focusRowByKey(returnTo.current);
    returnTo.current = null;
  }, [rows.version]);
  const narrowed = search.trim() !== '' || filters.length > 0;

  async function exportCsv() {
    setExporting(true);
    try {
      const { csv, count, people, joinedOnImport } = await api['offices.exportCsv']({ ...query, includePeople: exportPeople });
      downloadFile(`offices-${exportPeople ? 'with-people-' : ''}${new Date().toISOString().slice(0, 10)}.csv`, csv);
      const offices = `${count.toLocaleString()} ${count === 1 ? 'office' : 'offices'}`;
      notifyDone(exportPeople ? `Exported ${offices} with ${people.toLocaleString()} ${people === 1 ? 'person' : 'people'}.` : `Exported ${offices}.`);
      if (joinedOnImport > 0) {
        notifyWarning(
          'Some offices would merge if this file is imported',
          `${joinedOnImport.toLocaleString()} ${joinedOnImport === 1 ? 'office shares' : 'offices share'} an NPI, or a name and ZIP with no NPI, with another office in the file. An import takes those as one office; give them an NPI or tell their names apart to keep them apart.`,
        );
      }
    } catch (e) {
      notifyError('Export failed', e);
    } finally {
      setExporting(false);
    }
  }

  return (
    <Stack gap="sm" style={{ flex: 1, minHeight: 0 }}>
      <Group justify="space-between" wrap="nowrap">
        <Group gap="sm" wrap="nowrap">
          <Title order={2} size="h3">
            Offices
          </Title>
          <Text c="dimmed" size="sm" aria-live="polite" data-testid="office-count">
            {rows.total === null ? 'Loading…' : `${rows.total.toLocaleString()} ${rows.total === 1 ? 'office' : 'offices'}`}
          </Text>
        </Group>
        <Group gap="xs" wrap="nowrap">
          <Switch label="Show archived" checked={includeArchived} onChange={(e) => setIncludeArchived(e.currentTarget.checked)} />
          <ColumnsMenu columns={columns} visibility={visibility} onChange={setVisibility} />
          <Checkbox
            label="Include people — one row per person"
            checked={exportPeople}
            onChange={(e) => setExportPeople(e.currentTarget.checked)}
          />
          <Button variant="default" onClick={() => void exportCsv()} loading={exporting} disabled={!rows.total}>
            Export CSV
          </Button>
          <Button onClick={() => setCreating(true)}>New office</Button>
        </Group>
      </Group>
      <TextInput
        ref={searchRef}
        aria-label="Quick search"
        placeholder="Search name, city, ZIP, phone, NPI or liaison"
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setSearch('');
          if (e.key === 'ArrowDown') {
            // Down from the search box goes to the first office; Enter opens it.
            e.preventDefault();
            tableRef.current?.focusFirstRow();
          }
        }}
        rightSection={<Kbd size="xs">Ctrl K</Kbd>}
        rightSectionWidth={60}
      />
      {rows.total === 0 && !narrowed && !includeArchived ? (
        <EmptyState
          title="No offices yet"
          body="Add the referring offices you work with, or bring in the spreadsheet you keep them in today."
          actions={
            <>
              <Button onClick={() => setCreating(true)}>New office</Button>
              <Button variant="default" component={Link} to={href('/import')}>
                Import a spreadsheet
              </Button>
            </>
          }
        />
      ) : (
        <>
          <DataTable
            ref={tableRef}
            label="Offices"
            columns={columns}
            rows={rows}
            rowKey={(o) => o.id}
            rowClassName={(o) => (o.archivedAt ? 'archived' : undefined)}
            onOpen={(o) => void navigate(href('/offices/:id', { id: o.id }))}
            onLeaveTop={() => searchRef.current?.focus()}
            scrollTestId="office-scroll"
            sorting={sorting}
            onSortingChange={setSorting}
            columnFilters={filters}
            onColumnFiltersChange={setFilters}
            columnVisibility={visibility}
            onColumnVisibilityChange={setVisibility}
          />
          {rows.total === 0 && (
            <EmptyState
              title="No office matches"
              body="Nothing matches this search and these filters."
              actions={
                <Button
                  variant="default"
                  onClick={() => {
                    setSearch('');
                    setFilters([]);
                  }}
                >
                  Clear search and filters
                </Button>
              }
            />
          )}
        </>
      )}
      <OfficeFormModal
        opened={creating}
        onClose={() => setCreating(false)}
        onSaved={(o) => {
          setCreating(false);
          notifyDone(`${o.name} added.`);
          void navigate(href('/offices/:id', { id: o.id }));
        }}
      />
    </Stack>
  );
}
