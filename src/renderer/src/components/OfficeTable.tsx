import { Badge, Checkbox, Group, Menu, MultiSelect, TextInput, Button } from '@mantine/core';
import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type ColumnFiltersState,
  type SortingState,
  type VisibilityState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import {
  OFFICE_KIND_LABELS,
  OFFICE_KINDS,
  STAGE_LABELS,
  STAGES,
  TIERS,
  type OfficeRow,
  type SortableColumn,
} from '../../../shared/domain/office';
import { href, Link, useNavigate } from 'react-router';

const ROW_HEIGHT = 36;

type FilterKind = { type: 'text'; placeholder: string } | { type: 'multi'; options: { value: string; label: string }[] };

declare module '@tanstack/react-table' {
  interface ColumnMeta<TData, TValue> {
    /** how one cell shows the office; rows arrive in blocks, so cells render from the record itself */
    render: (row: TData) => ReactNode;
    filter?: FilterKind;
    width: number;
    _unused?: TValue;
  }
}

const text = (v: string | null) => v ?? '';

/** The list's columns. `id` is the server's sort column / filter key where it has one. */
export const OFFICE_COLUMNS: ColumnDef<OfficeRow>[] = [
  {
    id: 'name',
    header: 'Name',
    meta: {
      width: 280,
      render: (r) => (
        <Link to={href('/offices/:id', { id: r.id })} onClick={(e) => e.stopPropagation()}>
          {r.name}
        </Link>
      ),
      filter: { type: 'text', placeholder: 'contains…' },
    },
  },
  {
    id: 'kind',
    header: 'Kind',
    meta: {
      width: 130,
      render: (r) => OFFICE_KIND_LABELS[r.kind],
      filter: { type: 'multi', options: OFFICE_KINDS.map((k) => ({ value: k, label: OFFICE_KIND_LABELS[k] })) },
    },
  },
  { id: 'specialty', header: 'Specialties', enableSorting: false, meta: { width: 150, render: (r) => r.specialties.join(', '), filter: { type: 'text', placeholder: 'contains…' } } },
  { id: 'city', header: 'City', meta: { width: 130, render: (r) => text(r.city), filter: { type: 'text', placeholder: 'contains…' } } },
  { id: 'state', header: 'State', meta: { width: 70, render: (r) => text(r.state), filter: { type: 'text', placeholder: 'OH' } } },
  { id: 'zip', header: 'ZIP', meta: { width: 90, render: (r) => text(r.zip), filter: { type: 'text', placeholder: 'starts…' } } },
  { id: 'phone', header: 'Phone', enableSorting: false, meta: { width: 125, render: (r) => text(r.phone) } },
  { id: 'npi', header: 'NPI', enableSorting: false, meta: { width: 110, render: (r) => text(r.npi) } },
  {
    id: 'tier',
    header: 'Tier',
    meta: {
      width: 70,
      render: (r) => (r.tier ? <Badge variant="light" color={r.tier === 'A' ? 'teal' : r.tier === 'B' ? 'blue' : 'gray'}>{r.tier}</Badge> : ''),
      filter: { type: 'multi', options: TIERS.map((t) => ({ value: t, label: t })) },
    },
  },
  {
    id: 'stage',
    header: 'Stage',
    meta: { width: 120, render: (r) => STAGE_LABELS[r.stage], filter: { type: 'multi', options: STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] })) } },
  },
  { id: 'owner', header: 'Liaison', meta: { width: 130, render: (r) => text(r.owner), filter: { type: 'text', placeholder: 'contains…' } } },
  { id: 'tag', header: 'Tags', enableSorting: false, meta: { width: 140, render: (r) => r.tags.join(', '), filter: { type: 'text', placeholder: 'contains…' } } },
  { id: 'updatedAt', header: 'Updated', meta: { width: 110, render: (r) => r.updatedAt.slice(0, 10) } },
];

export const SORTABLE = new Set<string>(['name', 'kind', 'city', 'state', 'zip', 'tier', 'stage', 'owner', 'updatedAt'] satisfies SortableColumn[]);

interface Props {
  total: number;
  rowAt: (i: number) => OfficeRow | undefined;
  ensureRange: (first: number, last: number) => void;
  version: number;
  sorting: SortingState;
  onSortingChange: (s: SortingState) => void;
  columnFilters: ColumnFiltersState;
  onColumnFiltersChange: (f: ColumnFiltersState) => void;
  columnVisibility: VisibilityState;
  onColumnVisibilityChange: (v: VisibilityState) => void;
}

/**
 * TanStack Table owns the columns, sorting, per-column filters and visibility; the server does the
 * sorting and filtering (manual modes) and the virtualiser draws only the rows in view.
 */
export function OfficeTable(p: Props) {
  const navigate = useNavigate();
  const table = useReactTable<OfficeRow>({
    data: [],
    columns: OFFICE_COLUMNS,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualFiltering: true,
    enableSortingRemoval: false,
    state: { sorting: p.sorting, columnFilters: p.columnFilters, columnVisibility: p.columnVisibility },
    onSortingChange: (u) => p.onSortingChange(typeof u === 'function' ? u(p.sorting) : u),
    onColumnFiltersChange: (u) => p.onColumnFiltersChange(typeof u === 'function' ? u(p.columnFilters) : u),
    onColumnVisibilityChange: (u) => p.onColumnVisibilityChange(typeof u === 'function' ? u(p.columnVisibility) : u),
  });

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: p.total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  const { ensureRange } = p;
  useEffect(() => {
    if (p.total > 0) ensureRange(first, last);
  }, [first, last, p.total, ensureRange]);

  // A new query starts at the top.
  const filterKey = JSON.stringify([p.sorting, p.columnFilters]);
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [filterKey]);

  const columns = table.getVisibleLeafColumns();
  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);

  return (
    <div ref={scrollRef} style={{ flex: 1, overflow: 'auto', minHeight: 0 }} data-testid="office-scroll">
      <table className="office-table" aria-label="Offices" aria-rowcount={p.total + 2} data-version={p.version}>
        <colgroup>
          {columns.map((c) => (
            <col key={c.id} style={{ width: c.columnDef.meta!.width }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {table.getHeaderGroups()[0]!.headers.map((h) => {
              // Sorting is the server's: columns have no accessor, so TanStack's own canSort is false.
              const current = p.sorting[0];
              const sorted = current?.id === h.column.id ? (current.desc ? 'desc' : 'asc') : false;
              const label = flexRender(h.column.columnDef.header, h.getContext());
              return (
                <th key={h.id} aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'} scope="col">
                  {SORTABLE.has(h.column.id) ? (
                    <button type="button" className="sort-button" onClick={() => p.onSortingChange([{ id: h.column.id, desc: sorted === 'asc' }])}>
                      {label}
                      <span aria-hidden>{sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}</span>
                    </button>
                  ) : (
                    label
                  )}
                </th>
              );
            })}
          </tr>
          <tr>
            {columns.map((c) => (
              <th key={c.id}>
                <ColumnFilter column={c} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody onKeyDown={moveFocusBetweenRows}>
          {paddingTop > 0 && (
            <tr aria-hidden>
              <td colSpan={columns.length} style={{ height: paddingTop, padding: 0, border: 0 }} />
            </tr>
          )}
          {items.map((it) => {
            const row = p.rowAt(it.index);
            if (!row) {
              return (
                <tr key={it.key} aria-busy>
                  <td colSpan={columns.length} style={{ color: 'var(--mantine-color-dimmed)' }}>
                    Loading…
                  </td>
                </tr>
              );
            }
            return (
              <tr
                key={row.id}
                className={row.archivedAt ? 'data-row archived' : 'data-row'}
                aria-rowindex={it.index + 3}
                onClick={() => void navigate(href('/offices/:id', { id: row.id }))}
              >
                {columns.map((c) => (
                  <td key={c.id}>{c.columnDef.meta!.render(row)}</td>
                ))}
              </tr>
            );
          })}
          {paddingBottom > 0 && (
            <tr aria-hidden>
              <td colSpan={columns.length} style={{ height: paddingBottom, padding: 0, border: 0 }} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

/** Up and Down move between offices' links, as in any list; Enter (the link's own) opens one. */
function moveFocusBetweenRows(e: KeyboardEvent<HTMLTableSectionElement>): void {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
  const links = [...e.currentTarget.querySelectorAll<HTMLAnchorElement>('tr[aria-rowindex] a')];
  const at = links.indexOf(document.activeElement as HTMLAnchorElement);
  if (at === -1) return;
  e.preventDefault();
  const next = links[at + (e.key === 'ArrowDown' ? 1 : -1)];
  if (next) {
    next.focus();
    next.scrollIntoView({ block: 'nearest' });
  } else if (e.key === 'ArrowUp') {
    document.querySelector<HTMLInputElement>('input[aria-label="Quick search"]')?.focus();
  }
}

function ColumnFilter({ column }: { column: ReturnType<ReturnType<typeof useReactTable<OfficeRow>>['getVisibleLeafColumns']>[number] }) {
  const f = column.columnDef.meta?.filter;
  const header = String(column.columnDef.header);
  if (!f) return null;
  if (f.type === 'text') {
    return (
      <TextInput
        size="xs"
        aria-label={`Filter ${header}`}
        placeholder={f.placeholder}
        value={(column.getFilterValue() as string | undefined) ?? ''}
        onChange={(e) => column.setFilterValue(e.currentTarget.value || undefined)}
      />
    );
  }
  return (
    <MultiSelect
      size="xs"
      aria-label={`Filter ${header}`}
      placeholder="any"
      data={f.options}
      value={(column.getFilterValue() as string[] | undefined) ?? []}
      onChange={(v) => column.setFilterValue(v.length ? v : undefined)}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

export function ColumnsMenu({ visibility, onChange }: { visibility: VisibilityState; onChange: (v: VisibilityState) => void }) {
  return (
    <Menu closeOnItemClick={false} position="bottom-end">
      <Menu.Target>
        <Button variant="default">Columns</Button>
      </Menu.Target>
      <Menu.Dropdown>
        {OFFICE_COLUMNS.filter((c) => c.id !== 'name').map((c) => (
          <Menu.Item key={c.id} component="div">
            <Group gap="xs">
              <Checkbox
                label={String(c.header)}
                checked={visibility[c.id!] !== false}
                onChange={(e) => onChange({ ...visibility, [c.id!]: e.currentTarget.checked })}
              />
            </Group>
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
