import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type ColumnFiltersState,
  type SortingState,
  type Updater,
  type VisibilityState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useImperativeHandle, useRef, type KeyboardEvent, type Ref } from 'react';
import type { PagedRows } from '../hooks/usePagedQuery';
import { ColumnFilter } from './ColumnFilter';
import './columnMeta';

const ROW_HEIGHT = 36;
/** aria-rowindex counts the header's two rows (titles, filters) before the first data row */
const HEADER_ROWS = 2;

export interface DataTableHandle {
  /** Moves focus to the first row on screen (its link, else the row), as Down does from a search box. */
  focusFirstRow(): void;
  /** Moves focus to the row with this key if it is on screen; says whether it was. */
  focusRowByKey(key: string): boolean;
}

export interface DataTableProps<T> {
  /** the table's accessible name */
  label: string;
  /** Each with an `id` (the server's sort column / filter key), an accessor, and `meta.width`. */
  columns: ColumnDef<T>[];
  rows: PagedRows<T>;
  rowKey: (row: T) => string;
  rowClassName?: (row: T) => string | undefined;
  /** A click on a row, or Enter on a row without a link, opens it. */
  onOpen?: (row: T) => void;
  /** A key pressed on a focused row or its link (not in a control inside it); true if it was handled. */
  onRowKey?: (row: T, key: string) => boolean;
  /** Up on the first row: back to where the user came from (the search box). */
  onLeaveTop?: () => void;
  sorting: SortingState;
  onSortingChange: (s: SortingState) => void;
  columnFilters: ColumnFiltersState;
  onColumnFiltersChange: (f: ColumnFiltersState) => void;
  columnVisibility: VisibilityState;
  onColumnVisibilityChange: (v: VisibilityState) => void;
  scrollTestId?: string;
  ref?: Ref<DataTableHandle>;
}

const apply = <S,>(u: Updater<S>, old: S): S => (typeof u === 'function' ? (u as (o: S) => S)(old) : u);

/**
 * A server-paged list. TanStack Table owns the columns, sorting, per-column filters and visibility;
 * the server sorts and filters (manual modes); the virtualiser draws only the rows in view, and
 * `rows` fetches the blocks they fall in.
 */
export function DataTable<T>(p: DataTableProps<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const virtualizer = useVirtualizer({
    count: p.rows.total ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });
  const items = virtualizer.getVirtualItems();
  const loaded = items.map((it) => p.rows.rowAt(it.index));

  // TanStack sees only the rows on screen: enough for its cells, and cheap at any list size.
  const table = useReactTable<T>({
    data: loaded.filter((r): r is T => r !== undefined),
    columns: p.columns,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualFiltering: true,
    manualPagination: true,
    // `data` is a new array on every render (the rows in view); TanStack's auto-resets would set
    // its state on each one, and every state change renders again: an endless loop.
    autoResetAll: false,
    enableMultiSort: false,
    enableSortingRemoval: false,
    sortDescFirst: false,
    state: { sorting: p.sorting, columnFilters: p.columnFilters, columnVisibility: p.columnVisibility },
    onSortingChange: (u) => p.onSortingChange(apply(u, p.sorting)),
    onColumnFiltersChange: (u) => p.onColumnFiltersChange(apply(u, p.columnFilters)),
    onColumnVisibilityChange: (u) => p.onColumnVisibilityChange(apply(u, p.columnVisibility)),
  });

  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  const { ensureRange, total } = p.rows;
  useEffect(() => {
    if (total) ensureRange(first, last);
  }, [first, last, total, ensureRange]);

  // A new query starts at the top; a refresh of the same query keeps the place.
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [p.rows.queryKey]);

  useImperativeHandle(p.ref, () => ({
    focusFirstRow: () => focusRow(bodyRef.current?.querySelector<HTMLTableRowElement>('tr[aria-rowindex]') ?? null),
    focusRowByKey: (key) => {
      const at = items.findIndex((_, i) => loaded[i] !== undefined && p.rowKey(loaded[i]) === key);
      const tr = at === -1 ? null : bodyRef.current?.querySelector<HTMLTableRowElement>(`tr[aria-rowindex="${items[at]!.index + HEADER_ROWS + 1}"]`);
      focusRow(tr ?? null);
      return !!tr;
    },
  }));

  function onKeyDown(e: KeyboardEvent<HTMLTableSectionElement>): void {
    const tr = (e.target as HTMLElement).closest<HTMLTableRowElement>('tr[aria-rowindex]');
    if (!tr) return;
    const index = Number(tr.getAttribute('aria-rowindex')) - HEADER_ROWS - 1;
    // The row itself or its link (where focusing a row puts the keyboard); never a control being typed in.
    const onRow = e.target === tr || (e.target as HTMLElement).tagName === 'A';
    if (p.onRowKey && onRow && !e.ctrlKey && !e.metaKey && !e.altKey) {
      const row = p.rows.rowAt(index);
      if (row && p.onRowKey(row, e.key)) {
        e.preventDefault();
        return;
      }
    }
    if (e.key === 'Enter' && e.target === tr) {
      const row = p.rows.rowAt(index);
      if (row && p.onOpen) {
        e.preventDefault();
        p.onOpen(row);
      }
      return;
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    if (e.key === 'ArrowUp' && index === 0) {
      p.onLeaveTop?.();
      return;
    }
    const next = index + (e.key === 'ArrowDown' ? 1 : -1);
    focusRow(bodyRef.current?.querySelector<HTMLTableRowElement>(`tr[aria-rowindex="${next + HEADER_ROWS + 1}"]`) ?? null);
  }

  const columns = table.getVisibleLeafColumns();
  const modelRows = table.getRowModel().rows;
  let nextModelRow = 0;
  const seen = new Set<string>();
  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);

  return (
    <div ref={scrollRef} style={{ flex: 1, overflow: 'auto', minHeight: 0 }} data-testid={p.scrollTestId}>
      <table className="data-table" aria-label={p.label} aria-rowcount={(p.rows.total ?? 0) + HEADER_ROWS} data-version={p.rows.version}>
        <colgroup>
          {columns.map((c) => (
            <col key={c.id} style={{ width: c.columnDef.meta?.width }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {table.getHeaderGroups()[0]!.headers.map((h) => {
              const sorted = h.column.getIsSorted();
              const label = flexRender(h.column.columnDef.header, h.getContext());
              return (
                <th key={h.id} scope="col" aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}>
                  {h.column.getCanSort() ? (
                    <button type="button" className="sort-button" onClick={h.column.getToggleSortingHandler()}>
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
        <tbody ref={bodyRef} onKeyDown={onKeyDown}>
          {paddingTop > 0 && (
            <tr aria-hidden>
              <td colSpan={columns.length} style={{ height: paddingTop, padding: 0, border: 0 }} />
            </tr>
          )}
          {items.map((it, i) => {
            const row = loaded[i];
            if (row === undefined) {
              return (
                <tr key={`loading-${it.key}`} aria-busy>
                  <td colSpan={columns.length} style={{ color: 'var(--mantine-color-dimmed)' }}>
                    Loading…
                  </td>
                </tr>
              );
            }
            const model = modelRows[nextModelRow++]!;
            // While a refresh shifts rows between blocks one record can briefly sit in two places.
            let key = p.rowKey(row);
            if (seen.has(key)) key = `${key}@${it.index}`;
            seen.add(key);
            const extra = p.rowClassName?.(row);
            return (
              <tr
                key={key}
                className={extra ? `data-row ${extra}` : 'data-row'}
                aria-rowindex={it.index + HEADER_ROWS + 1}
                tabIndex={p.onOpen ? -1 : undefined}
                onClick={p.onOpen ? () => p.onOpen!(row) : undefined}
              >
                {model.getVisibleCells().map((cell) => (
                  <td key={cell.column.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
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

/** Rows are reached through their link when they have one, so Enter follows it as it would anywhere. */
function focusRow(tr: HTMLTableRowElement | null): void {
  if (!tr) return;
  const target = tr.querySelector<HTMLElement>('a[href]') ?? tr;
  target.focus();
  target.scrollIntoView({ block: 'nearest' });
}
