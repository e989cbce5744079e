import type { ColumnFiltersState, SortingState } from '@tanstack/react-table';
import { SORTABLE_COLUMNS, type OfficeFilters, type OfficeQuery, type SortableColumn } from '../../../shared/domain/office';

const isSortable = (id: string): id is SortableColumn => (SORTABLE_COLUMNS as readonly string[]).includes(id);

/** The table's state as the server's office query: the column ids are the server's filter keys. */
export function toOfficeQuery(search: string, sorting: SortingState, filters: ColumnFiltersState, includeArchived: boolean): OfficeQuery {
  const f: Record<string, unknown> = {};
  for (const { id, value } of filters) f[id] = value;
  const s = sorting[0];
  return {
    search,
    filters: f as OfficeFilters,
    sort: s && isSortable(s.id) ? { column: s.id, desc: s.desc } : { column: 'name', desc: false },
    includeArchived,
  };
}
